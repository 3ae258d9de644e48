import type { BenchElection } from './bench-election.ts';
import { round } from './stats.ts';

// Benchmark 4, registration: a fresh election with `voters` voters into Postgres (COPY, in
// transactions) and the compacted voters topic, timed from the first step to the last.

export interface RegistrationResult {
  voters: number;
  seconds: number;
  votersPerSecond: number;
}

export async function measureRegistration(election: BenchElection, voters: number): Promise<RegistrationResult> {
  const summary = await election.register(voters);
  return { voters: summary.voters, seconds: round(summary.seconds, 1), votersPerSecond: summary.votersPerSecond };
}
