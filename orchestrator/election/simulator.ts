import { join } from 'node:path';
import type { Consumer, KafkaMessage, Producer } from 'kafkajs';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { createKafka, ensureTopics, readCommittedConsumer } from '../../shared/kafka/client.ts';
import { createPool } from '../../shared/postgres/connection.ts';
import { createBallot } from './ballot.ts';
import { generateCandidates } from './candidates.ts';
import { CHAOS_KINDS, type ChaosKind } from './chaos.ts';
import { firstLine, VoteSimulationError } from '../../shared/errors.ts';
import { GroundTruth, writeGroundTruth } from './ground-truth.ts';
import { hash32 } from '../../shared/election/ids.ts';
import type { Candidate, Voter } from '../../shared/election/model.ts';
import { partiesFromConfig } from './parties.ts';
import { createPollingDay, type PollingDay, type RegionPlan } from './polling-day.ts';
import { recordPollsClosed, recordPollsOpen } from './polling-status.ts';
import { VOTE_BUCKET_MS } from '../../shared/election/polling-clock.ts';
import { connectProducer, retryWhileBrokerUnavailable } from './produce.ts';
import { applySchema } from './schema.ts';
import { perSecond, stderrProgress } from './progress.ts';
import { rateLimiter } from './rate-limiter.ts';
import { countRegisteredAmong, countVoters, registeredAmong } from './register-postgres.ts';
import { REGION_WEIGHTS, ukRegions } from '../../shared/election/regions.ts';
import { seededRandom } from './seeded-random.ts';
import { votersWhoVoted } from './voted-before.ts';
import { VoteSchedule } from './vote-schedule.ts';
import { VoteWriter } from './vote-writer.ts';
import { voterOfRecord } from './voter-record.ts';
import { kafkaSettings, postgresSettings } from '../../shared/config/settings.ts';
import { formatCount } from '../../shared/format.ts';

/** Voter records checked against the register in one query. */
const REGISTER_CHECK_SLICE = 1000;

/** A slice of a batch of voter records, parsed, with the register's answer on the way. */
interface RegisterCheck {
  /** The index in the batch after the slice's last record. */
  end: number;
  messages: KafkaMessage[];
  voters: (Pick<Voter, 'voter_id' | 'region_id'> | null)[];
  inRegister: Promise<Set<string>>;
}

export interface VoteOptions {
  /** Votes per second; 0 = as fast as possible (default: election.voteRate). */
  rate?: number;
  /** Stop after this many votes; without it, stop when every registered voter has voted. */
  count?: number;
  /** Share of extra bad events, 0..1 (default: election.chaosRatio). */
  chaos?: number;
  /** The election's seed: which candidates are on the ballot (default: election.seed). */
  seed?: number;
  /** Ground-truth file; default <dataDir>/ground-truth/<timestamp>.json; false to skip. */
  groundTruthFile?: string | false;
  /** Consumer group on the voters topic (default: <clientId>-vote-simulator). */
  groupId?: string;
  progress?: boolean;
  /** Aborting stops the run cleanly: what was produced is committed and the ground truth written. */
  signal?: AbortSignal;
  /**
   * An election night instead of a flat rate (polling-day.ts): some voters abstain, the others
   * vote on the day's curve over `durationMs`; `rate` and `count` do not apply. Voters are read
   * from the beginning each run (group <clientId>-polling-day, offsets never committed): who voted
   * is read from the votes topic, so a re-run casts only the votes still to come.
   */
  pollingDay?: { durationMs: number; turnout: number };
}

export interface VoteSummary {
  votes: number;
  badEvents: Record<ChaosKind, number>;
  badEventsTotal: number;
  /** Voters skipped because their vote was already on the votes topic (an earlier run). */
  alreadyVoted: number;
  /** Records on the voters topic whose voter is not in Postgres (deleted or never committed): skipped. */
  notRegistered: number;
  seconds: number;
  votesPerSecond: number;
  /** all_voted: nobody left to vote; polls_closed: the night's last planned vote was cast. */
  stoppedBecause: 'count' | 'all_voted' | 'polls_closed' | 'aborted';
  /** With pollingDay: registered voters read this run who do not vote. */
  abstained: number;
  /** With pollingDay: each region's planned turnout and reporting lag. */
  regions: Record<string, RegionPlan> | null;
  /** Registered voters when the run ended. */
  registeredVoters: number;
  groupId: string;
  groundTruthFile: string | null;
}

