import type { LoadedConfig } from '../../shared/config/load.ts';
import { StackError } from '../../shared/errors.ts';
import { ensureTopics } from '../../shared/kafka/client.ts';
import { flinkServices } from './flink.ts';
import { ensureJars, jarDirs } from './jars.ts';
import { kafkaService } from './kafka.ts';
import { postgresService } from './postgres.ts';
import { poll } from '../../shared/poll.ts';
import { isPortOpen, tailFile } from './processes.ts';
import { stackPaths, type LocalService } from './service.ts';
import { embeddedPasswordFile, kafkaSettings, postgresSettings } from '../../shared/config/settings.ts';

// `tally stack up | down | status`: the local services, started from jars and npm binaries.

export interface ServiceStatus {
  service: string;
  port: number;
  pid: number | null;
  healthy: boolean;
  log: string;
}

const HEALTH_TIMEOUT_MS = 180_000;

/**
 * The local stack's processes, in start order: Postgres, Kafka, then Flink's. Each takes only its
 * own settings, built here from the loaded config.
 * @param config - from loadConfig
 */
export function localServices(config: LoadedConfig): LocalService[] {
  const paths = stackPaths(config.dataDir, jarDirs(config.dataDir));
  const { port, controllerPort, heapMb } = config.env.kafka;
  return [
    postgresService({ port: config.env.postgres.port, connection: () => postgresSettings(config), passwordFile: embeddedPasswordFile(config) }, paths),
    kafkaService({ port, controllerPort, heapMb, client: kafkaSettings(config) }, paths),
    ...flinkServices(config.env.flink, paths),
  ];
}

async function healthy(service: LocalService): Promise<boolean> {
  return service.isHealthy().catch(() => false);
}

/** Starts whatever is not running and returns when every service is healthy. Idempotent. */
export async function stackUp(config: LoadedConfig, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<ServiceStatus[]> {
  if (config.env.stack === 'external') return checkExternal(config);
  await ensureJars(config.dataDir, log);
  const services = localServices(config);
  const started: string[] = [];
  for (const service of services) {
    if (service.pid() !== undefined) continue;
    // A TaskManager listens on no port of its own: its `port` is the JobManager's, which it joins.
    const taskManager = service.name.startsWith('taskmanager');
    if (!taskManager && (await isPortOpen('127.0.0.1', service.port))) {
      throw new StackError(`port ${service.port} for ${service.name} is taken by a process Tally did not start: stop it, or set another port in tally.yaml (environment "${config.name}")`);
    }
    log(`starting ${service.name} (${taskManager ? `joins the JobManager at port ${service.port}` : `port ${service.port}`}, log ${service.logFile})`);
    await service.start();
    started.push(service.name);
  }
  await Promise.all(services.map(async (service) => {
    await poll(async () => {
      if (service.pid() === undefined && started.includes(service.name)) {
        throw new StackError(`${service.name} exited during start-up; read ${service.logFile}:\n${tailFile(service.logFile, 15)}`);
      }
      return healthy(service);
    }, {
      timeoutMs: HEALTH_TIMEOUT_MS,
      // A service still starting refuses connections; one that exited will not come back.
      retryOn: (error) => !(error instanceof StackError),
      onTimeout: () => new StackError(`${service.name} did not become healthy within ${HEALTH_TIMEOUT_MS / 1000}s; read ${service.logFile}`, { detail: tailFile(service.logFile, 30) }),
    });
    await service.afterHealthy?.();
  }));
  const created = await ensureTopics(kafkaSettings(config));
  if (created.length > 0) log(`created topics: ${created.join(', ')}`);
  return stackStatus(config);
}

/** Stops the processes this stack started (by pid file), newest first. Returns what it stopped. */
export async function stackDown(config: LoadedConfig): Promise<string[]> {
  if (config.env.stack === 'external') return [];
  const stopped: string[] = [];
  for (const service of [...localServices(config)].reverse()) {
    if (await service.stop()) stopped.push(service.name);
  }
  return stopped;
}

/**
 * `tally stack status`: per service, its port, pid (null when not running) and health; for an
 * external stack (`stack: external`) only whether each endpoint answers.
 * @returns never throws for a service that is down: it is reported unhealthy
 */
export async function stackStatus(config: LoadedConfig): Promise<ServiceStatus[]> {
  if (config.env.stack === 'external') return checkExternal(config, false);
  return Promise.all(localServices(config).map(async (service) => ({
    service: service.name,
    port: service.port,
    pid: service.pid() ?? null,
    healthy: await healthy(service),
    log: service.logFile,
  })));
}

/** An external stack (compose, a cluster) is only checked, never started. */
async function checkExternal(config: LoadedConfig, strict = true): Promise<ServiceStatus[]> {
  const endpoints: [string, string][] = [
    ['kafka', `tcp://${config.env.kafka.bootstrapServers.split(',')[0]}`],
    ['postgres', `tcp://${config.env.postgres.host}:${config.env.postgres.port}`],
    ['jobmanager', config.env.flink.restUrl],
    ['sql-gateway', config.env.flink.gatewayUrl],
  ];
  const statuses = await Promise.all(endpoints.map(async ([service, endpoint]) => {
    const url = new URL(endpoint);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return { service, port, pid: null, healthy: await isPortOpen(url.hostname, port, 2_000), log: endpoint };
  }));
  const down = statuses.filter((s) => !s.healthy);
  if (strict && down.length > 0) {
    throw new StackError(`environment "${config.name}" is external and these services do not answer: ${down.map((s) => `${s.service} (${s.log})`).join(', ')}`);
  }
  if (strict) await ensureTopics(kafkaSettings(config));
  return statuses;
}
