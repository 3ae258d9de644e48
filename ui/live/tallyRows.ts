import { z } from 'zod';
import type { Topics } from '../../orchestrator/config/schema.ts';
import { REJECT_REASONS } from '../../orchestrator/election/model.ts';
import type {
  RejectedByReason, TallyByCandidate, TallyByParty, TallyByRegionCandidate, TurnoutByRegion, VotesPerMinute,
} from '../../orchestrator/election/model.ts';

// The six tally topics the page reads, each with its primary key and a schema for its JSON value
// (model.ts is the contract). Validation happens here, at the edge, so the view only holds good rows.

const count = z.number().int().nonnegative();
const epochMs = z.number().nonnegative();

const candidateRow = z.object({
  candidate_id: z.string(), candidate_name: z.string(), party_id: z.string(), party_name: z.string(),
  photo_url: z.string(), votes: count, last_cast_at: epochMs,
});
const partyRow = z.object({
  party_id: z.string(), party_name: z.string(), color: z.string(), votes: count, last_cast_at: epochMs,
});
const regionCandidateRow = z.object({
  region_id: z.string(), candidate_id: z.string(), candidate_name: z.string(), party_id: z.string(),
  votes: count, last_cast_at: epochMs,
});
const turnoutRow = z.object({
  region_id: z.string(), region_name: z.string(), registered_voters: count, votes: count,
  turnout: z.number().nonnegative(), last_cast_at: epochMs,
});
const perMinuteRow = z.object({ minute_start: epochMs, votes: count, last_cast_at: epochMs });
const rejectedRow = z.object({ reason: z.enum(REJECT_REASONS), events: count });

export interface TallyRowTypes {
  candidates: TallyByCandidate;
  parties: TallyByParty;
  regionCandidates: TallyByRegionCandidate;
  turnout: TurnoutByRegion;
  votesPerMinute: VotesPerMinute;
  rejected: RejectedByReason;
}
export type TallyKind = keyof TallyRowTypes;

export interface TallyTopic<K extends TallyKind> {
  kind: K;
  /** The key of config.env.kafka.topics naming this topic. */
  topicKey: keyof Topics;
  /** Primary key columns, in order; the key JSON object holds exactly these. */
  primaryKey: readonly (keyof TallyRowTypes[K] & string)[];
  schema: z.ZodType<TallyRowTypes[K]>;
}

export const TALLY_TOPICS: { [K in TallyKind]: TallyTopic<K> } = {
  candidates: { kind: 'candidates', topicKey: 'tallyByCandidate', primaryKey: ['candidate_id'], schema: candidateRow },
  parties: { kind: 'parties', topicKey: 'tallyByParty', primaryKey: ['party_id'], schema: partyRow },
  regionCandidates: { kind: 'regionCandidates', topicKey: 'tallyByRegion', primaryKey: ['region_id', 'candidate_id'], schema: regionCandidateRow },
  turnout: { kind: 'turnout', topicKey: 'turnoutByRegion', primaryKey: ['region_id'], schema: turnoutRow },
  votesPerMinute: { kind: 'votesPerMinute', topicKey: 'votesPerMinute', primaryKey: ['minute_start'], schema: perMinuteRow },
  rejected: { kind: 'rejected', topicKey: 'rejectedByReason', primaryKey: ['reason'], schema: rejectedRow },
};

export const TALLY_KINDS = Object.keys(TALLY_TOPICS) as TallyKind[];
