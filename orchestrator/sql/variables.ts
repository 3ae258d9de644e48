import type { LoadedConfig } from '../../shared/config/load.ts';
import type { Topics } from '../../shared/config/schema.ts';
import { postgresPassword } from '../../shared/config/settings.ts';

// The `${name}` variables SQL files may use, all taken from config. A secret is resolved only when
// a statement that uses it is about to be sent, and is shown as **** everywhere else.

export interface SqlVariable {
  value: () => string;
  secret: boolean;
}

export type SqlVariables = Record<string, SqlVariable>;

export const SECRET_MASK = '****';

/** `${vote_order}` of a streaming job: a time attribute, as streaming OVER aggregates require. */
export const STREAMING_VOTE_ORDER = 'proc_time';
/** `${vote_order}` of the batch recount: the log's own order (Kafka timestamp, then position). */
export const RECOUNT_VOTE_ORDER = 'kafka_timestamp, kafka_partition, kafka_offset';

/**
 * The `${name}` variables of flink-sql/, each read lazily from the loaded config: Kafka and JDBC
 * endpoints, the Postgres password (secret: shown as ****), parallelism, one `topic_<name>` per
 * topic in config (snake_case), and `vote_order`.
 */
export function sqlVariables(config: LoadedConfig): SqlVariables {
  const { kafka, flink, postgres } = config.env;
  const plain = (value: string | number): SqlVariable => ({ value: () => String(value), secret: false });
  const vars: SqlVariables = {
    // How Flink reaches Kafka: in compose the service name, not the host's published port.
    kafka_bootstrap_servers: plain(flink.kafkaBootstrapServers ?? kafka.bootstrapServers),
    kafka_partitions: plain(kafka.partitions),
    jdbc_url: plain(jdbcUrl(config)),
    jdbc_username: plain(postgres.user),
    jdbc_password: { value: () => postgresPassword(config), secret: true },
    parallelism: plain(flink.parallelism),
    checkpoint_interval: plain(flink.checkpointInterval),
    state_backend: plain(flink.stateBackend),
    // The order of the one-vote rule (views/03_votes_classified.sql): processing time when
    // streaming; the batch recount orders by the log instead (RECOUNT_VOTE_ORDER).
    vote_order: plain(STREAMING_VOTE_ORDER),
  };
  for (const [key, topic] of Object.entries(kafka.topics) as [keyof Topics, string][]) {
    vars[`topic_${snakeCase(key)}`] = plain(topic);
  }
  return vars;
}

export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Characters that could end a SQL string literal or statement; such values are refused, never escaped. */
const UNSAFE_VALUE = /['\\;\r\n]/;

export function unsafeValueReason(value: string): string | undefined {
  const bad = UNSAFE_VALUE.exec(value);
  if (!bad) return undefined;
  const shown = bad[0] === '\n' ? 'a newline' : bad[0] === '\r' ? 'a carriage return' : `"${bad[0]}"`;
  return `contains ${shown}, which could change the SQL around it`;
}

/**
 * The JDBC URL Flink's JDBC connector reaches Postgres at: flink.jdbcUrl when set (compose and
 * clusters reach Postgres under another host name), else one built from postgres.host/port/database
 * with reWriteBatchedInserts (the driver sends a batch of upserts as multi-row INSERTs: the archive sink).
 * @param config - from loadConfig
 * @see https://jdbc.postgresql.org/documentation/use/
 */
export function jdbcUrl(config: LoadedConfig): string {
  const { host, port, database } = config.env.postgres;
  return config.env.flink.jdbcUrl ?? `jdbc:postgresql://${host}:${port}/${database}?reWriteBatchedInserts=true`;
}
