import type { Admin } from 'kafkajs';
import type { LoadedConfig } from '../shared/config/load.ts';
import { createKafka } from '../shared/kafka/client.ts';
import { kafkaSettings, postgresSettings } from '../shared/config/settings.ts';
import { poll } from '../shared/poll.ts';
import { createPool } from '../shared/postgres/connection.ts';

// How far the count job is behind the votes topic, sampled from Kafka offsets and Postgres:
// - backlog: events on the votes topic minus counted votes (rows of the Postgres table votes, one
//   per voter) and records on votes_rejected. Every event ends in exactly one of the two, so this
//   is the number of events not classified yet (counted votes reach Postgres in batches of up to
//   a second; no transactional producers write to the topics the bench reads).
// - groupLag: end offsets minus the offsets the job committed for `tally-count-votes` (Flink
//   commits on each checkpoint, so this moves in checkpoint-sized steps).

export const COUNT_GROUP = 'tally-count-votes';

export interface ProgressSample {
  at: number;
  votes: number;
  valid: number;
  backlog: number;
  groupLag: number | null;
}

export interface ProgressProbe {
  sample(): Promise<ProgressSample>;
  close(): Promise<void>;
}

export async function openProgressProbe(config: LoadedConfig): Promise<ProgressProbe> {
  const admin = createKafka(kafkaSettings(config), 'bench-progress').admin();
  await admin.connect();
  const pool = createPool(postgresSettings(config), 1);
  const { votes, votesRejected } = config.env.kafka.topics;
  const countedVotes = async (): Promise<number> => Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM votes')).rows[0]!.n);
  return {
    async sample() {
      const [votesEnd, valid, rejectedEnd, committed] = await Promise.all([
        endOffsets(admin, votes), countedVotes(), endOffsets(admin, votesRejected), committedOffsets(admin, votes),
      ]);
      return { at: Date.now(), votes: votesEnd, valid, backlog: votesEnd - valid - rejectedEnd, groupLag: committed === null ? null : votesEnd - committed };
    },
    close: async () => { await Promise.all([admin.disconnect(), pool.end()]); },
  };
}

async function endOffsets(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, o) => sum + Number(o.high), 0);
}

async function committedOffsets(admin: Admin, topic: string): Promise<number | null> {
  const answer = await admin.fetchOffsets({ groupId: COUNT_GROUP, topics: [topic] });
  const partitions = answer.flatMap((t) => t.partitions);
  if (partitions.length === 0 || partitions.every((p) => Number(p.offset) < 0)) return null;
  return partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

/** Waits until the validate job has caught up (backlog 0) or `timeoutMs` passed; returns the last sample. */
export async function waitForDrain(probe: ProgressProbe, timeoutMs: number): Promise<ProgressSample> {
  return (await poll(() => probe.sample(), { timeoutMs, intervalMs: 1000, until: (sample) => sample.backlog <= 0 }))!;
}
