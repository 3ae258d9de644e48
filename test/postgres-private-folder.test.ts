import { chmodSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../shared/config/load.ts';
import { jarDirs } from '../orchestrator/stack/jars.ts';
import { postgresHome } from '../orchestrator/stack/postgres-home.ts';
import { postgresService } from '../orchestrator/stack/postgres.ts';
import { waitFor } from '../shared/poll.ts';
import type { LocalService, StackPaths } from '../orchestrator/stack/service.ts';
import { embeddedPasswordFile, postgresSettings } from '../shared/config/settings.ts';

// The local stack's Postgres started from a clone only its owner can enter (a folder of mode 0700,
// like /root in most containers). As root, Postgres must run as the `postgres` user, which cannot
// enter that folder: its cluster and binaries then live outside it. As any other user, Postgres
// runs as that user, who can enter the folder. Either way the real server starts, keeps data
// across a restart, and stops. It runs on a free port of its own, beside any other stack.

const isRoot = userInfo().uid === 0;
const clone = mkdtempSync(join(tmpdir(), 'tally-private-'));
chmodSync(clone, 0o700);
let config: LoadedConfig;
let service: LocalService;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function query<R extends pg.QueryResultRow>(sql: string): Promise<R[]> {
  const client = new pg.Client(postgresSettings(config));
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function startAndWait(): Promise<void> {
  await service.start();
  expect(await waitFor(() => service.isHealthy().catch(() => false), 60_000, 250)).toBe(true);
  await service.afterHealthy?.();
}

beforeAll(async () => {
  writeFileSync(join(clone, 'tally.yaml'), `environments:\n  private:\n    dataDir: .tally\n    postgres: { port: ${await freePort()} }\n`);
  config = loadConfig({ file: join(clone, 'tally.yaml'), environment: 'private', processEnv: {} });
  const paths: StackPaths = { root: config.dataDir, run: join(config.dataDir, 'run'), logs: join(config.dataDir, 'logs'), jars: jarDirs(config.dataDir) };
  service = postgresService({ port: config.env.postgres.port, connection: () => postgresSettings(config), passwordFile: embeddedPasswordFile(config) }, paths);
});

afterAll(async () => {
  await service?.stop();
  const { dataDir } = postgresHome(config.dataDir);
  if (isRoot && !dataDir.startsWith(clone)) rmSync(dirname(dataDir), { recursive: true, force: true });
  rmSync(clone, { recursive: true, force: true });
});

describe('Postgres of a stack in a folder only its owner can enter', () => {
  it('starts, answers and keeps its data across a restart', async () => {
    expect(statSync(clone).mode & 0o777).toBe(0o700);
    expect(statSync(clone).uid).toBe(userInfo().uid);
    await startAndWait();
    await query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)');
    expect(await service.stop()).toBe(true);
    await startAndWait();
    expect(await query<{ n: number }>('SELECT n FROM kept')).toEqual([{ n: 42 }]);
  }, 180_000);

  it('starts afresh when its stack folder was deleted and made again at the same path', async () => {
    expect(await service.stop()).toBe(true);
    rmSync(config.dataDir, { recursive: true, force: true });
    await startAndWait();
    expect(await query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'kept'")).toEqual([{ n: 0 }]);
  }, 180_000);

  it('runs as a user who can reach its data folder, found from the stack folder', async () => {
    const [row] = await query<{ data_directory: string }>("SELECT current_setting('data_directory') AS data_directory");
    const dataDir = row!.data_directory;
    const owner = statSync(dataDir).uid;
    if (isRoot) {
      // Not root, and nothing on the way to the data is the private clone.
      expect(owner).not.toBe(0);
      expect(dataDir.startsWith(`${clone}/`)).toBe(false);
      expect(lstatSync(join(config.dataDir, 'postgres', 'data')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(config.dataDir, 'postgres', 'data'))).toBe(dataDir);
    } else {
      expect(owner).toBe(userInfo().uid);
      expect(dataDir).toBe(join(config.dataDir, 'postgres', 'data'));
    }
    for (let dir = dirname(dataDir); dir !== '/'; dir = dirname(dir)) {
      const stat = statSync(dir);
      const enterable = stat.uid === owner ? (stat.mode & 0o100) !== 0 : (stat.mode & 0o001) !== 0;
      expect(enterable, `${dir} can be entered by uid ${owner}`).toBe(true);
    }
  });
});
