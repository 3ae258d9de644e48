import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';

// Producing records in bulk: one idempotent producer with acks=all, messages grouped into requests
// that stay under the broker's default 1 MiB batch limit.

export type Compression = 'none' | 'gzip';

const MAX_REQUEST_BYTES = 800 * 1024;

export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}

export interface KeyedJson {
  key: string;
  value: string;
}

/** Sends every message to `topic` in order, in requests of at most ~800 KiB; resolves when all are acknowledged. */
export async function produceAll(producer: Producer, topic: string, messages: KeyedJson[], compression: Compression = 'none'): Promise<void> {
  let batch: Message[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await producer.sendBatch({
      acks: -1,
      compression: compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None,
      topicMessages: [{ topic, messages: batch }],
    });
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
