import { describe, expect, it } from 'vitest';
import { VoteSchedule } from './vote-schedule.ts';

describe('a vote schedule', () => {
  it('hands out votes when they are due, earliest first', () => {
    const schedule = new VoteSchedule<string>(100);
    schedule.add(950, 'late');
    schedule.add(120, 'early');
    schedule.add(130, 'early-too');
    expect(schedule.takeDue(50)).toEqual([]);
    expect(schedule.takeDue(199)).toEqual(['early', 'early-too']);
    expect(schedule.size).toBe(1);
    expect(schedule.takeDue(1000)).toEqual(['late']);
    expect(schedule.size).toBe(0);
    expect(schedule.lastDueMs).toBe(950);
  });

  it('makes a vote added for a time already past due at once', () => {
    const schedule = new VoteSchedule<string>(100);
    expect(schedule.takeDue(5_000)).toEqual([]);
    schedule.add(10, 'read late');
    expect(schedule.takeDue(5_000)).toEqual(['read late']);
  });
});
