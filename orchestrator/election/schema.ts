import { readFileSync } from 'node:fs';
import type pg from 'pg';

const SCHEMA_SQL = new URL('./schema.sql', import.meta.url);

/** Creates Tally's tables if they are missing (schema.sql is idempotent, so this is safe on every start). */
export async function applySchema(pool: pg.Pool): Promise<void> {
  await pool.query(readFileSync(SCHEMA_SQL, 'utf8'));
}
