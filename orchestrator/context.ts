import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../shared/config/load.ts';

/** The global options every command shares (`--config`, `--env`, `--verbose`). */
export interface GlobalOptions {
  config: string;
  env?: string;
  verbose?: boolean;
}

/** Loads the config named by the global options of the command being run. */
export function configFor(command: Command): LoadedConfig {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const explicit = process.argv.some((a) => a === '--config' || a === '-c' || a.startsWith('--config='));
  return loadConfig({ file: explicit ? opts.config : undefined, environment: opts.env });
}
