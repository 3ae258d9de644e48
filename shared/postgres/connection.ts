import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { LoadedConfig } from '../config/load.ts';
import { ConfigError } from '../errors.ts';

// The one module that knows how to reach Postgres. Everything else asks it for a pool.

export interface PostgresConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** Where the embedded server keeps the password it was initialised with (never in the repo). */
export function embeddedPasswordFile(config: LoadedConfig): string {
  return join(config.dataDir, 'postgres', 'password');
}

/**
 * The password comes from the variable named by postgres.passwordEnv; for the embedded server
 * without that variable, Tally makes a random one on first use and keeps it under dataDir.
 */
export function postgresPassword(config: LoadedConfig, processEnv: NodeJS.ProcessEnv = config.processEnv): string {
  const { passwordEnv, mode } = config.env.postgres;
  const fromEnv = processEnv[passwordEnv];
  if (fromEnv) return fromEnv;
  if (mode === 'embedded') {
    const file = embeddedPasswordFile(config);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
    }
    return readFileSync(file, 'utf8').trim();
  }
  throw new ConfigError(`the Postgres password is not set: export ${passwordEnv}=... (environment "${config.name}")`);
}

export function postgresConnection(config: LoadedConfig): PostgresConnection {
  const { host, port, database, user } = config.env.postgres;
  return { host, port, database, user, password: postgresPassword(config) };
}

/** The JDBC URL Flink uses (compose and clusters reach Postgres under another host name). */
export function jdbcUrl(config: LoadedConfig): string {
  const { host, port, database } = config.env.postgres;
  // reWriteBatchedInserts: the driver sends a batch of upserts as multi-row INSERTs (the archive sink).
  return config.env.flink.jdbcUrl ?? `jdbc:postgresql://${host}:${port}/${database}?reWriteBatchedInserts=true`;
}

export function createPool(config: LoadedConfig, max = 4): pg.Pool {
  const pool = new pg.Pool({ ...postgresConnection(config), max, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (Postgres restarting) must not crash the process: the pool
  // drops that client, and the next query connects again or fails where it can be handled.
  pool.on('error', () => undefined);
  return pool;
}

/** Creates the configured database on the server when it does not exist yet. */
export async function ensureDatabase(config: LoadedConfig): Promise<void> {
  const connection = postgresConnection(config);
  const client = new pg.Client({ ...connection, database: 'postgres', connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [connection.database]);
    // The name is validated by the config schema ([a-z_][a-z0-9_]*), so it is safe as an identifier.
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${connection.database}`);
  } finally {
    await client.end();
  }
}
