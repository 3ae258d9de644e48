import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { KafkaSettings } from '../../shared/config/settings.ts';
import { createKafka, ensureTopics, readCommittedConsumer } from '../../shared/kafka/client.ts';
import type { ResultsView } from './resultsView.ts';
import { TALLY_KINDS, TALLY_TOPICS, type TallyKind } from '../../shared/election/tallyRows.ts';
import type { ReaderStatus } from './liveTypes.ts';

// Reads every tally topic from the beginning into a ResultsView. Each server start uses a fresh
// consumer group, so a restarted page rebuilds the full state from the compacted topics at once.
// Read committed: records of aborted transactions are never applied. "Caught up" means every
// partition reached the end it had when the reader started (markers count as reached), or the reader
// has gone quiet after joining (a transaction still open at that end holds the rest back).

export interface TallyReaderOptions {
  /** Where the tally topics are (brokers, client id, topic names; see kafkaSettings). */
  kafka: KafkaSettings;
  view: ResultsView;
  /** Called after each batch of messages was applied. */
  onChange: () => void;
  /** How long without messages after joining counts as caught up. */
  idleMs?: number;
  /** Wait between attempts while Kafka is unreachable. */
  retryMs?: number;
}

export class TallyReader {
  readonly #options: TallyReaderOptions;
  readonly #kafka: Kafka;
  readonly #groupId = `tally-ui-${randomUUID()}`;
  readonly #kindOfTopic: Map<string, TallyKind>;
  readonly #targets = new Map<string, bigint>();
  readonly #positions = new Map<string, bigint>();
  #consumer: Consumer | undefined;
  #connected = false;
  #caughtUp = false;
  #lastActivityAt = 0;
  #stopped = false;
  #running: Promise<void> | undefined;

  constructor(options: TallyReaderOptions) {
    this.#options = options;
    this.#kafka = createKafka(options.kafka, 'ui');
    const topics = options.kafka.topics;
    this.#kindOfTopic = new Map(TALLY_KINDS.map((kind) => [topics[TALLY_TOPICS[kind].topicKey], kind]));
  }

  /** Starts reading in the background, retrying until Kafka answers or stop() is called. */
  start(): void {
    this.#running ??= this.#runUntilStopped();
  }

  status(): ReaderStatus {
    if (!this.#caughtUp && this.#connected) this.#caughtUp = this.#reachedTargets() || this.#quietSinceJoin();
    return { connected: this.#connected, caughtUp: this.#connected && this.#caughtUp, malformedMessages: this.#options.view.malformed };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const consumer = this.#consumer;
    this.#consumer = undefined;
    if (consumer) await consumer.disconnect().catch(() => undefined);
    await this.#running;
    await this.#forgetGroup();
  }

  async #runUntilStopped(): Promise<void> {
    const retryMs = this.#options.retryMs ?? 2_000;
    while (!this.#stopped) {
      try {
        await this.#connect();
        return;
      } catch {
        this.#connected = false;
        const failed = this.#consumer;
        this.#consumer = undefined;
        await failed?.disconnect().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  }

  async #connect(): Promise<void> {
    await ensureTopics(this.#options.kafka);
    await this.#recordTargets();
    if (this.#stopped) return;
    const consumer = readCommittedConsumer(this.#kafka, { groupId: this.#groupId, maxWaitTimeInMs: 250, retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 } });
    this.#consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.#connected = true;
      this.#lastActivityAt = Date.now();
    });
    // Every fetched batch, also one of only transaction markers or aborted records (never handed to
    // #applyBatch), moves the position: a partition ending in a marker still reaches its target.
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.#positions.set(`${payload.topic}:${payload.partition}`, BigInt(payload.lastOffset) + 1n);
    });
    consumer.on(consumer.events.CRASH, () => { this.#connected = false; });
    consumer.on(consumer.events.DISCONNECT, () => { this.#connected = false; });
    await consumer.connect();
    if (this.#stopped) {
      // stop() ran while this was connecting, before it could see the consumer
      await consumer.disconnect();
      return;
    }
    await consumer.subscribe({ topics: [...this.#kindOfTopic.keys()], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatch: (payload) => this.#applyBatch(payload) });
  }

  async #recordTargets(): Promise<void> {
    const admin = this.#kafka.admin();
    await admin.connect();
    try {
      for (const topic of this.#kindOfTopic.keys()) {
        for (const p of await admin.fetchTopicOffsets(topic)) {
          this.#targets.set(`${topic}:${p.partition}`, BigInt(p.high));
          if (p.high === p.low && !this.#positions.has(`${topic}:${p.partition}`)) this.#positions.set(`${topic}:${p.partition}`, BigInt(p.high));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  async #applyBatch({ batch, resolveOffset, heartbeat }: EachBatchPayload): Promise<void> {
    const kind = this.#kindOfTopic.get(batch.topic);
    for (const message of batch.messages) {
      if (kind) this.#options.view.apply(kind, message.key?.toString('utf8') ?? null, message.value?.toString('utf8') ?? null);
      resolveOffset(message.offset);
      this.#positions.set(`${batch.topic}:${batch.partition}`, BigInt(message.offset) + 1n);
    }
    this.#lastActivityAt = Date.now();
    if (batch.messages.length > 0) this.#options.onChange();
    await heartbeat();
  }

  #reachedTargets(): boolean {
    for (const [partition, target] of this.#targets) {
      if ((this.#positions.get(partition) ?? 0n) < target) return false;
    }
    return true;
  }

  #quietSinceJoin(): boolean {
    return Date.now() - this.#lastActivityAt >= (this.#options.idleMs ?? 2_000);
  }

  /** The group held no offsets (autoCommit is off); removing it keeps the broker tidy. */
  async #forgetGroup(): Promise<void> {
    const admin = this.#kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.#groupId]);
    } catch {
      // Best effort: an unreachable broker or a group that never formed is not a failure to report.
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}
