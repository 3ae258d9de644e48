import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextRow } from './copy-text.ts';
import type { Candidate, Party, Region, Voter } from './model.ts';

// The Postgres side of registration. Parties, regions and candidates are upserted (config may
// rename a party); voters are only ever inserted, ON CONFLICT DO NOTHING, so a re-run adds nothing.

export async function upsertParties(pool: pg.Pool, parties: Party[]): Promise<void> {
  await pool.query(
    `INSERT INTO parties (party_id, name, color)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (party_id) DO UPDATE SET name = EXCLUDED.name, color = EXCLUDED.color`,
    [parties.map((p) => p.party_id), parties.map((p) => p.name), parties.map((p) => p.color)],
  );
}

export async function upsertRegions(pool: pg.Pool, regions: Region[]): Promise<void> {
  await pool.query(
    `INSERT INTO regions (region_id, name)
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (region_id) DO UPDATE SET name = EXCLUDED.name`,
    [regions.map((r) => r.region_id), regions.map((r) => r.name)],
  );
}

const CANDIDATE_COLUMNS = ['candidate_id', 'name', 'gender', 'party_id', 'biography', 'campaign_platform', 'photo_url'] as const;

export async function upsertCandidates(pool: pg.Pool, candidates: Candidate[]): Promise<void> {
  const arrays = CANDIDATE_COLUMNS.map((c) => candidates.map((candidate) => candidate[c]));
  await pool.query(
    `INSERT INTO candidates (${CANDIDATE_COLUMNS.join(', ')})
     SELECT * FROM unnest(${CANDIDATE_COLUMNS.map((_, i) => `$${i + 1}::text[]`).join(', ')})
     ON CONFLICT (candidate_id) DO UPDATE SET ${CANDIDATE_COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
    arrays,
  );
}

export const VOTER_COLUMNS = [
  'voter_id', 'name', 'date_of_birth', 'gender', 'nationality', 'registration_number', 'street', 'city',
  'region_id', 'country', 'postcode', 'email', 'phone', 'cell', 'picture', 'registered_age',
] as const satisfies readonly (keyof Voter)[];

/**
 * Inserts a chunk of voters in one transaction: COPY into a session-local staging table, then
 * INSERT ... SELECT ... ON CONFLICT (voter_id) DO NOTHING. Returns how many rows were new.
 */
export async function insertVoters(pool: pg.Pool, voters: Voter[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE IF NOT EXISTS voters_incoming (LIKE voters) ON COMMIT DELETE ROWS');
    const copy = client.query(copyFrom(`COPY voters_incoming (${VOTER_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(voterLines(voters)), copy);
    const inserted = await client.query(
      `INSERT INTO voters (${VOTER_COLUMNS.join(', ')})
       SELECT ${VOTER_COLUMNS.join(', ')} FROM voters_incoming
       ON CONFLICT (voter_id) DO NOTHING`,
    );
    await client.query('COMMIT');
    return inserted.rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function* voterLines(voters: Voter[]): Generator<string> {
  // A few hundred rows per write keeps the stream fast without building one huge string.
  for (let i = 0; i < voters.length; i += 500) {
    yield voters.slice(i, i + 500).map((v) => copyTextRow(VOTER_COLUMNS.map((c) => v[c]))).join('');
  }
}

/** Sets every region's registered_voters from the voters table (regions without voters get 0). */
export async function refreshRegisteredVoters(pool: pg.Pool): Promise<void> {
  await pool.query(
    `UPDATE regions r SET registered_voters = COALESCE(c.n, 0)
     FROM regions r2 LEFT JOIN (SELECT region_id, count(*)::int AS n FROM voters GROUP BY region_id) c
       ON c.region_id = r2.region_id
     WHERE r.region_id = r2.region_id AND r.registered_voters IS DISTINCT FROM COALESCE(c.n, 0)`,
  );
}

/** Registered voters (rows of the voters table). */
export async function countVoters(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ n: string }>('SELECT count(*) AS n FROM voters');
  return Number(result.rows[0]?.n ?? 0);
}

/** The ids among `ids` (undefined entries skipped) that are registered voters. */
export async function registeredAmong(pool: pg.Pool, ids: readonly (string | undefined)[]): Promise<Set<string>> {
  const wanted = ids.filter((id): id is string => id !== undefined);
  if (wanted.length === 0) return new Set();
  const found = await pool.query<{ voter_id: string }>('SELECT voter_id FROM voters WHERE voter_id = ANY($1)', [wanted]);
  return new Set(found.rows.map((r) => r.voter_id));
}

/** How many of `ids` are registered voters, asked `chunk` ids at a time (default 10 000). */
export async function countRegisteredAmong(pool: pg.Pool, ids: Iterable<string>, chunk = 10_000): Promise<number> {
  let registered = 0;
  let batch: string[] = [];
  for (const id of ids) {
    batch.push(id);
    if (batch.length < chunk) continue;
    registered += (await registeredAmong(pool, batch)).size;
    batch = [];
  }
  return registered + (await registeredAmong(pool, batch)).size;
}
