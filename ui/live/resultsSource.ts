import type { ResultsSnapshot } from './resultsSnapshot.ts';
import type { ReaderStatus, RegisteredCandidate } from './liveTypes.ts';

/** What the HTTP routes need from the live side: the current results and a change signal. */
export interface ResultsSource {
  snapshot(now: number): ResultsSnapshot;
  readerStatus(): ReaderStatus;
  /** Candidates known to the tallies or the register, for generated photos. */
  findCandidate(candidateId: string): (RegisteredCandidate & { color: string }) | undefined;
  /** Calls `listener` after every change; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}
