import { readFileSync } from 'node:fs';
import { poll } from '../../shared/poll.ts';
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

/**
 * Runs `tally check` (plus, given the simulator's ground-truth file, tally_by_candidate against it)
 * every second until every check passes or `timeoutMs` (ms) has passed; once a run passes, runs
 * them once more and returns that run. A run reads its figures one after another while the Postgres
 * archive may still be flushing its last batch, so the first passing run can show a row count read
 * before that batch beside tallies read after it (995,711 votes beside 1,000,000 in a 1M-voter
 * demo); once a run has passed, nothing is left to arrive, and the run after it reads every figure
 * final. Should that run not pass (votes still arriving), polling carries on.
 * @returns whether all passed, the last results and how long it waited (s)
 * @throws what runChecks throws (a service unreachable)
 */
export async function waitUntilReconciled(config: LoadedConfig, options: { groundTruthFile?: string; timeoutMs: number }): Promise<Reconciliation> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const allOk = (checks: CheckResult[]): boolean => checks.every((c) => c.ok);
  const checksNow = async (): Promise<CheckResult[]> => {
    const checks = await runChecks(config);
    if (options.groundTruthFile) checks.push(await groundTruthCheck(config, options.groundTruthFile));
    return checks;
  };
  for (;;) {
    const passed = (await poll(checksNow, { timeoutMs: Math.max(0, deadline - Date.now()), intervalMs: 1_000, until: allOk }))!;
    const checks = allOk(passed) ? await checksNow() : passed;
    if (allOk(checks) || Date.now() >= deadline) return { ok: allOk(checks), checks, waitedSeconds: (Date.now() - started) / 1000 };
  }
}
