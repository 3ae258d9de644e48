import { expect } from 'vitest';
import { runTally } from '../../support/cli.ts';
import type { ElectionUnderFault } from './election.ts';
import { recordFaultResult } from './results.ts';

// The end of every fault scenario: `tally check` passes, every tally equals the ground truth
// exactly, and what was measured goes into the run's summary.

export async function expectEveryVoteCountedOnce(scenario: string, fault: string, run: ElectionUnderFault): Promise<void> {
  const { comparison } = run;
  recordFaultResult({
    scenario,
    fault,
    recoveredWhen: run.measure.recoveredWhen,
    recoveryMs: run.measure.recoveryMs,
    votesCast: run.truth.total_valid,
    votesLost: comparison.lost,
    votesCountedTwice: comparison.doubled,
    reconciledAfterMs: run.reconciledAfterMs,
    note: run.measure.note,
  });
  const failed = run.reconciliation.checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`);
  expect(failed, 'checks that did not pass within the reconciliation wait').toEqual([]);
  expect(comparison.lost, 'votes lost').toBe(0);
  expect(comparison.doubled, 'votes counted twice').toBe(0);
  expect(comparison.byCandidate.actual).toEqual(comparison.byCandidate.expected);
  expect(comparison.byParty.actual).toEqual(comparison.byParty.expected);
  expect(comparison.byRegionCandidate.actual).toEqual(comparison.byRegionCandidate.expected);
  expect(comparison.rejectedByReason.actual).toEqual(comparison.rejectedByReason.expected);
  expect(run.truth.surprises).toEqual([]);

  const check = await runTally(['check', '--json']);
  expect(check.code, check.stderr).toBe(0);
  const checks = JSON.parse(check.stdout) as { check: string; ok: boolean }[];
  expect(checks.filter((c) => !c.ok)).toEqual([]);
}
