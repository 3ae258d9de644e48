import type { Producer } from 'kafkajs';
import type pg from 'pg';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { createKafka, ensureTopics } from '../../shared/kafka/client.ts';
import { createPool } from '../../shared/postgres/connection.ts';
import { generateCandidates } from './candidates.ts';
import { firstLine, RegistrationError } from '../../shared/errors.ts';
import { keyedRecordsOf, type EncodedVoters } from './encode-voters.ts';
import { partiesFromConfig } from './parties.ts';
import { connectProducer, keyedJson, produceAll, type Compression } from './produce.ts';
import { perSecond, stderrProgress } from './progress.ts';
import { insertVoters, refreshRegisteredVoters, upsertCandidates, upsertParties, upsertRegions } from './register-postgres.ts';
import { ukRegions } from '../../shared/election/regions.ts';
import { everyVoterRegistered } from './registered-already.ts';
import { applySchema } from './schema.ts';
import { voterSource } from './voter-source.ts';
import { kafkaSettings, postgresSettings } from '../../shared/config/settings.ts';
import { formatCount } from '../../shared/format.ts';

export interface RegisterOptions {
  /** Number of voters (default: election.voters). */
  voters?: number;
  /** Seed (default: election.seed). */
  seed?: number;
  /** Voters written per Postgres transaction and Kafka round (default 10 000). */
  chunkSize?: number;
  compression?: Compression;
  /** Progress lines on stderr (default true). */
  progress?: boolean;
}

export interface RegistrationSummary {
  seed: number;
  locale: string;
  source: string;
  parties: number;
  regions: number;
  candidates: number;
  voters: number;
  /** Voters that were new in Postgres (0 when the same election is registered again). */
  votersInserted: number;
  /** True when every voter was already registered (in Postgres and on the topic): nothing was done. */
  alreadyRegistered: boolean;
  seconds: number;
  votersPerSecond: number;
}

/**
 * Registers the election: schema, parties, regions and candidates, then voters chunk by chunk into
 * Postgres (idempotent) and the voters topic (compacted, keyed by voter_id). A run stopped by a
 * failure is resumed by running it again: Postgres skips the rows it has and Kafka gets the whole
 * chunks again under the same keys.
 */
export async function registerElection(config: LoadedConfig, options: RegisterOptions = {}): Promise<RegistrationSummary> {
  const election = { ...config.env.election, seed: options.seed ?? config.env.election.seed, voters: options.voters ?? config.env.election.voters };
  const { topics } = config.env.kafka;
  const chunkSize = options.chunkSize ?? 10_000;
  const compression = options.compression ?? 'none';
  const progress = stderrProgress(options.progress ?? true);
  const started = performance.now();

  await step('create the Kafka topics', () => ensureTopics(kafkaSettings(config)));
  const pool = createPool(postgresSettings(config), 4);
  let producer: Producer | undefined;
  try {
    await step('apply the Postgres schema', () => applySchema(pool));
    producer = await step('connect a Kafka producer', () => connectProducer(createKafka(kafkaSettings(config), 'register')));
    const kafka = producer;

    const parties = partiesFromConfig(election.parties);
    const regions = ukRegions();
    const candidates = generateCandidates({ seed: election.seed, locale: election.locale, parties, perParty: election.candidatesPerParty });
    await step('write parties, regions and candidates to Postgres', async () => {
      await upsertParties(pool, parties);
      await upsertRegions(pool, regions);
      await upsertCandidates(pool, candidates);
    });
    await step('produce parties and candidates to Kafka', async () => {
      await produceAll(kafka, topics.parties, keyedJson(parties, (p) => p.party_id), compression);
      await produceAll(kafka, topics.candidates, keyedJson(candidates, (c) => c.candidate_id), compression);
    });

    const alreadyRegistered = await step('look for the voters in the register', () => everyVoterRegistered(config, pool, election));
    const votersInserted = alreadyRegistered ? 0 : await registerVoters(pool, kafka, topics.voters, election, chunkSize, compression, (done) => {
      const seconds = (performance.now() - started) / 1000;
      progress.update(`registered ${formatCount(done)}/${formatCount(election.voters)} voters (${formatCount(perSecond(done, seconds))}/s)`);
    });
    await step('count registered voters per region', () => refreshRegisteredVoters(pool));

    const seconds = (performance.now() - started) / 1000;
    progress.done();
    return {
      seed: election.seed,
      locale: election.locale,
      source: election.source,
      parties: parties.length,
      regions: regions.length,
      candidates: candidates.length,
      voters: election.voters,
      votersInserted,
      alreadyRegistered,
      seconds: Math.round(seconds * 100) / 100,
      votersPerSecond: perSecond(election.voters, seconds),
    };
  } finally {
    await producer?.disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

/** Chunks the generator thread prepares ahead of the one being written. */
const LOOKAHEAD = 2;

async function registerVoters(
  pool: pg.Pool,
  producer: Producer,
  votersTopic: string,
  election: LoadedConfig['env']['election'],
  chunkSize: number,
  compression: Compression,
  onChunk: (done: number) => void,
): Promise<number> {
  const source = voterSource(election);
  try {
    let inserted = 0;
    const total = election.voters;
    // A voter reaches the voters topic only after Postgres has committed it, so a vote cast as soon
    // as the voter appears never meets an empty register. Kafka for chunk k overlaps Postgres for
    // chunk k+1, while the generator thread makes the next LOOKAHEAD chunks.
    const ahead: Promise<EncodedVoters>[] = [];
    let requested = 0;
    const requestMore = (): void => {
      while (ahead.length < LOOKAHEAD && requested < total) {
        const next = source.encoded(requested, Math.min(requested + chunkSize, total));
        next.catch(() => undefined);
        ahead.push(next);
        requested = Math.min(requested + chunkSize, total);
      }
    };
    requestMore();
    let producing: Promise<number> | null = null;
    for (let from = 0; from < total; from += chunkSize) {
      const voters = await step(`generate voters ${from}..${from + chunkSize - 1}`, () => ahead.shift()!);
      requestMore();
      const to = from + voters.count;
      inserted += await step(`insert voters ${from}..${to - 1} into Postgres`, () => insertVoters(pool, voters));
      if (producing) onChunk(await producing);
      producing = step(`produce voters ${from}..${to - 1} to Kafka`, () => produceAll(producer, votersTopic, keyedRecordsOf(voters), compression)).then(() => to);
      producing.catch(() => undefined);
    }
    if (producing) onChunk(await producing);
    return inserted;
  } finally {
    await source.close();
  }
}

/** Runs one step of registration, turning any failure into a one-line RegistrationError. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RegistrationError) throw error;
    const reason = firstLine(error);
    throw new RegistrationError(`could not ${what}: ${reason}; check the stack (tally stack up) and re-run tally register with the same seed to resume`, { cause: error });
  }
}
