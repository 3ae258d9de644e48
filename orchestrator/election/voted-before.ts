import type { KafkaSettings } from '../../shared/config/settings.ts';
import { readTopicToEnd } from '../kafka/snapshot.ts';
import { parseVote } from './vote-rules.ts';

// A restarted simulator must not let anyone vote twice, even when it stopped after producing votes
// but before committing its consumer offsets: it first reads the votes already on the topic.

/**
 * The voter ids of every parseable committed vote on `topic` up to its end offsets at the start.
 * @throws SnapshotTimeoutError when the read stalls (see readTopicToEnd)
 */
export async function votersWhoVoted(kafka: Pick<KafkaSettings, 'brokers' | 'clientId'>, topic: string): Promise<Set<string>> {
  const voted = new Set<string>();
  await readTopicToEnd(kafka, topic, (message) => {
    const vote = message.value ? parseVote(message.value.toString()) : null;
    if (vote) voted.add(vote.voter_id);
  });
  return voted;
}
