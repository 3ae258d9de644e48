import type { Admin } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { StackError } from '../errors.ts';
import { waitForTopicsReady } from './client.ts';

// An admin whose answers change over time, as a broker's do right after a topic is created again.
function fakeAdmin(states: { leaders: number[]; offsetsFail?: boolean }[]): { admin: Admin; calls: () => number } {
  let call = 0;
  const state = (): { leaders: number[]; offsetsFail?: boolean } => states[Math.min(call - 1, states.length - 1)]!;
  const admin = {
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => {
      call += 1;
      return { topics: topics.map((name) => ({ name, partitions: state().leaders.map((leader, partitionId) => ({ partitionId, leader, partitionErrorCode: leader < 0 ? 5 : 0, replicas: [], isr: [] })) })) };
    },
    fetchTopicOffsets: async () => {
      if (state().offsetsFail) throw new Error('This server does not host this topic-partition');
      return state().leaders.map((_, partition) => ({ partition, offset: '0', high: '0', low: '0' }));
    },
  } as unknown as Admin;
  return { admin, calls: () => call };
}

describe('topics recreated by tally reset', () => {
  it('are ready only once every partition has a leader that answers for it', async () => {
    const { admin, calls } = fakeAdmin([{ leaders: [-1, -1] }, { leaders: [1, -1] }, { leaders: [1, 1], offsetsFail: true }, { leaders: [1, 1] }]);
    await waitForTopicsReady(admin, ['votes', 'voters'], 5_000);
    expect(calls()).toBe(4);
  });

  it('that never get a leader fail with a message naming them', async () => {
    const { admin } = fakeAdmin([{ leaders: [-1] }]);
    const waiting = waitForTopicsReady(admin, ['votes'], 500);
    await expect(waiting).rejects.toBeInstanceOf(StackError);
    await expect(waiting).rejects.toThrow(/votes were created but not every partition had a leader/);
  });

  it('need no waiting when there are none', async () => {
    const { admin, calls } = fakeAdmin([{ leaders: [-1] }]);
    await waitForTopicsReady(admin, []);
    expect(calls()).toBe(0);
  });
});
