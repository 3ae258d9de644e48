// How big each fault scenario's election is. TALLY_FAULTS_SHORT=1 (CI) runs smaller elections and
// only the TaskManager and Kafka scenarios (see vitest.faults.config.ts).

export interface ElectionSize {
  voters: number;
  /** Votes per second: slow enough that the fault lands while votes are still being cast. */
  rate: number;
  chaos: number;
  /** The fault is injected once this share of the voters' votes is counted. */
  faultAt: number;
}

export const SHORT = process.env.TALLY_FAULTS_SHORT === '1';

export const ELECTION: ElectionSize = SHORT
  ? { voters: 2500, rate: 250, chaos: 0.05, faultAt: 0.15 }
  : { voters: 4000, rate: 250, chaos: 0.05, faultAt: 0.2 };
