import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { parseVote } from './vote-rules.ts';

// A restarted simulator must not let anyone vote twice, even when it stopped after producing votes
// but before committing its consumer offsets: it first reads the votes already on the topic.

/** The voter ids of every parseable vote on `topic` up to its current end. */
export async function votersWhoVoted(kafka: Kafka, topic: string): Promise<Set<string>> {
  const voted = new Set<string>();
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `tally-vote-replay-${randomUUID()}`;
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    const remaining = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high) - 1n]));
    if (remaining.size === 0) return voted;
    const consumer = kafka.consumer({ groupId, maxBytes: 16 * 1024 * 1024 });
    await consumer.connect();
    try {
      let finish: () => void = () => undefined;
      const finished = new Promise<void>((resolve) => { finish = resolve; });
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const vote = message.value ? parseVote(message.value.toString()) : null;
            if (vote) voted.add(vote.voter_id);
          }
          const last = remaining.get(batch.partition);
          if (last !== undefined && BigInt(batch.lastOffset()) >= last) remaining.delete(batch.partition);
          if (remaining.size === 0) finish();
        },
      });
      await finished;
    } finally {
      await consumer.disconnect();
    }
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return voted;
  } finally {
    await admin.disconnect();
  }
}
