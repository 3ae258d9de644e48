import type { Producer, ProducerBatch } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import type { Ballot } from './ballot.ts';
import { GroundTruth } from './ground-truth.ts';
import { rateLimiter } from './rate-limiter.ts';
import { seededRandom } from './seeded-random.ts';
import type { Candidate } from '../../shared/election/model.ts';
import { VoteWriter } from './vote-writer.ts';

// The writer's pacing and order, on a stand-in for kafkajs's producer that records each request
// (the real broker is in test/election.test.ts).

const candidate: Candidate = { candidate_id: 'c1', name: 'A', gender: 'male', party_id: 'LAB', biography: '', campaign_platform: '', photo_url: '' };
const ballot: Ballot = { choose: () => candidate, partyShares: () => ({}) } as unknown as Ballot;

function recordingProducer(): { producer: Producer; sent: string[][]; at: number[] } {
  const sent: string[][] = [];
  const at: number[] = [];
  const producer = {
    async sendBatch(batch: ProducerBatch) {
      sent.push(batch.topicMessages!.flatMap((t) => t.messages.map((m) => String(m.key))));
      at.push(performance.now());
      return [];
    },
  } as unknown as Producer;
  return { producer, sent, at };
}

function writer(producer: Producer, votesPerSecond: number): VoteWriter {
  const truth = new GroundTruth([candidate], { isVoter: () => true, isCandidate: () => true });
  return new VoteWriter({ producer, topic: 'votes', seed: 1, ballot, candidates: [candidate], truth, chaosRatio: 0, random: seededRandom(1), limiter: rateLimiter(votesPerSecond) });
}

describe('VoteWriter', () => {
  it('paces votes cast while a flush waits for the rate limiter with the next flush, in the order cast', async () => {
    const { producer, sent, at } = recordingProducer();
    const votes = writer(producer, 1000);
    const started = performance.now();
    for (let i = 0; i < 100; i++) votes.cast({ voter_id: `a${i}`, region_id: 'r' });
    const first = votes.flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Cast while the first flush waits ~100 ms for the limiter: these belong to the second.
    for (let i = 0; i < 100; i++) votes.cast({ voter_id: `b${i}`, region_id: 'r' });
    expect(votes.pendingVotes).toBe(100);
    const second = votes.flush();
    await Promise.all([first, second]);

    expect(sent.map((keys) => keys.length)).toEqual([100, 100]);
    expect(sent[0]!.every((k) => k.startsWith('a'))).toBe(true);
    expect(sent[1]!.every((k) => k.startsWith('b'))).toBe(true);
    // 200 votes at 1000/s: the second request goes no earlier than 200 ms after the start.
    expect(at[1]! - started).toBeGreaterThanOrEqual(195);
    expect(votes.votes).toBe(200);
    expect(votes.pendingVotes).toBe(0);
  });
});
