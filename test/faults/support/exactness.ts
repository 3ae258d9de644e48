import type { LoadedConfig } from '../../../shared/config/load.ts';
import { TALLIES, tallyFromTopic, type Counts } from '../../../orchestrator/checks/tallies.ts';
import type { GroundTruthFile } from '../../../orchestrator/election/ground-truth.ts';
import { flattenByRegion } from '../../support/ground-truth.ts';
import { kafkaSettings } from '../../../shared/config/settings.ts';

// The tally topics against the simulator's ground truth: every figure, and how many votes are
// missing (lost) or in excess (counted twice) per candidate.

export interface TallyComparison {
  byCandidate: { actual: Counts; expected: Counts };
  byParty: { actual: Counts; expected: Counts };
  byRegionCandidate: { actual: Counts; expected: Counts };
  rejectedByReason: { actual: Counts; expected: Counts };
  /** Votes the ground truth has and the tallies miss, summed over candidates. */
  lost: number;
  /** Votes the tallies have beyond the ground truth, summed over candidates. */
  doubled: number;
}

function tally(name: string): (typeof TALLIES)[number] {
  const found = TALLIES.find((t) => t.name === name);
  if (!found) throw new Error(`no tally named ${name}`);
  return found;
}

export async function compareWithGroundTruth(config: LoadedConfig, truth: GroundTruthFile): Promise<TallyComparison> {
  const [byCandidate, byParty, byRegionCandidate, rejected] = await Promise.all([
    tallyFromTopic(kafkaSettings(config), tally('tally_by_candidate')),
    tallyFromTopic(kafkaSettings(config), tally('tally_by_party')),
    tallyFromTopic(kafkaSettings(config), tally('tally_by_region_candidate')),
    tallyFromTopic(kafkaSettings(config), tally('rejected_by_reason')),
  ]);
  const expectedByCandidate = new Map(Object.entries(truth.by_candidate));
  let lost = 0;
  let doubled = 0;
  for (const key of new Set([...expectedByCandidate.keys(), ...byCandidate.keys()])) {
    const difference = (byCandidate.get(key) ?? 0) - (expectedByCandidate.get(key) ?? 0);
    if (difference < 0) lost -= difference;
    else doubled += difference;
  }
  return {
    byCandidate: { actual: byCandidate, expected: expectedByCandidate },
    byParty: { actual: byParty, expected: new Map(Object.entries(truth.by_party)) },
    byRegionCandidate: { actual: byRegionCandidate, expected: flattenByRegion(truth.by_region_candidate) },
    rejectedByReason: { actual: rejected, expected: new Map(Object.entries(truth.rejected_by_reason).filter(([, n]) => n > 0)) },
    lost,
    doubled,
  };
}
