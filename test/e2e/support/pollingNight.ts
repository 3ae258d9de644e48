import type { Admin, Producer } from 'kafkajs';
import type pg from 'pg';
import type { LoadedConfig } from '../../../shared/config/load.ts';
import { kafkaSettings } from '../../../shared/config/settings.ts';
import { createKafka } from '../../../shared/kafka/client.ts';
import { recordPollsClosed, recordPollsOpen } from '../../../orchestrator/election/polling-status.ts';
import { applySchema } from '../../../orchestrator/election/schema.ts';
import { COUNT_JOB_GROUP_ID } from '../../../ui/live/pollingDayPoller.ts';

// Test support: a polling day as the demo and the count job leave it, on real Postgres and Kafka.
// The polls open and close through the simulator's own functions (polling_day); votes go to the
// config's votes topic (a test's own); and the count "catches up" by committing the topic's end
// offsets for the count job's consumer group, as Flink does when a checkpoint completes.

export class PollingNight {
  readonly #config: LoadedConfig;
  readonly #pool: pg.Pool;
  readonly #admin: Admin;
  readonly #producer: Producer;

  private constructor(config: LoadedConfig, pool: pg.Pool, admin: Admin, producer: Producer) {
    this.#config = config;
    this.#pool = pool;
    this.#admin = admin;
    this.#producer = producer;
  }

  /** Connects to the config's Postgres (`pool`, the caller's to end) and Kafka; creates polling_day if missing. */
  static async open(config: LoadedConfig, pool: pg.Pool): Promise<PollingNight> {
    await applySchema(pool);
    const kafka = createKafka(kafkaSettings(config), 'ui-test-night');
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer();
    await producer.connect();
    return new PollingNight(config, pool, admin, producer);
  }

  /** Opens the polls at `openedAtMs`, to close at `closesAtMs` (epoch ms). */
  async pollsOpen(openedAtMs: number, closesAtMs: number): Promise<void> {
    await recordPollsOpen(this.#pool, openedAtMs, closesAtMs);
  }

  /** Writes `count` vote events to the votes topic (the count itself is played by the tally topics). */
  async castVotes(count: number): Promise<void> {
    const messages = Array.from({ length: count }, (_, i) => ({ key: `e2e-voter-${i}`, value: JSON.stringify({ voter_id: `e2e-voter-${i}` }) }));
    await this.#producer.send({ topic: this.#config.env.kafka.topics.votes, messages });
  }

  /** Records that the polls closed at `closedAtMs` (epoch ms), as the simulator does after the last vote. */
  async pollsClosed(closedAtMs: number): Promise<void> {
    await recordPollsClosed(this.#pool, closedAtMs);
  }

  /** Commits the votes topic's end offsets for the count job's group: the count has read every vote. */
  async countCatchesUp(): Promise<void> {
    const topic = this.#config.env.kafka.topics.votes;
    const ends = await this.#admin.fetchTopicOffsets(topic);
    await this.#admin.setOffsets({ groupId: COUNT_JOB_GROUP_ID, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
  }

  /** Removes the polling day and the votes topic; disconnects. */
  async close(): Promise<void> {
    await this.#pool.query('DELETE FROM polling_day');
    await this.#producer.disconnect();
    try {
      await this.#admin.deleteTopics({ topics: [this.#config.env.kafka.topics.votes] });
    } finally {
      await this.#admin.disconnect();
    }
  }
}
