import type { Producer } from 'kafkajs';
import type { Ballot } from './ballot.ts';
import { buildChaosEvent, CHAOS_KINDS, pickChaosKind, type ChaosEvent, type ChaosKind, type ProducedVote } from './chaos.ts';
import type { GroundTruth } from './ground-truth.ts';
import { deterministicUuid } from '../../shared/election/ids.ts';
import type { Candidate, Vote, Voter } from '../../shared/election/model.ts';
import { produceAll, type KeyedJson } from './produce.ts';
import type { RateLimiter } from './rate-limiter.ts';

// Turns voters into votes on the votes topic: one vote each (the seed's ballot picks the
// candidate), now and then an injected bad event next to it, every event booked in the ground
// truth in the order it is produced. Votes wait in a buffer until flush() sends them.

export interface VoteWriterOptions {
  producer: Producer;
  topic: string;
  seed: number;
  ballot: Ballot;
  candidates: readonly Candidate[];
  truth: GroundTruth;
  /** Share of extra bad events per vote, 0..1. */
  chaosRatio: number;
  /** Seeded randomness for chaos events. */
  random: () => number;
  /** Paces flushes; none = send as soon as flushed. */
  limiter?: RateLimiter;
  /** Clock for cast_at, epoch ms. */
  now?: () => number;
}

const RECENT_VOTES = 1000;

/**
 * Writes votes to `options.topic` (see above). `votes` and `badEvents` count what was cast so far
 * (buffered or sent).
 */
export class VoteWriter {
  votes = 0;
  readonly badEvents = Object.fromEntries(CHAOS_KINDS.map((k) => [k, 0])) as Record<ChaosKind, number>;
  readonly #options: VoteWriterOptions;
  readonly #recent: ProducedVote[] = [];
  #outgoing: KeyedJson[] = [];
  #votesOutgoing = 0;
  #serial = 0;
  #sending: Promise<void> = Promise.resolve();

  constructor(options: VoteWriterOptions) {
    this.#options = options;
  }

  /** Buffers the vote of `voter` (and maybe a bad event); cast_at is now. */
  cast(voter: Pick<Voter, 'voter_id' | 'region_id'>): void {
    const { seed, ballot, chaosRatio, random, candidates } = this.#options;
    const now = this.#options.now?.() ?? Date.now();
    const vote: Vote = {
      vote_id: deterministicUuid('vote', seed, voter.voter_id),
      voter_id: voter.voter_id,
      candidate_id: ballot.choose(voter.voter_id, voter.region_id).candidate_id,
      cast_at: now,
      region_id: voter.region_id,
    };
    const raw = JSON.stringify(vote);
    this.#emit(voter.voter_id, raw, null, vote);
    this.#votesOutgoing++;
    this.votes++;
    if (this.#recent.length >= RECENT_VOTES) this.#recent[Math.floor(random() * RECENT_VOTES)] = { key: voter.voter_id, raw, vote };
    else this.#recent.push({ key: voter.voter_id, raw, vote });
    if (chaosRatio > 0 && random() < chaosRatio) {
      const kind = pickChaosKind(random);
      const event = buildChaosEvent(kind, { seed, random, recent: this.#recent, candidates, serial: this.#serial++, now });
      this.#emit(event.key, event.value, event);
      this.badEvents[kind]++;
    }
  }

  /** Votes cast since the last flush took the buffer (not yet handed to a send). */
  get pendingVotes(): number {
    return this.#votesOutgoing;
  }

  get badEventsTotal(): number {
    return Object.values(this.badEvents).reduce((a, b) => a + b, 0);
  }

  /**
   * Sends everything buffered, once the rate limiter allows it and after any flush still running
   * (so records reach the topic in the order they were cast).
   * @throws the producer's error when Kafka does not take the records
   */
  flush(): Promise<void> {
    const run = this.#sending.then(() => this.#send());
    this.#sending = run.catch(() => undefined);
    return run;
  }

  async #send(): Promise<void> {
    if (this.#outgoing.length === 0) return;
    // Taken before waiting for the limiter: votes cast during the wait go with the next flush and
    // are paced with it.
    const records = this.#outgoing;
    const votes = this.#votesOutgoing;
    this.#outgoing = [];
    this.#votesOutgoing = 0;
    await this.#options.limiter?.take(votes);
    await produceAll(this.#options.producer, this.#options.topic, records);
  }

  #emit(key: string, value: string, injected: ChaosEvent | null, built?: Vote): void {
    this.#options.truth.record(key, value, injected, built);
    this.#outgoing.push({ key, value });
  }
}