/**
 * Casts one vote per voter read from the voters topic (consumer group, from the beginning), at the
 * configured rate or over an election night (options.pollingDay), with optional injected bad
 * events, and writes the expected outcome (ground truth) of what it produced.
 * @throws VoteSimulationError when the stack cannot be reached, the candidates of the seed are not
 * registered, or Kafka does not take the votes (re-running continues where this run stopped)
 */
export async function castVotes(config: LoadedConfig, options: VoteOptions = {}): Promise<VoteSummary> {
  const election = config.env.election;
  const { topics, clientId } = config.env.kafka;
  const seed = options.seed ?? election.seed;
  const night = options.pollingDay;
  const groupId = options.groupId ?? `${clientId}-${night ? 'polling-day' : 'vote-simulator'}`;
  const progress = stderrProgress(options.progress ?? true);
  const candidates = generateCandidates({ seed, locale: election.locale, parties: partiesFromConfig(election.parties), perParty: election.candidatesPerParty });
  const regions = ukRegions();
  const ballot = createBallot(seed, regions, candidates);
  const day: PollingDay | null = night ? createPollingDay({
    seed, turnout: night.turnout, durationMs: night.durationMs, partyShares: (r) => ballot.partyShares(r),
    regions: regions.map((r, i) => ({ region_id: r.region_id, weight: REGION_WEIGHTS[i] ?? 1 })),
  }) : null;

  await step('create the Kafka topics', () => ensureTopics(kafkaSettings(config)));
  const pool = createPool(postgresSettings(config), 2);
  const kafka = createKafka(kafkaSettings(config), 'vote');
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  try {
    await step('read the register from Postgres', () => requireCandidates(pool, candidates, seed));
    let registered = await step('count the registered voters', () => countVoters(pool));
    const votedBefore = await step(`read the votes already on ${topics.votes}`, () => votersWhoVoted(kafkaSettings(config), topics.votes));
    const votedRegistered = await step('look up earlier voters in the register', () => countRegisteredAmong(pool, votedBefore));
    if (everyoneVoted(registered, votedRegistered)) {
      // Nobody is left to vote: waiting on the voters topic would wait for ever.
      return { ...emptySummary(groupId, registered), alreadyVoted: votedRegistered, stoppedBecause: 'all_voted', regions: day?.regions ?? null };
    }
    const seenVoters = new Set<string>();
    const candidateIds = new Set(candidates.map((c) => c.candidate_id));
    const truth = new GroundTruth(candidates, { isVoter: (id) => seenVoters.has(id), isCandidate: (id) => candidateIds.has(id) });
    const limiter = day ? undefined : rateLimiter(options.rate ?? election.voteRate);
    const schedule = new VoteSchedule<Pick<Voter, 'voter_id' | 'region_id'>>();
    let alreadyVoted = 0;
    let notRegistered = 0;
    let abstained = 0;
    if (day) {
      // The polls open on a boundary of the count's time buckets (5 s of cast_at, votes_per_minute in
      // flink-sql/jobs/count_votes.sql), so the chart's bars start at 07:00 of the polling day and
      // read 07:00-07:30, not 07:00-07:26. (At most 5 s of waiting.)
      await step('record the polls opening in Postgres', async () => {
        await applySchema(pool);
        const openAt = Math.ceil(Date.now() / VOTE_BUCKET_MS) * VOTE_BUCKET_MS;
        await new Promise((resolve) => setTimeout(resolve, openAt - Date.now()));
        await recordPollsOpen(pool, openAt, openAt + day.durationMs);
      });
    }
    const started = performance.now();
    producer = await step('connect a Kafka producer', () => connectProducer(kafka));
    const writer = new VoteWriter({ producer, topic: topics.votes, seed, ballot, candidates, truth, limiter, chaosRatio: options.chaos ?? election.chaosRatio, random: seededRandom(hash32('chaos', seed, Date.now())) });

    // With or without --count: once every registered voter has voted, nobody is left to wait for.
    // On an election night: once every registered voter has been read and every planned vote cast.
    const allVoted = (): boolean => everyoneVoted(registered, votedRegistered + truth.totalValid);
    const pollsClosed = (): boolean => day !== null && seenVoters.size >= registered && schedule.size === 0;
    let stopReason: VoteSummary['stoppedBecause'] | null = options.count === 0 && !day ? 'count' : allVoted() ? 'all_voted' : null;
    let fail: (error: unknown) => void = () => undefined;
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve, reject) => { finish = resolve; fail = reject; });
    const stop = (reason: VoteSummary['stoppedBecause']): void => { stopReason ??= reason; finish(); };
    if (stopReason) finish();
    options.signal?.addEventListener('abort', () => stop('aborted'), { once: true });

    const report = (): void => {
      const seconds = (performance.now() - started) / 1000;
      const badTotal = writer.badEventsTotal;
      progress.update(`cast ${formatCount(writer.votes)} votes${badTotal ? ` + ${formatCount(badTotal)} bad events` : ''} (${formatCount(perSecond(writer.votes, seconds))}/s), ${formatCount(votedRegistered + truth.totalValid)}/${formatCount(registered)} voters have voted`);
    };
    // Registration may still be running: re-count the register now and then.
    const ticker = setInterval(() => {
      report();
      if (stopReason) return;
      countVoters(pool).then((n) => { registered = n; if (!day && allVoted()) stop('all_voted'); }).catch(() => undefined);
    }, 2000);
    // The night's clock: every 100 ms, cast the votes that are due.
    let ticking = false;
    const nightClock = day ? setInterval(() => {
      if (stopReason || ticking) return;
      ticking = true;
      for (const voter of schedule.takeDue(performance.now() - started)) writer.cast(voter);
      writer.flush().then(() => { ticking = false; if (pollsClosed()) stop('polls_closed'); }, fail);
    }, 100) : undefined;

    // Votes go out while the next ones are cast: each flush sends what was cast so far, and once
    // the broker has acknowledged it, the voters' offsets up to there are committed (in order,
    // one commit after another), so a re-run never skips a voter whose vote was not acknowledged.
    // One flush at a time may be outstanding: the next one waits for the one before.
    let lastCommit: Promise<void> = Promise.resolve();
    const sendAndCommit = async (commitOffset: (() => Promise<void>) | null): Promise<void> => {
      const previous = lastCommit;
      lastCommit = Promise.all([previous, writer.flush()]).then(async () => { await commitOffset?.(); });
      lastCommit.catch(() => undefined); // awaited by the next send or when the run ends
      await previous;
    };
    /** Resolves when every vote cast so far is acknowledged and its voter's offset committed. */
    const allCommitted = async (): Promise<void> => {
      await writer.flush();
      await lastCommit;
    };

    if (!stopReason) {
      consumer = readCommittedConsumer(kafka, { groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
      const votersConsumer = consumer;
      await step('join the voters consumer group', async () => {
        await votersConsumer.connect();
        await votersConsumer.subscribe({ topic: topics.voters, fromBeginning: true });
      });
      await votersConsumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, heartbeat, isRunning, resolveOffset }) => {
          if (stopReason) return;
          // The last voter record handled; resolved (and its successor committed) once per flush,
          // not per record: kafkajs parses every offset it is given into a Long.
          let handled: string | null = null;
          const commit = async (): Promise<void> => {
            if (handled !== null) resolveOffset(handled);
            const offset = handled === null ? null : (BigInt(handled) + 1n).toString();
            await sendAndCommit(offset === null || day ? null : () => retryWhileBrokerUnavailable(() => votersConsumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset }])));
            await heartbeat();
          };
          try {
            // Only voters Postgres knows vote: the validation job looks voters up there. The batch
            // is checked a slice at a time, the next slice's query running while this one is cast.
            const check = (from: number): RegisterCheck => {
              const messages = batch.messages.slice(from, from + REGISTER_CHECK_SLICE);
              const voters = messages.map((m) => voterOfRecord(m.value));
              const inRegister = registeredAmong(pool, voters.map((v) => v?.voter_id));
              inRegister.catch(() => undefined); // awaited below unless the run stops first
              return { end: from + messages.length, messages, voters, inRegister };
            };
            let next: RegisterCheck | null = check(0);
            slices: while (next) {
              const { end, messages, voters }: RegisterCheck = next;
              const inRegister = await next.inRegister;
              next = end < batch.messages.length ? check(end) : null;
              for (const [index, message] of messages.entries()) {
                if (stopReason || !isRunning()) break slices;
                handled = message.offset;
                const voter = voters[index] ?? null;
                if (!voter || seenVoters.has(voter.voter_id)) continue;
                if (!inRegister.has(voter.voter_id)) { notRegistered++; continue; }
                seenVoters.add(voter.voter_id);
                if (votedBefore.has(voter.voter_id)) { alreadyVoted++; continue; }
                if (day) {
                  const at = day.arrivalMs(voter.voter_id, voter.region_id);
                  if (at === null) abstained++;
                  else schedule.add(at, voter);
                  continue;
                }
                writer.cast(voter);
                if (options.count !== undefined && writer.votes >= options.count) stopReason = 'count';
                else if (allVoted()) stopReason = 'all_voted';
                if (writer.pendingVotes >= limiter!.batchSize) await commit();
              }
            }
            if (day) { if (handled !== null) resolveOffset(handled); } else await commit();
            if (stopReason) {
              await allCommitted();
              finish();
            }
          } catch (error) {
            fail(error);
          }
        },
      });
    }

    try {
      await finished;
      await allCommitted();
    } catch (error) {
      throw new VoteSimulationError(`could not produce votes to ${topics.votes}: ${firstLine(error)}; re-run tally vote to continue (votes already on the topic are not cast again)`, { cause: error });
    } finally {
      clearInterval(ticker);
      clearInterval(nightClock);
      await consumer?.disconnect().catch(() => undefined);
    }
    await writer.flush();
    // (Set from the callbacks above; TypeScript cannot see that.)
    if ((stopReason as VoteSummary['stoppedBecause'] | null) === 'polls_closed') await step('record the polls closing in Postgres', () => recordPollsClosed(pool, Date.now()));
    report();
    progress.done();

    const file = options.groundTruthFile === false ? null : options.groundTruthFile ?? join(config.dataDir, 'ground-truth', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    if (file) writeGroundTruth(file, truth.toFile(topics.votes));
    const seconds = (performance.now() - started) / 1000;
    return {
      votes: writer.votes,
      badEvents: writer.badEvents,
      badEventsTotal: writer.badEventsTotal,
      alreadyVoted,
      notRegistered,
      abstained,
      regions: day?.regions ?? null,
      seconds: Math.round(seconds * 100) / 100,
      votesPerSecond: perSecond(writer.votes, seconds),
      stoppedBecause: stopReason ?? 'aborted',
      registeredVoters: registered,
      groupId,
      groundTruthFile: file,
    };
  } finally {
    await producer?.disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

/** True when every one of `registered` voters has a vote on the topic (`voted` of them do); true for 0 registered. */
export function everyoneVoted(registered: number, voted: number): boolean {
  return voted >= registered;
}

function emptySummary(groupId: string, registeredVoters: number): VoteSummary {
  const badEvents = Object.fromEntries(CHAOS_KINDS.map((k) => [k, 0])) as Record<ChaosKind, number>;
  return { votes: 0, badEvents, badEventsTotal: 0, alreadyVoted: 0, notRegistered: 0, abstained: 0, regions: null, seconds: 0, votesPerSecond: 0, stoppedBecause: 'aborted', registeredVoters, groupId, groundTruthFile: null };
}

async function requireCandidates(pool: ReturnType<typeof createPool>, candidates: Candidate[], seed: number): Promise<void> {
  const found = await pool.query<{ n: string }>('SELECT count(*) AS n FROM candidates WHERE candidate_id = ANY($1)', [candidates.map((c) => c.candidate_id)]);
  if (Number(found.rows[0]?.n ?? 0) !== candidates.length) {
    throw new VoteSimulationError(`the candidates of seed ${seed} are not registered: run tally register --seed ${seed} first`);
  }
}

async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof VoteSimulationError) throw error;
    throw new VoteSimulationError(`could not ${what}: ${firstLine(error)}; check the stack (tally stack up) and try again`, { cause: error });
  }
}
