import { z } from 'zod';
import type { Topics } from '../config/schema.ts';
import type {
  RejectedByReason, TallyByCandidate, TallyByParty, TallyByRegionCandidate, TurnoutByRegion, VotesPerMinute,
} from './model.ts';
import { castAt, count, minuteStart, ratio, text, url } from './tallyValues.ts';

// The six tally topics the page reads, each with its primary key and a schema for its JSON value
// (model.ts is the contract). Validation happens here, at the edge, so the view only holds rows it
// can draw: tallyValues.ts says what each kind of value may be and what is made of it.

const candidateRow = z.object({
  candidate_id: text, candidate_name: text, party_id: text, party_name: text,
  photo_url: url, votes: count, last_cast_at: castAt,
});
const partyRow = z.object({
  party_id: text, party_name: text, color: text, votes: count, last_cast_at: castAt,
});
const regionCandidateRow = z.object({
  region_id: text, candidate_id: text, candidate_name: text, party_id: text,
  votes: count, last_cast_at: castAt,
});
const turnoutRow = z.object({
  region_id: text, region_name: text, registered_voters: count, votes: count,
  turnout: ratio, last_cast_at: castAt,
});
const perMinuteRow = z.object({ minute_start: minuteStart, votes: count, last_cast_at: castAt });
// Any reason is kept (a reason the pipeline adds before the page knows it still counts), shown as text.
const rejectedRow = z.object({ reason: text, events: count });

/** A rejected-by-reason row as the page holds it: the reason as (cleaned) text. */
export type RejectedRow = Omit<RejectedByReason, 'reason'> & { reason: string };

export interface TallyRowTypes {
  candidates: TallyByCandidate;
  parties: TallyByParty;
  regionCandidates: TallyByRegionCandidate;
  turnout: TurnoutByRegion;
  votesPerMinute: VotesPerMinute;
  rejected: RejectedRow;
}
export type TallyKind = keyof TallyRowTypes;

export interface TallyTopic<K extends TallyKind> {
  kind: K;
  /** The key of config.env.kafka.topics naming this topic. */
  topicKey: keyof Topics;
  /** Primary key columns, in order; the key JSON object holds exactly these. */
  primaryKey: readonly (keyof TallyRowTypes[K] & string)[];
  /** Parses an untrusted JSON value into a row (cleaning text and times as tallyValues.ts says). */
  schema: z.ZodType<TallyRowTypes[K], unknown>;
}

/** The six tally topics by kind: the config key naming each, its primary key and its row schema. */
export const TALLY_TOPICS: { [K in TallyKind]: TallyTopic<K> } = {
  candidates: { kind: 'candidates', topicKey: 'tallyByCandidate', primaryKey: ['candidate_id'], schema: candidateRow },
  parties: { kind: 'parties', topicKey: 'tallyByParty', primaryKey: ['party_id'], schema: partyRow },
  regionCandidates: { kind: 'regionCandidates', topicKey: 'tallyByRegion', primaryKey: ['region_id', 'candidate_id'], schema: regionCandidateRow },
  turnout: { kind: 'turnout', topicKey: 'turnoutByRegion', primaryKey: ['region_id'], schema: turnoutRow },
  votesPerMinute: { kind: 'votesPerMinute', topicKey: 'votesPerMinute', primaryKey: ['minute_start'], schema: perMinuteRow },
  rejected: { kind: 'rejected', topicKey: 'rejectedByReason', primaryKey: ['reason'], schema: rejectedRow },
};

/** The kinds of TALLY_TOPICS, in its order. */
export const TALLY_KINDS = Object.keys(TALLY_TOPICS) as TallyKind[];
