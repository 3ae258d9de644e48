import { randomBytes } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { loadConfig, type LoadedConfig } from '../../../shared/config/load.ts';
import { createKafka, ensureTopics } from '../../../shared/kafka/client.ts';
import type {
  RejectedByReason, TallyByCandidate, TallyByParty, TallyByRegionCandidate, TurnoutByRegion, VotesPerMinute,
} from '../../../shared/election/model.ts';
import { kafkaSettings } from '../../../shared/config/settings.ts';

// Test support: a config whose six tally topics have unique names, and a producer that writes
// tally rows to them as the Flink jobs do (key = JSON of the primary key, value = JSON row or null).

const TOPIC_ENV = {
  tallyByCandidate: 'TALLY_KAFKA__TOPICS__TALLY_BY_CANDIDATE',
  tallyByParty: 'TALLY_KAFKA__TOPICS__TALLY_BY_PARTY',
  tallyByRegion: 'TALLY_KAFKA__TOPICS__TALLY_BY_REGION',
  turnoutByRegion: 'TALLY_KAFKA__TOPICS__TURNOUT_BY_REGION',
  votesPerMinute: 'TALLY_KAFKA__TOPICS__VOTES_PER_MINUTE',
  rejectedByReason: 'TALLY_KAFKA__TOPICS__REJECTED_BY_REASON',
} as const;

/**
 * The environment's config with the six tally topics renamed uniquely (`prefix_kind_suffix`).
 * @param extraEnv - more overrides, e.g. a votes topic of the test's own
 */
export function uniqueTallyConfig(prefix: string, extraEnv: NodeJS.ProcessEnv = {}): LoadedConfig {
  const suffix = randomBytes(4).toString('hex');
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const [key, name] of Object.entries(TOPIC_ENV)) env[name] = `${prefix}_${key}_${suffix}`;
  return loadConfig({ processEnv: env });
}

export function tallyTopicNames(config: LoadedConfig): string[] {
  const t = config.env.kafka.topics;
  return [t.tallyByCandidate, t.tallyByParty, t.tallyByRegion, t.turnoutByRegion, t.votesPerMinute, t.rejectedByReason];
}

export class TallyTopicWriter {
  readonly #config: LoadedConfig;
  readonly #producer: Producer;

  private constructor(config: LoadedConfig, producer: Producer) {
    this.#config = config;
    this.#producer = producer;
  }

  static async open(config: LoadedConfig): Promise<TallyTopicWriter> {
    await ensureTopics(kafkaSettings(config));
    const producer = createKafka(kafkaSettings(config), 'ui-test').producer();
    await producer.connect();
    return new TallyTopicWriter(config, producer);
  }

  async candidate(row: TallyByCandidate): Promise<void> {
    await this.raw(this.#config.env.kafka.topics.tallyByCandidate, { candidate_id: row.candidate_id }, JSON.stringify(row));
  }

  async deleteCandidate(candidateId: string): Promise<void> {
    await this.raw(this.#config.env.kafka.topics.tallyByCandidate, { candidate_id: candidateId }, null);
  }

  async party(row: TallyByParty): Promise<void> {
    await this.raw(this.#config.env.kafka.topics.tallyByParty, { party_id: row.party_id }, JSON.stringify(row));
  }

  async regionCandidate(row: TallyByRegionCandidate): Promise<void> {
    await this.raw(this.#config.env.kafka.topics.tallyByRegion, { region_id: row.region_id, candidate_id: row.candidate_id }, JSON.stringify(row));
  }

  async turnout(row: TurnoutByRegion): Promise<void> {
    await this.raw(this.#config.env.kafka.topics.turnoutByRegion, { region_id: row.region_id }, JSON.stringify(row));
  }

  async votesPerMinute(row: VotesPerMinute): Promise<void> {
    await this.raw(this.#config.env.kafka.topics.votesPerMinute, { minute_start: row.minute_start }, JSON.stringify(row));
  }

  async rejected(row: RejectedByReason): Promise<void> {
    await this.raw(this.#config.env.kafka.topics.rejectedByReason, { reason: row.reason }, JSON.stringify(row));
  }

  async raw(topic: string, key: object, value: string | null): Promise<void> {
    await this.#producer.send({ topic, messages: [{ key: JSON.stringify(key), value }] });
  }

  /** Closes the producer and deletes the test's topics. */
  async close(): Promise<void> {
    await this.#producer.disconnect();
    const admin = createKafka(kafkaSettings(this.#config), 'ui-test-admin').admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: tallyTopicNames(this.#config) });
    } finally {
      await admin.disconnect();
    }
  }
}

/** Polls until `check` returns a value (not undefined); the test's own timeout bounds the wait. */
export async function eventually<T>(check: () => Promise<T | undefined>, pauseMs = 100): Promise<T> {
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not there yet (server restarting, connection refused): try again
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
