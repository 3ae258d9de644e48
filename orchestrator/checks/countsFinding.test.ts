import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { compareCounts } from './compare.ts';
import { countsFinding } from './countsFinding.ts';

const REGISTER: Record<string, Record<string, string>> = {
  candidates: { c1: 'Ada Lovelace', c2: 'Grace Hopper' },
  regions: { north: 'North' },
};

/** A pool answering the name lookups from REGISTER, and recording which tables it was asked about. */
function registerPool(): { pool: pg.Pool; asked: string[] } {
  const asked: string[] = [];
  const query = async (sql: string, [ids]: [string[]]): Promise<{ rows: { id: string; name: string }[] }> => {
    const table = /FROM (\w+)/.exec(sql)![1]!;
    asked.push(table);
    const names = REGISTER[table] ?? {};
    return { rows: ids.filter((id) => id in names).map((id) => ({ id, name: names[id]! })) };
  };
  return { pool: { query } as unknown as pg.Pool, asked };
}

const counts = (entries: [string, number][]): Map<string, number> => new Map(entries);

describe('countsFinding', () => {
  it('counts the keys and votes on each side, and asks the register nothing when they agree', async () => {
    const { pool, asked } = registerPool();
    const same = counts([['c1', 5], ['c2', 3]]);
    expect(await countsFinding(pool, ['candidate_id'], same, same, [])).toEqual({
      kind: 'counts', keyColumns: ['candidate_id'], keys: 2, tallyTotal: 8, postgresTotal: 8, differing: 0, shown: [],
    });
    expect(asked).toEqual([]);
  });

  it('shows the first three differing keys split into their columns, with the register\'s names', async () => {
    const { pool, asked } = registerPool();
    const postgres = counts([['north|c1', 5], ['north|c2', 3], ['south|c1', 2], ['west|c1', 1]]);
    const topic = counts([['north|c1', 4], ['north|c2', 3], ['south|c1', 1], ['west|c1', 0], ['west|c9', 1]]);
    const finding = await countsFinding(pool, ['region_id', 'candidate_id'], topic, postgres, compareCounts(postgres, topic));
    expect(finding).toMatchObject({ keys: 5, tallyTotal: 9, postgresTotal: 11, differing: 4 });
    expect(finding.shown).toEqual([
      { key: ['north', 'c1'], names: ['North', 'Ada Lovelace'], tally: 4, postgres: 5 },
      { key: ['south', 'c1'], names: [null, 'Ada Lovelace'], tally: 1, postgres: 2 },
      { key: ['west', 'c1'], names: [null, 'Ada Lovelace'], tally: 0, postgres: 1 },
    ]);
    expect(asked.sort()).toEqual(['candidates', 'regions']);
  });

  it('asks no names for time buckets, nor for a key that could not be split', async () => {
    const { pool, asked } = registerPool();
    const buckets = await countsFinding(pool, ['minute_start'], counts([['1778144400000', 120]]), counts([['1778144400000', 118]]), [{ key: '1778144400000', expected: 118, actual: 120 }]);
    expect(buckets.shown).toEqual([{ key: ['1778144400000'], names: [null], tally: 120, postgres: 118 }]);
    const whole = await countsFinding(pool, ['region_id', 'candidate_id'], counts([['a|b|c1', 1]]), counts([]), [{ key: 'a|b|c1', expected: 0, actual: 1 }]);
    expect(whole.shown).toEqual([{ key: ['a|b|c1'], names: [null], tally: 1, postgres: 0 }]);
    expect(asked).toEqual([]);
  });
});
