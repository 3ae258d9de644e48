import type { RejectReason, Vote } from '../../shared/election/model.ts';

// The reference rules for validating a raw event on the votes topic, as the Flink validation job
// applies them. The ground truth classifies every event it produces with these rules, in the order
// the events are produced to their partition.
//
// 1. oversized:          the raw event is longer than MAX_EVENT_CHARS characters (UTF-16 units)
// 2. malformed:          not JSON, not an object, or a field missing/null/of the wrong type
//                        (vote_id, voter_id, candidate_id, region_id strings; cast_at an integer),
//                        or a vote_id that is not 1-64 of A-Z a-z 0-9 _ . : -
//    invalid_cast_at:    cast_at (epoch ms) before 2000-01-01 or from 2100-01-01 on
// 3. unknown_voter:      voter_id is not a registered voter
// 4. unknown_candidate:  candidate_id is not a registered candidate
// 5. duplicate_delivery: the voter's counted vote has this vote_id (the same vote seen again)
//    duplicate_vote:     the voter already has a counted vote with another vote_id
// Otherwise the vote is counted: the first valid vote per voter counts.

export const MAX_EVENT_CHARS = 4096;

/** What a vote_id may be: it is written to Postgres and Kafka as it is (no NUL, no control characters). */
export const VOTE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The times a vote may carry (epoch ms, [from, until)): what every sink can store. */
export const CAST_AT_RANGE = { from: Date.UTC(2000, 0, 1), until: Date.UTC(2100, 0, 1) } as const;

export const REASON_PRECEDENCE: readonly RejectReason[] = [
  'oversized', 'malformed', 'invalid_cast_at', 'unknown_voter', 'unknown_candidate', 'duplicate_delivery', 'duplicate_vote',
];

export type Verdict = { valid: true; vote: Vote } | { valid: false; reason: RejectReason };

export interface Register {
  isVoter(voterId: string): boolean;
  isCandidate(candidateId: string): boolean;
}

/** Parses a raw event into a Vote, or null when it is malformed (extra fields are allowed). */
export function parseVote(raw: string): Vote | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  return voteOf(value);
}

/** The Vote a parsed event holds, or null when it is malformed (rule 2 above; extra fields are allowed). */
function voteOf(value: unknown): Vote | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const strings = ['vote_id', 'voter_id', 'candidate_id', 'region_id'] as const;
  if (!strings.every((k) => typeof v[k] === 'string')) return null;
  if (!VOTE_ID.test(v.vote_id as string)) return null;
  // An integer that fits a BIGINT (PARSE_VOTE reads it as a Java long).
  if (typeof v.cast_at !== 'number' || !Number.isInteger(v.cast_at) || Math.abs(v.cast_at) >= 2 ** 63) return null;
  return { vote_id: v.vote_id as string, voter_id: v.voter_id as string, candidate_id: v.candidate_id as string, cast_at: v.cast_at, region_id: v.region_id as string };
}

/**
 * Judges one event given the register and the votes counted so far (voter_id -> vote_id), and
 * records it in `counted` when it is the voter's first valid vote.
 * @param value - the object `raw` is the JSON.stringify of, when the caller built it (the vote
 *   simulator's own votes): judged as JSON.parse(raw) would give it back, without parsing again
 */
export function judgeEvent(raw: string, register: Register, counted: Map<string, string>, value?: object): Verdict {
  if (raw.length > MAX_EVENT_CHARS) return { valid: false, reason: 'oversized' };
  const vote = value === undefined ? parseVote(raw) : voteOf(value);
  if (!vote) return { valid: false, reason: 'malformed' };
  if (vote.cast_at < CAST_AT_RANGE.from || vote.cast_at >= CAST_AT_RANGE.until) return { valid: false, reason: 'invalid_cast_at' };
  if (!register.isVoter(vote.voter_id)) return { valid: false, reason: 'unknown_voter' };
  if (!register.isCandidate(vote.candidate_id)) return { valid: false, reason: 'unknown_candidate' };
  const earlier = counted.get(vote.voter_id);
  if (earlier !== undefined) return { valid: false, reason: earlier === vote.vote_id ? 'duplicate_delivery' : 'duplicate_vote' };
  counted.set(vote.voter_id, vote.vote_id);
  return { valid: true, vote };
}
