import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstLine, StackError } from '../../shared/errors.ts';
import { runQuiet } from './processes.ts';

// Kafka and Flink come as jars pinned in pom.xml beside this file, fetched by Maven on first use
// and cached under <dataDir>/jars/<profile>. A changed pom.xml fetches again.

export const POM_FILE = join(dirname(fileURLToPath(import.meta.url)), 'pom.xml');
export const JAR_PROFILES = ['kafka', 'flink', 'connectors'] as const;
export type JarProfile = (typeof JAR_PROFILES)[number];

export interface JarDirs {
  kafka: string;
  flink: string;
  connectors: string;
  /** Tally's own Flink functions (flink-udf/), compiled here: `tally-udf.jar`. */
  udf: string;
}

/** Tally's Flink functions (PARSE_VOTE, VOTER_REGION, CANDIDATE_PARTY): Java sources compiled against the Flink jars. */
export const UDF_SOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'flink-udf');
export const UDF_JAR = 'tally-udf.jar';

/** The folders of the pinned jars under `dataDir` (kafka, flink, connectors) and of the compiled UDF jar. */
export function jarDirs(dataDir: string): JarDirs {
  const root = join(dataDir, 'jars');
  return { kafka: join(root, 'kafka'), flink: join(root, 'flink'), connectors: join(root, 'connectors'), udf: join(root, 'udf') };
}

/** Checks that Java 17+ and Maven are installed, with a one-line fix when they are not. */
export function checkJavaAndMaven(): void {
  let version: string;
  try {
    version = runQuiet('java', ['-version'], 'the local Kafka and Flink');
  } catch (error) {
    throw new StackError('Java 17 or newer is required: install it (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)', { cause: error });
  }
  const major = Number(/version "(\d+)/.exec(version)?.[1] ?? /openjdk (\d+)/.exec(version)?.[1] ?? 0);
  if (major !== 0 && major < 17) throw new StackError(`Java ${major} found, but Flink 1.20 and Kafka 3.9 need Java 17 or newer`);
  try {
    runQuiet('mvn', ['-v'], 'fetching the Kafka and Flink jars');
  } catch (error) {
    throw new StackError('Maven is required to fetch the Kafka and Flink jars: install it (Debian/Ubuntu: apt-get install maven)', { cause: error });
  }
}

function pomHash(): string {
  return createHash('sha256').update(readFileSync(POM_FILE)).digest('hex').slice(0, 16);
}

/** Whether `dir` holds a complete build of `version` (its `.complete` marker says so). */
function isCached(dir: string, version: string = pomHash()): boolean {
  const marker = join(dir, '.complete');
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === version;
}

/** Fetches any profile whose jars are missing or stale; prints Maven's progress to stderr. */
export async function ensureJars(dataDir: string, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<JarDirs> {
  const dirs = jarDirs(dataDir);
  const missing = JAR_PROFILES.filter((p) => !isCached(dirs[p]));
  if (missing.length > 0) checkJavaAndMaven();
  for (const profile of missing) {
    const dir = dirs[profile];
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    log(`fetching ${profile} jars with Maven into ${dir} (first run only)`);
    await runMaven(profile, dir, log);
    const count = readdirSync(dir).filter((f) => f.endsWith('.jar')).length;
    writeFileSync(join(dir, '.complete'), pomHash());
    log(`  ${profile}: ${count} jars`);
  }
  buildUdfJar(dirs, log);
  return dirs;
}

function udfSourceFiles(dir: string = UDF_SOURCES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return udfSourceFiles(path);
    return entry.name.endsWith('.java') ? [path] : [];
  }).sort();
}

/**
 * Compiles flink-udf/ (javac, then `jar`, both from the JDK) into `<dirs.udf>/tally-udf.jar`
 * against the pinned Flink and connector jars, unless the jar of the same sources is there.
 * Throws StackError when javac is missing or the sources do not compile.
 */
export function buildUdfJar(dirs: JarDirs, log: (line: string) => void): string {
  const sources = udfSourceFiles();
  const digest = createHash('sha256');
  for (const file of sources) digest.update(file.slice(UDF_SOURCES.length)).update(readFileSync(file));
  const hash = `${digest.digest('hex').slice(0, 16)}-${pomHash()}`;
  const jar = join(dirs.udf, UDF_JAR);
  if (existsSync(jar) && isCached(dirs.udf, hash)) return jar;
  const classes = join(dirs.udf, 'classes');
  rmSync(dirs.udf, { recursive: true, force: true });
  mkdirSync(classes, { recursive: true });
  log(`compiling Tally's Flink functions (${sources.length} files in flink-udf/)`);
  try {
    runQuiet('javac', ['-nowarn', '--release', '17', '-d', classes, '-cp', `${dirs.flink}/*:${dirs.connectors}/*`, ...sources], 'compiling flink-udf/');
    runQuiet('jar', ['--create', '--file', jar, '-C', classes, '.'], 'packaging flink-udf/');
  } catch (error) {
    throw new StackError(`could not compile flink-udf/ (a JDK's javac and jar are needed: apt-get install openjdk-17-jdk-headless): ${firstLine(error)}`, { cause: error });
  }
  writeFileSync(join(dirs.udf, '.complete'), hash);
  return jar;
}

function runMaven(profile: JarProfile, outputDir: string, log: (line: string) => void): Promise<void> {
  const args = ['-B', '-f', POM_FILE, `-P${profile}`, 'dependency:copy-dependencies', `-DoutputDirectory=${outputDir}`, '-DincludeScope=runtime'];
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onLine = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (/Downloaded from|ERROR/.test(line)) log(`  ${line.replace(/^\[INFO\] /, '').slice(0, 160)}`);
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    child.on('error', (error) => reject(new StackError(`could not run Maven: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new StackError(`Maven could not fetch the ${profile} jars (exit ${code}): ${tail.filter((l) => l.includes('ERROR')).slice(0, 1).join('') || tail.slice(-1).join('')}`, { detail: tail.join('\n') }));
    });
  });
}
