import { Kafka, logLevel, type Admin, type ITopicConfig } from 'kafkajs';
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
        configEntries: [
          ...(COMPACTED.includes(key) ? [{ name: 'cleanup.policy', value: 'compact' }] : []),
          // The broker stamps each vote as it appends it: the recount's order of the log (a
          // producer's own timestamps could be anything).
          ...(key === 'votes' ? [{ name: 'message.timestamp.type', value: 'LogAppendTime' }] : []),
        ],
      }));
    if (wanted.length > 0) await own.createTopics({ topics: wanted, waitForLeaders: true });
    return wanted.map((t) => t.topic);
  } finally {
    if (!admin) await own.disconnect();
  }
}
