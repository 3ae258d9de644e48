import type pg from 'pg';
import { FINDING_SHOWN_LIMIT, type CountsFinding } from '../../shared/checks/qualityFinding.ts';
import { splitKey, type CountDifference } from './compare.ts';
import { total, type Counts } from './tallies.ts';

// The figures behind a "<tally> equals Postgres" check, with the register's names for the ids in
// the keys it shows, so that the page can say "North, Ada Lovelace" where the CLI prints two UUIDs.

/** Where the register keeps the name of each kind of id that keys a tally. */
const NAME_QUERIES: Record<string, string> = {
  candidate_id: 'SELECT candidate_id AS id, name FROM candidates WHERE candidate_id = ANY($1::text[])',
  party_id: 'SELECT party_id AS id, name FROM parties WHERE party_id = ANY($1::text[])',
  region_id: 'SELECT region_id AS id, name FROM regions WHERE region_id = ANY($1::text[])',
};

/** id → name in the register for the given ids of `column`; empty for a column without names (minute_start). */
async function registerNames(pool: pg.Pool, column: string, ids: string[]): Promise<Map<string, string>> {
  const sql = NAME_QUERIES[column];
  if (sql === undefined || ids.length === 0) return new Map();
  const result = await pool.query<{ id: string; name: string }>(sql, [ids]);
  return new Map(result.rows.map((r) => [r.id, r.name]));
}

/**
 * A tally topic against Postgres as figures: how many keys, the totals, how many keys differ and
 * the first few of them (FINDING_SHOWN_LIMIT) with the register's names for their ids.
 * @param keyColumns - the tally's key columns (TallyDefinition.keyColumns)
 * @param differences - compareCounts(fromPostgres, fromTopic): `expected` is Postgres, `actual` the topic
 * @throws pg's errors when a name lookup fails (only when keys differ)
 */
export async function countsFinding(pool: pg.Pool, keyColumns: string[], fromTopic: Counts, fromPostgres: Counts, differences: CountDifference[]): Promise<CountsFinding> {
  const first = differences.slice(0, FINDING_SHOWN_LIMIT).map((d) => ({ ...d, values: splitKey(d.key, keyColumns.length) }));
  const split = first.filter((d) => d.values.length === keyColumns.length);
  const names = await Promise.all(keyColumns.map((column, i) => registerNames(pool, column, [...new Set(split.map((d) => d.values[i]!))])));
  return {
    kind: 'counts',
    keyColumns,
    keys: new Set([...fromTopic.keys(), ...fromPostgres.keys()]).size,
    tallyTotal: total(fromTopic),
    postgresTotal: total(fromPostgres),
    differing: differences.length,
    shown: first.map((d) => ({
      key: d.values,
      names: d.values.map((value, i) => (d.values.length === keyColumns.length ? names[i]!.get(value) ?? null : null)),
      tally: d.actual,
      postgres: d.expected,
    })),
  };
}
