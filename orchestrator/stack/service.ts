import { join } from 'node:path';
import type { JarDirs } from './jars.ts';

/** One process of the local stack, as `tally stack up|down|status|logs` sees it. */
export interface LocalService {
  name: string;
  /** The port that proves it is up (shown by `status`). */
  port: number;
  logFile: string;
  /** Running and answering on its port or API. */
  isHealthy(): Promise<boolean>;
  /** Our pid when the process we started is alive. */
  pid(): number | undefined;
  /** Starts the process (the caller checked it is not running) and returns its pid. */
  start(): Promise<number>;
  stop(): Promise<boolean>;
  /** Runs once the service is healthy (e.g. create the database). */
  afterHealthy?(): Promise<void>;
}

export interface StackPaths {
  root: string;
  run: string;
  logs: string;
  jars: JarDirs;
}

/**
 * The local stack's folders under its data folder: run/ (pid files), logs/, and the jars.
 * @param dataDir - absolute path of the stack's data folder (LoadedConfig.dataDir)
 * @param jars - where the fetched jars are (see jarDirs)
 */
export function stackPaths(dataDir: string, jars: JarDirs): StackPaths {
  return { root: dataDir, run: join(dataDir, 'run'), logs: join(dataDir, 'logs'), jars };
}
