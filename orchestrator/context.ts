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
  // Only a file named on the command line must exist; the default tally.yaml may be absent (all defaults).
  const explicit = command.getOptionValueSourceWithGlobals('config') === 'cli';
  return loadConfig({ file: explicit ? opts.config : undefined, environment: opts.env });
}
