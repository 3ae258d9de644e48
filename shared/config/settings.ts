import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors.ts';
import type { LoadedConfig } from './load.ts';
import type { EnvironmentConfig, Topics } from './schema.ts';

// Narrow settings, built from the loaded config once, where it is loaded (a command, the page's
// main, a test's setup). The client factories below the CLI and the page take only these, as
// pg-pool takes its options and nothing else: a module depends on the settings it reads.

/** What a Kafka client needs: the brokers, the client id and the topics Tally creates. */
export interface KafkaSettings {
  /** host:port of each bootstrap broker (kafka.bootstrapServers split at commas). */
  brokers: string[];
  /** kafka.clientId; each client appends its own suffix. */
  clientId: string;
  /** The topic names, by role (kafka.topics). */
  topics: Topics;
  /** Partitions of every topic Tally creates (kafka.partitions). */
  partitions: number;
}

/** What a Postgres pool needs: node-postgres' own connection parameters, the password resolved. */
export interface PostgresSettings {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** The Flink REST endpoints: the JobManager's REST API and the SQL Gateway's. */
export type FlinkEndpoints = Pick<EnvironmentConfig['flink'], 'restUrl' | 'gatewayUrl'>;

/** What the results page serves from: its address and how often it pushes. */
export type PageSettings = EnvironmentConfig['ui'];

/**
 * The Kafka settings of a loaded config.
 * @param config - from loadConfig
 * @returns brokers (kafka.bootstrapServers split at commas), clientId, topics, partitions
 */
export function kafkaSettings(config: LoadedConfig): KafkaSettings {
  const { bootstrapServers, clientId, topics, partitions } = config.env.kafka;
  return { brokers: bootstrapServers.split(','), clientId, topics, partitions };
}

/**
 * The Postgres connection parameters of a loaded config, with the password resolved as
 * postgresPassword says (which may create the embedded server's password file).
 * @param config - from loadConfig
 * @throws ConfigError when no password can be found (see postgresPassword)
 */
export function postgresSettings(config: LoadedConfig): PostgresSettings {
  const { host, port, database, user } = config.env.postgres;
  return { host, port, database, user, password: postgresPassword(config) };
}

/**
 * The page's settings of a loaded config (the `ui` section: host, port, pushesPerSecond).
 * @param config - from loadConfig
 */
export function pageSettings(config: LoadedConfig): PageSettings {
  return { ...config.env.ui };
}

/**
 * Where the embedded Postgres server keeps the password it was initialised with (never in the repo).
 * @param config - from loadConfig; the file is under its dataDir
 * @returns an absolute path: <dataDir>/postgres/password
 */
export function embeddedPasswordFile(config: LoadedConfig): string {
  return join(config.dataDir, 'postgres', 'password');
}

/**
 * The Postgres password: the variable named by postgres.passwordEnv; for the embedded server
 * without that variable, a random one Tally makes on first use and keeps in embeddedPasswordFile.
 * @param config - from loadConfig
 * @param processEnv - where to look the variable up. Defaults to the environment the config was loaded with
 * @throws ConfigError for an external server when the variable is not set
 */
export function postgresPassword(config: LoadedConfig, processEnv: NodeJS.ProcessEnv = config.processEnv): string {
  const { passwordEnv, mode } = config.env.postgres;
  const fromEnv = processEnv[passwordEnv];
  if (fromEnv) return fromEnv;
  if (mode === 'embedded') {
    const file = embeddedPasswordFile(config);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
    }
    return readFileSync(file, 'utf8').trim();
  }
  throw new ConfigError(`the Postgres password is not set: export ${passwordEnv}=... (environment "${config.name}")`);
}
