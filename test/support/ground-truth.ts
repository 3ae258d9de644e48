import { readFileSync } from 'node:fs';
import type { GroundTruthFile } from '../../orchestrator/election/ground-truth.ts';

// The simulator's ground truth, shaped like the tallies read back from their topics.

export function readGroundTruth(file: string): GroundTruthFile {
  return JSON.parse(readFileSync(file, 'utf8')) as GroundTruthFile;
}

/** by_region_candidate as the tally topic keys it: `region|candidate` -> votes. */
export function flattenByRegion(nested: Record<string, Record<string, number>>): Map<string, number> {
  const flat = new Map<string, number>();
  for (const [region, byCandidate] of Object.entries(nested)) {
    for (const [candidate, votes] of Object.entries(byCandidate)) flat.set(`${region}|${candidate}`, votes);
  }
  return flat;
}
