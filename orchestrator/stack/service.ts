import { join } from 'node:path';
import type { LoadedConfig } from '../../shared/config/load.ts';
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

export function stackPaths(config: LoadedConfig, jars: JarDirs): StackPaths {
  return { root: config.dataDir, run: join(config.dataDir, 'run'), logs: join(config.dataDir, 'logs'), jars };
}
