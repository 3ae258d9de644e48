import { describe, expect, it } from 'vitest';
import { compareCounts, countsByKey, describeDifferences, splitKey } from './compare.ts';

describe('compareCounts', () => {
  it('finds no difference between equal counts', () => {
    expect(compareCounts(new Map([['a', 1]]), new Map([['a', 1]]))).toEqual([]);
  });

  it('reports a key missing on one side as a zero there', () => {
    expect(compareCounts(new Map([['a', 2]]), new Map([['b', 1]]))).toEqual([
      { key: 'a', expected: 2, actual: 0 },
      { key: 'b', expected: 0, actual: 1 },
    ]);
  });

  it('summarises differences in one line', () => {
    expect(describeDifferences([{ key: 'c1', expected: 5, actual: 4 }])).toBe('1 key(s) differ: c1 expected 5 got 4');
    expect(describeDifferences([])).toBe('equal');
  });

  it('folds rows into counts keyed by several columns', () => {
    const rows = [{ r: 'x', c: 'a', votes: 2 }, { r: 'x', c: 'b', votes: '3' }];
    expect(countsByKey(rows, ['r', 'c'], 'votes')).toEqual(new Map([['x|a', 2], ['x|b', 3]]));
  });

  it('splits a key of several columns back into its values, and keeps a key whose values hold a "|" whole', () => {
    expect(splitKey('north|c1', 2)).toEqual(['north', 'c1']);
    expect(splitKey('1778144400000', 1)).toEqual(['1778144400000']);
    expect(splitKey('a|b|c1', 2)).toEqual(['a|b|c1']);
    expect(splitKey('a|b', 1)).toEqual(['a|b']);
  });
});
