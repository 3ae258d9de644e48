import { describe, expect, it } from 'vitest';
import { formatCount, formatCountOf } from './format.ts';

describe('counts in words', () => {
  it('groups thousands and reads what it cannot show as a dash', () => {
    expect(formatCount(300_000)).toBe('300,000');
    expect(formatCount(null)).toBe('–');
    expect(formatCount(Number.NaN)).toBe('–');
  });

  it('puts the noun in the plural unless the count is 1, with an irregular plural when given', () => {
    expect(formatCountOf(1, 'vote')).toBe('1 vote');
    expect(formatCountOf(0, 'vote')).toBe('0 votes');
    expect(formatCountOf(12_345, 'party', 'parties')).toBe('12,345 parties');
  });
});
