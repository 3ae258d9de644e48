import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

// What each fault scenario measured. The run's test files each run in their own module context, so
// results go through a file that summary.ts (the run's globalSetup) hands out and sums up.

export interface FaultResult {
  scenario: string;
  fault: string;
  /** What "recovered" means for this scenario. */
  recoveredWhen: string;
  recoveryMs: number;
  votesCast: number;
  votesLost: number;
  votesCountedTwice: number;
  /** How long after the last vote the tallies equalled the ground truth and Postgres. */
  reconciledAfterMs: number;
  note?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    faultResultsFile: string;
  }
}

export function recordFaultResult(result: FaultResult): void {
  appendFileSync(inject('faultResultsFile'), `${JSON.stringify(result)}\n`);
}
