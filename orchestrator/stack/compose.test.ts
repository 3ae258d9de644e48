import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../shared/config/load.ts';
import { POM_FILE, UDF_JAR } from './jars.ts';

// docker-compose.yml cannot run here (no Docker engine), so this keeps it honest: the same pinned
// versions as the local stack's pom.xml and the same ports as the `compose` environment.

interface ComposeService {
  image?: string;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string | number>;
  command?: string | string[];
}
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const pom = readFileSync(POM_FILE, 'utf8');
const pinned = (name: string): string => {
  const match = new RegExp(`<${name.replace(/\./g, '\\.')}>([^<]+)</`).exec(pom);
  if (!match?.[1]) throw new Error(`pom.xml has no <${name}>`);
  return match[1];
};
const config = loadConfig({ file: 'tally.yaml', environment: 'compose', processEnv: {} });
const hostPort = (service: string, containerPort: number): number => {
  const mapping = compose.services[service]?.ports?.find((p) => p.endsWith(`:${containerPort}`));
  return Number(mapping?.split(':').at(-2));
};

describe('docker-compose.yml', () => {
  it('runs the Flink and Kafka versions pinned in pom.xml', () => {
    for (const name of ['jobmanager', 'taskmanager', 'sql-gateway']) {
      expect(compose.services[name]?.image).toBe(`flink:${pinned('flink.version')}-scala_2.12-java17`);
    }
    expect(compose.services.kafka?.image).toBe(`apache/kafka:${pinned('kafka.version')}`);
  });

  it('mounts exactly the connector jars that pom.xml pins, and Tally\'s functions, into every Flink container', () => {
    const expected = [
      UDF_JAR,
      `flink-connector-kafka-${pinned('flink.kafka.connector.version')}.jar`,
      `kafka-clients-${pinned('kafka.version')}.jar`,
      `flink-connector-jdbc-core-${pinned('flink.jdbc.connector.version')}.jar`,
      `flink-connector-jdbc-postgres-${pinned('flink.jdbc.connector.version')}.jar`,
      `postgresql-${pinned('postgresql.jdbc.version')}.jar`,
    ].sort();
    for (const name of ['jobmanager', 'taskmanager', 'sql-gateway']) {
      const jars = (compose.services[name]?.volumes ?? []).filter((v) => v.includes('/opt/flink/lib/')).map((v) => v.split(':')[1]!.split('/').pop()!);
      expect(jars.sort()).toEqual(expected);
    }
  });

  it('publishes the ports the compose environment of tally.yaml uses, on loopback only', () => {
    expect(hostPort('kafka', 19092)).toBe(Number(config.env.kafka.bootstrapServers.split(':')[1]));
    expect(hostPort('postgres', 5432)).toBe(config.env.postgres.port);
    expect(hostPort('jobmanager', 8081)).toBe(Number(new URL(config.env.flink.restUrl).port));
    expect(hostPort('sql-gateway', 8083)).toBe(Number(new URL(config.env.flink.gatewayUrl).port));
    for (const service of Object.values(compose.services)) {
      for (const port of service.ports ?? []) expect(port.startsWith('127.0.0.1:')).toBe(true);
    }
  });

  it('lets Flink reach Kafka and Postgres by the service names the compose environment names', () => {
    expect(String(compose.services.kafka?.environment?.KAFKA_ADVERTISED_LISTENERS)).toContain(`INTERNAL://${config.env.flink.kafkaBootstrapServers}`);
    expect(config.env.flink.jdbcUrl).toBe(`jdbc:postgresql://postgres:5432/${config.env.postgres.database}`);
  });

  it('takes the Postgres password from the environment, never from the file', () => {
    expect(String(compose.services.postgres?.environment?.POSTGRES_PASSWORD)).toMatch(/^\$\{TALLY_PG_PASSWORD/);
  });
});
