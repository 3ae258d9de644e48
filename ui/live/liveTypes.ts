import type { QualityFinding } from '../../shared/checks/qualityFinding.ts';
import type { Candidate, Party, Region } from '../../shared/election/model.ts';

export type RegisteredCandidate = Pick<Candidate, 'candidate_id' | 'name' | 'party_id'>;

// What the page knows besides the tally topics: the register in Postgres, the pipeline's health
// and data-quality checks (provided by the orchestrator), and the state of the topic reader.

export interface RegistryFigures {
  registeredVoters: number | null;
  candidates: number | null;
  parties: Party[];
  regions: Region[];
  /** Who stands, for photos of candidates without votes yet. */
  candidateList: RegisteredCandidate[];
  /** Epoch ms of the last successful read; null before the first one. */
  refreshedAt: number | null;
  /** True when the last read failed and the figures shown are older ones. */
  stale: boolean;
}

export const EMPTY_REGISTRY: RegistryFigures = {
  registeredVoters: null, candidates: null, parties: [], regions: [], candidateList: [], refreshedAt: null, stale: false,
};

export interface PipelineJob { name: string; status: string; lastCheckpoint?: number | string }
export interface PipelineHealth { jobs: PipelineJob[] }
export interface QualityCheck {
  name: string;
  ok: boolean;
  /** What the check found, as `tally check` prints it (exact ids and keys). */
  detail: string;
  /** The same as figures, which the page puts in words instead of `detail` (names for ids, clock times for buckets). */
  finding?: QualityFinding;
}

/** One run of `tally check`: the checks, and when they ran. */
export interface QualityReport {
  /** Epoch ms when the run began: every figure the checks compared was read at or after it. */
  checkedAt: number;
  checks: QualityCheck[];
}

/** Providers the orchestrator wires in; each returns null when it cannot tell. */
export interface OperationsProviders {
  getHealth?: () => Promise<PipelineHealth | null>;
  getChecks?: () => Promise<QualityReport | null>;
}

export interface OperationsStatus {
  health: PipelineHealth | null;
  quality: QualityReport | null;
}

export interface ReaderStatus {
  connected: boolean;
  caughtUp: boolean;
  malformedMessages: number;
}
