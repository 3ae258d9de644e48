import { Kafka, logLevel, type Admin, type Consumer, type ConsumerConfig, type ITopicConfig } from 'kafkajs';
import type { LoadedConfig } from '../config/load.ts';
import type { Topics } from '../config/schema.ts';

// The one module that builds Kafka clients; producers, consumers and admin all come from here.

export function createKafka(config: LoadedConfig, clientSuffix = ''): Kafka {
  const { bootstrapServers, clientId } = config.env.kafka;
  return new Kafka({
    clientId: clientSuffix ? `${clientId}-${clientSuffix}` : clientId,
    brokers: bootstrapServers.split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 5_000 },
  });
}

/**
 * A consumer that reads committed records only (isolation level read_committed): records of an
 * aborted or still-open transaction are never handed to it, and transaction markers never are.
 * Every consumer in Tally comes from here; kafkajs defaults to the same, this says it on purpose.
 * @param kafka - a client from createKafka
 * @param options - kafkajs consumer options; `readUncommitted` cannot be set
 */
export function readCommittedConsumer(kafka: Kafka, options: Omit<ConsumerConfig, 'readUncommitted'>): Consumer {
  return kafka.consumer({ ...options, readUncommitted: false });
}

/** Topics holding latest-state-per-key (registrations and tallies) are compacted. */
const COMPACTED: (keyof Topics)[] = [
  'parties', 'candidates', 'voters', 'votesValid', 'votesRejected',
  'tallyByCandidate', 'tallyByParty', 'tallyByRegion', 'turnoutByRegion', 'votesPerMinute', 'rejectedByReason',
];

/** Creates every topic in config that does not exist yet; returns the names it created. */
export async function ensureTopics(config: LoadedConfig, admin?: Admin): Promise<string[]> {
  const own = admin ?? createKafka(config, 'admin').admin();
  if (!admin) await own.connect();
  try {
    const existing = new Set(await own.listTopics());
    const { topics, partitions } = config.env.kafka;
    const wanted: ITopicConfig[] = (Object.keys(topics) as (keyof Topics)[])
      .filter((key) => !existing.has(topics[key]))
      .map((key) => ({
        topic: topics[key],
        numPartitions: partitions,
        replicationFactor: -1,
        configEntries: COMPACTED.includes(key) ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      }));
    if (wanted.length > 0) await own.createTopics({ topics: wanted, waitForLeaders: true });
    return wanted.map((t) => t.topic);
  } finally {
    if (!admin) await own.disconnect();
  }
}
