import type { Admin } from 'kafkajs';
import type { LoadedConfig } from '../shared/config/load.ts';
import { createKafka } from '../shared/kafka/client.ts';
import { kafkaSettings } from '../shared/config/settings.ts';

// How far the count job is behind the votes topic, sampled from Kafka offsets:
// - backlog: events on the votes topic minus records on votes_valid and votes_rejected. Every
//   event ends in exactly one of the two, once, so this is the number of events not classified
//   yet, exact to the record (no transactional producers write to the topics the bench reads).
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
  const { votes, votesValid, votesRejected } = config.env.kafka.topics;
  return {
    async sample() {
      const [votesEnd, validEnd, rejectedEnd, committed] = await Promise.all([
        endOffsets(admin, votes), endOffsets(admin, votesValid), endOffsets(admin, votesRejected), committedOffsets(admin, votes),
      ]);
      return { at: Date.now(), votes: votesEnd, valid: validEnd, backlog: votesEnd - validEnd - rejectedEnd, groupLag: committed === null ? null : votesEnd - committed };
    },
    close: () => admin.disconnect(),
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
  const deadline = Date.now() + timeoutMs;
  let last = await probe.sample();
  while (last.backlog > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    last = await probe.sample();
  }
  return last;
}
