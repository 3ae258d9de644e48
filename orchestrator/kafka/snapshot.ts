import type { KafkaMessage } from 'kafkajs';
import { TallyError } from '../../shared/errors.ts';
import { BoundedReadProgress, type PartitionRange } from './bounded-read.ts';
import { createKafka, readCommittedConsumer } from '../../shared/kafka/client.ts';
import type { KafkaSettings } from '../../shared/config/settings.ts';

// Bounded reads of a topic: every committed record up to the end offsets of the moment the read
// starts. Records of aborted transactions and transaction markers take offsets too, so a count of
// records is a count of what was read, never a difference of offsets.

export interface TopicSnapshot {
  /** Latest JSON value per key (the key as its raw string). */
  rows: Map<string, unknown>;
  /** Committed records read, tombstones included. */
  records: number;
  /** Values that were not JSON, skipped. */
  malformed: number;
  /** End offset per partition at the start of the read. */
  endOffsets: Map<number, number>;
}

export interface BoundedReadResult {
  /** Committed records handed to the callback (aborted records and markers are not). */
  records: number;
  /** End offset (high watermark) per partition at the start of the read. */
  endOffsets: Map<number, number>;
}

export interface BoundedReadOptions {
  /** Give up when the read has not advanced for this long (ms). Defaults to 60 000. */
  stallTimeoutMs?: number;
}

export class SnapshotTimeoutError extends TallyError {}

/**
 * Low (log start) and high (high watermark) offsets of every partition of `topic`.
 * @param kafka - brokers and clientId (see kafkaSettings)
 * @throws whatever kafkajs throws when the broker cannot be reached or the topic does not exist
 */
export async function topicEndOffsets(kafka: Pick<KafkaSettings, 'brokers' | 'clientId'>, topic: string): Promise<Map<number, PartitionRange>> {
  const admin = createKafka(kafka, 'snapshot-admin').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: Number(o.low), high: Number(o.high) }]));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads `topic` from the beginning up to the end offsets it has when the read starts, read committed,
 * calling `onRecord` for each committed record below those offsets, in offset order per partition.
 * Progress counts transaction markers and aborted records too, so a partition ending in a marker
 * still finishes. Records of a transaction still open at an end offset wait for it to end.
 * @throws SnapshotTimeoutError when the read makes no progress for `stallTimeoutMs`
 */
export async function readTopicToEnd(
  kafka: Pick<KafkaSettings, 'brokers' | 'clientId'>, topic: string, onRecord: (message: KafkaMessage) => void, options: BoundedReadOptions = {},
): Promise<BoundedReadResult> {
  const ranges = await topicEndOffsets(kafka, topic);
  const progress = new BoundedReadProgress(ranges);
  const result: BoundedReadResult = { records: 0, endOffsets: new Map([...ranges].map(([p, r]) => [p, r.high])) };
  if (progress.done) return result;

  const groupId = `tally-read-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const consumer = readCommittedConsumer(createKafka(kafka, 'snapshot'), { groupId, maxWaitTimeInMs: 200, maxBytesPerPartition: 4 * 1024 * 1024 });
  const stallTimeoutMs = options.stallTimeoutMs ?? 60_000;
  let finish: (outcome: 'done' | 'stalled') => void = () => undefined;
  const finished = new Promise<'done' | 'stalled'>((resolve) => { finish = resolve; });
  let timer = setTimeout(() => finish('stalled'), stallTimeoutMs);
  // Fires for every fetched batch, also one that held only markers or aborted records (which
  // never reaches eachBatch): that is what lets a partition ending in a marker finish.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    progress.reached(payload.partition, Number(payload.lastOffset));
    clearTimeout(timer);
    timer = setTimeout(() => finish('stalled'), stallTimeoutMs);
    if (progress.done) finish('done');
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (!progress.includes(batch.partition, Number(message.offset))) break;
          result.records += 1;
          onRecord(message);
        }
      },
    });
    if (await finished === 'stalled') {
      throw new SnapshotTimeoutError(`reading topic ${topic} made no progress for ${stallTimeoutMs / 1000}s, partitions ${progress.pending().join(', ')} not read to their end (is Kafka healthy? a transaction left open holds read-committed readers back until it ends)`);
    }
    return result;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/**
 * A compacted (upsert) topic folded into its latest JSON value per key, read as readTopicToEnd
 * reads. A null value (tombstone) deletes its key; a value that is not JSON is counted as malformed.
 * @throws SnapshotTimeoutError as readTopicToEnd
 */
export async function readTopicSnapshot(kafka: Pick<KafkaSettings, 'brokers' | 'clientId'>, topic: string, options: BoundedReadOptions = {}): Promise<TopicSnapshot> {
  const rows = new Map<string, unknown>();
  let malformed = 0;
  const read = await readTopicToEnd(kafka, topic, (message) => {
    const key = message.key?.toString() ?? '';
    if (message.value === null) {
      rows.delete(key);
      return;
    }
    try {
      rows.set(key, JSON.parse(message.value.toString()));
    } catch {
      malformed += 1;
    }
  }, options);
  return { rows, records: read.records, malformed, endOffsets: read.endOffsets };
}

/**
 * Committed records on `topic` (all partitions) up to its end offsets at the start of the call:
 * for append-only logs such as votes. Reads them (see readTopicToEnd); offsets would also count
 * transaction markers and aborted records.
 * @throws SnapshotTimeoutError as readTopicToEnd
 */
export async function topicRecordCount(kafka: Pick<KafkaSettings, 'brokers' | 'clientId'>, topic: string, options: BoundedReadOptions = {}): Promise<number> {
  return (await readTopicToEnd(kafka, topic, () => undefined, options)).records;
}
