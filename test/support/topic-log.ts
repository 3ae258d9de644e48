import type { LoadedConfig } from '../../shared/config/load.ts';
import { createKafka } from '../../shared/kafka/client.ts';
import { topicEndOffsets } from '../../orchestrator/kafka/snapshot.ts';
import { kafkaSettings } from '../../shared/config/settings.ts';

// Test support: every record of a topic, up to its end offsets at the start of the read, in log
// order per partition (not folded per key, as readTopicSnapshot does): each version of each key.

/** One record: its partition and offset, its key as text, and its value parsed as JSON (null for a tombstone). */
export interface LoggedRecord {
  partition: number;
  offset: number;
  key: string;
  value: unknown;
}

/** Reads every committed record of `topic` up to its end offsets now; throws after `timeoutMs` (default 60 s). */
export async function readTopicLog(config: LoadedConfig, topic: string, timeoutMs = 60_000): Promise<LoggedRecord[]> {
  const offsets = await topicEndOffsets(kafkaSettings(config), topic);
  const pending = new Map([...offsets].filter(([, o]) => o.high > o.low).map(([p, o]) => [p, o.high]));
  const records: LoggedRecord[] = [];
  if (pending.size === 0) return records;
  const consumer = createKafka(kafkaSettings(config), 'test-log').consumer({ groupId: `tally-test-log-${process.pid}-${Date.now()}`, readUncommitted: false, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic} took over ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const end = pending.get(batch.partition);
          for (const message of batch.messages) {
            const offset = Number(message.offset);
            if (end === undefined || offset >= end) break;
            records.push({ partition: batch.partition, offset, key: message.key?.toString() ?? '', value: message.value ? JSON.parse(message.value.toString()) : null });
            if (offset === end - 1) pending.delete(batch.partition);
          }
          if (pending.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
