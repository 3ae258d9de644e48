import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { compareCounts, describeDifferences } from '../checks/compare.ts';
import { runChecks, type CheckResult } from '../checks/quality.ts';
import { TALLIES, tallyFromTopic } from '../checks/tallies.ts';
import type { GroundTruthFile } from '../election/ground-truth.ts';
import { kafkaSettings } from '../../shared/config/settings.ts';

// "Every vote tallied": the checks pass (tallies read back from Kafka equal the counts computed in
// Postgres, every event counted or rejected) and, when this run cast the votes, the tallies equal
// the simulator's ground truth.

export interface Reconciliation {
  ok: boolean;
  checks: CheckResult[];
  waitedSeconds: number;
}

async function groundTruthCheck(config: LoadedConfig, file: string): Promise<CheckResult> {
  const truth = JSON.parse(readFileSync(file, 'utf8')) as GroundTruthFile;
  const byCandidate = TALLIES.find((t) => t.name === 'tally_by_candidate')!;
  const live = await tallyFromTopic(kafkaSettings(config), byCandidate);
  const differences = compareCounts(new Map(Object.entries(truth.by_candidate)), live);
  return {
    check: 'tally_by_candidate equals ground truth',
    ok: differences.length === 0,
    detail: differences.length === 0 ? `${truth.total_valid} votes as the simulator cast them` : describeDifferences(differences),
  };
}

export async function waitUntilReconciled(config: LoadedConfig, options: { groundTruthFile?: string; timeoutMs: number }): Promise<Reconciliation> {
  const started = Date.now();
  while (true) {
    const checks = await runChecks(config);
    if (options.groundTruthFile) checks.push(await groundTruthCheck(config, options.groundTruthFile));
    const ok = checks.every((c) => c.ok);
    if (ok || Date.now() - started > options.timeoutMs) return { ok, checks, waitedSeconds: (Date.now() - started) / 1000 };
    await sleep(1_000);
  }
}
