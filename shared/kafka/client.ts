import { Kafka, logLevel, type Admin, type Consumer, type ConsumerConfig, type ITopicConfig } from 'kafkajs';
import type { KafkaSettings } from '../config/settings.ts';
import type { Topics } from '../config/schema.ts';
import { StackError } from '../errors.ts';
import { poll } from '../poll.ts';

// The one module that builds Kafka clients; producers, consumers and admin all come from here. It
// takes only the Kafka settings (config/settings.ts builds them from tally.yaml).

/**
 * A kafkajs client for the given brokers, quiet (no kafkajs log lines) and retrying a request up
 * to 8 times, 200 ms to 5 s apart.
 * @param settings - brokers and clientId (see kafkaSettings)
 * @param clientSuffix - appended to the client id as `<clientId>-<suffix>`, so the broker's logs
 *   tell the clients apart. Defaults to none
 * @returns a client; nothing connects until a producer, consumer or admin made from it does
 * @see https://kafka.js.org/docs/configuration
 */
export function createKafka(settings: Pick<KafkaSettings, 'brokers' | 'clientId'>, clientSuffix = ''): Kafka {
  const { brokers, clientId } = settings;
  return new Kafka({
    clientId: clientSuffix ? `${clientId}-${clientSuffix}` : clientId,
    brokers,
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
  'parties', 'candidates', 'voters', 'votesRejected',
  'tallyByCandidate', 'tallyByParty', 'tallyByRegion', 'turnoutByRegion', 'votesPerMinute', 'rejectedByReason',
];

/**
 * Creates every topic of `settings.topics` that does not exist yet, with `settings.partitions`
 * partitions, the broker's replication factor, compaction for the latest-state-per-key topics and
 * LogAppendTime on votes; then waits until each is ready (see waitForTopicsReady).
 * @param settings - brokers, clientId, topics, partitions (see kafkaSettings)
 * @param admin - a connected admin to use; without one, a client of its own is opened and closed
 * @returns the names of the topics it created (empty when all existed)
 * @throws StackError when a created topic is not ready in time; kafkajs errors when Kafka is unreachable
 * @see https://kafka.apache.org/documentation/#topicconfigs
 */
export async function ensureTopics(settings: KafkaSettings, admin?: Admin): Promise<string[]> {
  const own = admin ?? createKafka(settings, 'admin').admin();
  if (!admin) await own.connect();
  try {
    const existing = new Set(await own.listTopics());
    const { topics, partitions } = settings;
    const wanted: ITopicConfig[] = (Object.keys(topics) as (keyof Topics)[])
      .filter((key) => !existing.has(topics[key]))
      .map((key) => ({
        topic: topics[key],
        numPartitions: partitions,
        replicationFactor: -1,
        configEntries: [
          ...(COMPACTED.includes(key) ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
          // The broker stamps each vote as it appends it: the recount's order of the log (a
          // producer's own timestamps could be anything).
          ...(key === 'votes' ? [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] : []),
        ],
      }));
    if (wanted.length > 0) await own.createTopics({ topics: wanted, waitForLeaders: true });
    await waitForTopicsReady(own, wanted.map((t) => t.topic));
    return wanted.map((t) => t.topic);
  } finally {
    if (!admin) await own.disconnect();
  }
}

/**
 * Waits until every partition of every topic in `topics` has a leader and that leader answers an
 * offsets request for it. createTopics' waitForLeaders only asks one broker's metadata; right after
 * a topic is deleted and created again, a producer can still be told "This server does not host this
 * topic-partition" by the leader for a moment, and that is what this waits out.
 * @param admin - a connected admin
 * @param timeoutMs - how long to wait in all. Defaults to 30 000
 * @throws StackError naming the topics when they are not ready in time
 */
export async function waitForTopicsReady(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  if (topics.length === 0) return;
  await poll(() => topicsReady(admin, topics), {
    timeoutMs,
    intervalMs: 200,
    retryOn: () => true,
    onTimeout: () => new StackError(`Kafka topics ${topics.join(', ')} were created but not every partition had a leader answering within ${timeoutMs / 1000}s: check tally stack status and the kafka log, then retry`),
  });
}

async function topicsReady(admin: Admin, topics: string[]): Promise<boolean> {
  const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
  if (metadata.length !== topics.length) return false;
  for (const topic of metadata) {
    const led = topic.partitions.filter((p) => p.leader >= 0 && p.partitionErrorCode === 0);
    if (topic.partitions.length === 0 || led.length !== topic.partitions.length) return false;
    const offsets = await admin.fetchTopicOffsets(topic.name);
    if (offsets.length !== topic.partitions.length) return false;
  }
  return true;
}
