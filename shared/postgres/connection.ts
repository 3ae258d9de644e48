import pg from 'pg';
import type { PostgresSettings } from '../config/settings.ts';

// The one module that opens Postgres connections. Everything else asks it for a pool; it takes
// only the connection parameters (config/settings.ts builds them from tally.yaml).

/**
 * A node-postgres pool on the given server. An idle client losing its server (Postgres
 * restarting) does not crash the process: the pool drops that client, and the next query
 * connects again or fails where it can be handled.
 * @param settings - host, port, database, user, password (see postgresSettings)
 * @param max - the most connections the pool opens. Defaults to 4
 * @returns a pool whose connection attempts time out after 10 s; end() it when done
 * @see https://node-postgres.com/apis/pool
 */
export function createPool(settings: PostgresSettings, max = 4): pg.Pool {
  const pool = new pg.Pool({ ...settings, max, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Creates `settings.database` on the server when it does not exist yet (connecting to the
 * `postgres` maintenance database as `settings.user`).
 * @param settings - host, port, database, user, password; the database name is one the config
 *   schema validated ([a-z_][a-z0-9_]*), so it is safe as an identifier
 * @throws pg errors when the server is unreachable (10 s connect timeout) or refuses the login
 */
export async function ensureDatabase(settings: PostgresSettings): Promise<void> {
  const client = new pg.Client({ ...settings, database: 'postgres', connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [settings.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${settings.database}`);
  } finally {
    await client.end();
  }
}
