import type { LoadedConfig } from '../config/load.ts';
import { TallyError } from '../errors.ts';
import { createKafka } from './client.ts';

// A bounded read of a compacted (upsert) topic: everything up to the end offsets of the moment the
// read starts, folded into the latest value per key. A null value (tombstone) deletes its key.

export interface TopicSnapshot {
  /** Latest JSON value per key (the key as its raw string). */
  rows: Map<string, unknown>;
  /** Records read, tombstones included. */
  records: number;
  /** Values that were not JSON, skipped. */
  malformed: number;
  /** End offset per partition at the start of the read. */
  endOffsets: Map<number, number>;
}

export class SnapshotTimeoutError extends TallyError {}

export async function topicEndOffsets(config: LoadedConfig, topic: string): Promise<Map<number, { low: number; high: number }>> {
  const admin = createKafka(config, 'snapshot-admin').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]));
  } finally {
    await admin.disconnect();
  }
}

export async function readTopicSnapshot(config: LoadedConfig, topic: string, options: { timeoutMs?: number } = {}): Promise<TopicSnapshot> {
  const offsets = await topicEndOffsets(config, topic);
  const endOffsets = new Map([...offsets].map(([p, o]) => [p, o.high]));
  const snapshot: TopicSnapshot = { rows: new Map(), records: 0, malformed: 0, endOffsets };
  const pending = new Set([...offsets].filter(([, o]) => o.high > o.low).map(([p]) => p));
  if (pending.size === 0) return snapshot;

  const consumer = createKafka(config, 'snapshot').consumer({ groupId: `tally-snapshot-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => { finish = resolve; });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = endOffsets.get(batch.partition) ?? 0;
        for (const message of batch.messages) {
          if (Number(message.offset) >= end) break;
          snapshot.records += 1;
          const key = message.key?.toString() ?? '';
          if (message.value === null) {
            snapshot.rows.delete(key);
            continue;
          }
          try {
            snapshot.rows.set(key, JSON.parse(message.value.toString()));
          } catch {
            snapshot.malformed += 1;
          }
        }
        const last = Number(batch.lastOffset());
        if (last >= end - 1) pending.delete(batch.partition);
        if (pending.size === 0) finish();
      },
    });
    const timeoutMs = options.timeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
    const outcome = await Promise.race([done, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') throw new SnapshotTimeoutError(`reading topic ${topic} did not reach its end offsets within ${timeoutMs / 1000}s (is Kafka healthy?)`);
    return snapshot;
  } finally {
    await consumer.disconnect();
  }
}

/** Total records on a topic (all partitions), from its offsets: for append-only logs such as votes. */
export async function topicRecordCount(config: LoadedConfig, topic: string): Promise<number> {
  const offsets = await topicEndOffsets(config, topic);
  return [...offsets.values()].reduce((sum, o) => sum + (o.high - o.low), 0);
}
