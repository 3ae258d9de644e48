import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { configFileSchema, environmentSchema, type EnvironmentConfig } from './schema.ts';
import { applyEnvOverrides } from './overrides.ts';

export interface LoadedConfig {
  /** The environment's name (`local`, `compose`, ...). */
  name: string;
  /** The folder of the config file: relative paths (dataDir) are resolved against it. */
  baseDir: string;
  env: EnvironmentConfig;
  /** Absolute path of the local stack's data folder. */
  dataDir: string;
  /** The environment variables the config was read with: secrets are looked up here. */
  processEnv: NodeJS.ProcessEnv;
}

export interface LoadOptions {
  /** Path of tally.yaml; a missing default file means "all defaults". */
  file?: string;
  /** Environment name; falls back to TALLY_ENV, then the file's defaultEnvironment. */
  environment?: string;
  /** Process environment, injectable for tests. */
  processEnv?: NodeJS.ProcessEnv;
}

export const DEFAULT_CONFIG_FILE = 'tally.yaml';

/**
 * Reads tally.yaml, picks one environment, applies TALLY_<SECTION>__<KEY> overrides (overrides.ts)
 * and validates the result against environmentSchema (schema.ts), filling in the defaults.
 * @param options - the file (default tally.yaml in the working folder; a missing default file means
 *   "all defaults"), the environment (default TALLY_ENV, then the file's defaultEnvironment) and the
 *   process environment (default process.env)
 * @returns the environment's validated settings, its name, the file's folder and the absolute dataDir
 * @throws ConfigError when a named file is missing or unreadable, the YAML is invalid (with line and
 *   column), the environment is unknown, or a value or override is invalid (naming its key)
 */
export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  const processEnv = options.processEnv ?? process.env;
  const explicit = options.file !== undefined;
  const file = resolve(options.file ?? DEFAULT_CONFIG_FILE);
  if (!existsSync(file) && explicit) {
    throw new ConfigError(`config file ${file} does not exist (pass --config FILE or create tally.yaml)`);
  }
  const raw = existsSync(file) ? readYaml(file) : { environments: { local: {} } };

  const parsedFile = configFileSchema.safeParse(raw ?? {});
  if (!parsedFile.success) throw invalid(file, parsedFile.error, []);

  const name = options.environment ?? processEnv.TALLY_ENV ?? parsedFile.data.defaultEnvironment;
  const environments = parsedFile.data.environments;
  if (!(name in environments)) {
    const known = Object.keys(environments).join(', ') || 'none';
    throw new ConfigError(`${file}: no environment named "${name}" (known: ${known})`);
  }
  const withOverrides = applyEnvOverrides(environments[name] ?? {}, processEnv, environmentSchema);
  const parsed = environmentSchema.safeParse(withOverrides);
  if (!parsed.success) throw invalid(file, parsed.error, ['environments', name]);

  const baseDir = dirname(file);
  return { name, baseDir, env: parsed.data, dataDir: resolve(baseDir, parsed.data.dataDir), processEnv };
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const at = error.linePos?.[0];
      throw new ConfigError(`${file}${at ? `:${at.line}:${at.col}` : ''}: not valid YAML: ${error.message.split('\n')[0]}`, { cause: error });
    }
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function invalid(file: string, error: z.ZodError, prefix: string[]): ConfigError {
  const issue = error.issues[0];
  const key = [...prefix, ...(issue?.path ?? []).map(String)].join('.');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return new ConfigError(`${file}: invalid value at ${key || '(top level)'}: ${issue?.message ?? 'invalid'}${more}`, {
    cause: error,
    detail: error.issues.map((i) => `${[...prefix, ...i.path.map(String)].join('.')}: ${i.message}`).join('\n'),
  });
}
