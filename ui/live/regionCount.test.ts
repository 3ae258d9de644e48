import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNT_JOB_GROUP_ID, groupHasReadTopic, readPollingDay, type CountLagAdmin } from './pollingDayPoller.ts';
import { regionCountState } from './regionCount.ts';

const open = { openedAt: 1_000, closesAt: 61_000, closedAt: null, countCaughtUp: false };
const closed = { ...open, closedAt: 61_000 };

/** A stand-in admin: the votes topic's partition ends, and the offsets the group committed. */
function admin(ends: [low: number, high: number][], committed: number[]): CountLagAdmin {
  return {
    fetchTopicOffsets: async () => ends.map(([low, high], partition) => ({ partition, offset: String(high), high: String(high), low: String(low) })),
    fetchOffsets: async () => [{ topic: 'votes', partitions: committed.map((offset, partition) => ({ partition, offset: String(offset), metadata: null })) }],
  } as unknown as CountLagAdmin;
}

describe('when a region\'s count is complete', () => {
  it('is reporting while the polls are open, however high its turnout', () => {
    expect(regionCountState(1000, 990, open)).toBe('reporting');
    expect(regionCountState(1000, 0, open)).toBe('no-votes');
  });

  it('is still reporting after the polls closed until the count has read every vote cast', () => {
    expect(regionCountState(1000, 620, closed)).toBe('reporting');
    expect(regionCountState(1000, 620, { ...closed, countCaughtUp: true })).toBe('complete');
    // a region where nobody voted is complete too, once the count is known to be whole
    expect(regionCountState(1000, 0, { ...closed, countCaughtUp: true })).toBe('complete');
  });

  it('is complete without a polling day only when every registered voter is counted', () => {
    expect(regionCountState(100, 100, null)).toBe('complete');
    expect(regionCountState(100, 99, null)).toBe('reporting');
    expect(regionCountState(0, 5, null)).toBe('no-register');
  });
});

describe('whether the count has read the whole votes log', () => {
  it('is true only when the count job committed the end offset of every partition', async () => {
    expect(await groupHasReadTopic(admin([[0, 500], [0, 420]], [500, 420]), COUNT_JOB_GROUP_ID, 'votes')).toBe(true);
    expect(await groupHasReadTopic(admin([[0, 500], [0, 420]], [500, 419]), COUNT_JOB_GROUP_ID, 'votes')).toBe(false);
    // -1: nothing committed yet on a partition that holds votes
    expect(await groupHasReadTopic(admin([[0, 500], [0, 420]], [500, -1]), COUNT_JOB_GROUP_ID, 'votes')).toBe(false);
    // an empty partition needs no commit
    expect(await groupHasReadTopic(admin([[0, 500], [0, 0]], [500, -1]), COUNT_JOB_GROUP_ID, 'votes')).toBe(true);
  });

  it('asks the consumer group the count job really uses', () => {
    const source = readFileSync(new URL('../../flink-sql/tables/votes_raw.sql', import.meta.url), 'utf8');
    expect(source).toContain(`'properties.group.id' = '${COUNT_JOB_GROUP_ID}'`);
  });

  it('reads the polling day as numbers, and no night when the table is missing', async () => {
    const row = { opened_at_ms: '1000', closes_at_ms: '61000', closed_at_ms: null };
    expect(await readPollingDay({ query: async () => ({ rows: [row] as never[] }) })).toEqual({ openedAt: 1000, closesAt: 61000, closedAt: null });
    const missing = Object.assign(new Error('relation "polling_day" does not exist'), { code: '42P01' });
    expect(await readPollingDay({ query: async () => { throw missing; } })).toBeNull();
    await expect(readPollingDay({ query: async () => { throw new Error('ECONNREFUSED'); } })).rejects.toThrow('ECONNREFUSED');
  });
});
