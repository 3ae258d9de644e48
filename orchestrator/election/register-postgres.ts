import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextOf, VOTER_COLUMNS, type EncodedVoters } from './encode-voters.ts';
import type { Candidate, Party, Region } from '../../shared/election/model.ts';

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

const UNIQUE_VIOLATION = '23505';

/**
 * Inserts a chunk of voters (its COPY text) in one transaction and returns how many rows were new. The first try
 * COPYs straight into voters, which costs Postgres half the work of staging; a chunk that is
 * (partly) there already fails that COPY on its first known voter (unique violation), and is then
 * COPYed into a session-local staging table and inserted with ON CONFLICT (voter_id) DO NOTHING.
 * Throws pg's errors (connection, constraint other than a duplicate voter).
 */
export async function insertVoters(pool: pg.Pool, voters: Pick<EncodedVoters, 'count' | 'copyText'>): Promise<number> {
  const client = await pool.connect();
  try {
    try {
      await inTransaction(client, () => copyVoters(client, 'voters', voters));
      return voters.count;
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
    return await inTransaction(client, async () => {
      await client.query('CREATE TEMP TABLE IF NOT EXISTS voters_incoming (LIKE voters) ON COMMIT DELETE ROWS');
      await copyVoters(client, 'voters_incoming', voters);
      const inserted = await client.query(
        `INSERT INTO voters (${VOTER_COLUMNS.join(', ')})
         SELECT ${VOTER_COLUMNS.join(', ')} FROM voters_incoming
         ON CONFLICT (voter_id) DO NOTHING`,
      );
      return inserted.rowCount ?? 0;
    });
  } finally {
    client.release();
  }
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function copyVoters(client: pg.PoolClient, table: 'voters' | 'voters_incoming', voters: Pick<EncodedVoters, 'copyText'>): Promise<void> {
  const copy = client.query(copyFrom(`COPY ${table} (${VOTER_COLUMNS.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([copyTextOf(voters)]), copy);
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
