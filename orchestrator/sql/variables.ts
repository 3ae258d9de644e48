import type { LoadedConfig } from '../config/load.ts';
import type { Topics } from '../config/schema.ts';
import { jdbcUrl, postgresPassword } from '../postgres/connection.ts';

// The `${name}` variables SQL files may use, all taken from config. A secret is resolved only when
// a statement that uses it is about to be sent, and is shown as **** everywhere else.

export interface SqlVariable {
  value: () => string;
  secret: boolean;
}

export type SqlVariables = Record<string, SqlVariable>;

export const SECRET_MASK = '****';

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
