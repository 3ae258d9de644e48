import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';
import { javaCompatiblePartitioner } from '../kafka/partitioner.ts';

// Producing records in bulk: one idempotent producer with acks=all, messages grouped into requests
// that stay under the broker's default 1 MiB batch limit. A broker that is restarting is waited for:
// kafkajs gives up after its own few retries (about 20 s), sooner than a broker takes to restart.

export type Compression = 'none' | 'gzip';

const MAX_REQUEST_BYTES = 200 * 1024;
/** How long a send keeps retrying while the broker is unreachable. */
const BROKER_OUTAGE_MS = 180_000;

/** A failure that another attempt can cure: the broker is down, restarting or moving leadership. */
export function isBrokerUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { retriable?: boolean }).retriable === true) return true;
    if (/^KafkaJS(ConnectionError|ConnectionClosedError|NumberOfRetriesExceeded|RequestTimeoutError|BrokerNotFound|LockTimeout)$/.test(e.name)) return true;
  }
  return false;
}

/**
 * Runs `send` until it succeeds, retrying with backoff (up to 5 s apart) while the broker is
 * unavailable, for at most `outageMs`. Safe for an idempotent producer: a batch sent again after a
 * lost acknowledgement carries the same sequence numbers, and the broker drops the copy.
 */
export async function retryWhileBrokerUnavailable<T>(send: () => Promise<T>, outageMs = BROKER_OUTAGE_MS): Promise<T> {
  const deadline = Date.now() + outageMs;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    try {
      return await send();
    } catch (error) {
      if (!isBrokerUnavailable(error) || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/**
 * Connects an idempotent producer (acks=all, one request in flight) that partitions by key exactly
 * as kafkajs's default partitioner does, only faster. Throws kafkajs's connection errors.
 */
export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: javaCompatiblePartitioner,
  });
  await producer.connect();
  return producer;
}

export interface KeyedJson {
  key: string;
  value: string;
}

/** A record to produce: a key and a value, as text or as (UTF-8) bytes. */
export interface KeyedRecord {
  key: string | Buffer;
  value: string | Buffer;
}

/** Sends every message to `topic` in order, in requests of at most ~800 KiB; resolves when all are acknowledged. */
export async function produceAll(producer: Producer, topic: string, messages: readonly KeyedRecord[], compression: Compression = 'none'): Promise<void> {
  let batch: Message[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const messages = batch;
    await retryWhileBrokerUnavailable(() => producer.sendBatch({
      acks: -1,
      compression: compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
      topicMessages: [{ topic, messages }],
    }));
    batch = [];
    bytes = 0;
  };
  for (const message of messages) {
    const size = message.key.length + message.value.length + 64;
    if (bytes + size > MAX_REQUEST_BYTES) await flush();
    batch.push(message);
    bytes += size;
  }
  await flush();
}

/** Records keyed by their id, valued by their JSON. */
export function keyedJson<T>(records: T[], keyOf: (record: T) => string): KeyedJson[] {
  return records.map((record) => ({ key: keyOf(record), value: JSON.stringify(record) }));
}
