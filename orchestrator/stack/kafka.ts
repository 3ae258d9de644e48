import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaSettings } from '../../shared/config/settings.ts';
import type { EnvironmentConfig } from '../../shared/config/schema.ts';
import { createKafka } from '../../shared/kafka/client.ts';
import { isPortOpen, runQuiet, runningPid, startProcess, stopProcess } from './processes.ts';
import type { LocalService, StackPaths } from './service.ts';

// One KRaft process that is both broker and controller, bound to loopback.

/** What the local broker needs: its ports and heap, and the client settings its health check uses. */
export type LocalKafkaSettings = Pick<EnvironmentConfig['kafka'], 'port' | 'controllerPort' | 'heapMb'> & { client: KafkaSettings };

/**
 * The local stack's Kafka: one KRaft process, broker and controller, on 127.0.0.1:`port`, its
 * storage formatted on first start under <dataDir>/kafka, its output in <logs>/kafka.log.
 * @param kafka - ports, heap (MB) and the client settings (partitions: the broker's num.partitions)
 * @param paths - the stack's folders and jars
 */
export function kafkaService(kafka: LocalKafkaSettings, paths: StackPaths): LocalService {
  const { port, controllerPort, heapMb } = kafka;
  const home = join(paths.root, 'kafka');
  const dataDir = join(home, 'data');
  const propsFile = join(home, 'server.properties');
  const log4jFile = join(home, 'log4j.properties');
  const logFile = join(paths.logs, 'kafka.log');
  const classpath = `${paths.jars.kafka}/*`;
  const marker = propsFile;

  function writeConfig(): void {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(propsFile, [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${dataDir}`,
      `num.partitions=${kafka.client.partitions}`,
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
      // Compacted tally topics: clean often so a restarted page reads little.
      'log.cleaner.min.cleanable.ratio=0.1',
      'log.segment.bytes=67108864',
      '',
    ].join('\n'));
    writeFileSync(log4jFile, [
      'log4j.rootLogger=INFO, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka=INFO',
      'log4j.logger.org.apache.kafka=INFO',
      'log4j.logger.kafka.request.logger=WARN',
      'log4j.logger.state.change.logger=WARN',
      '',
    ].join('\n'));
  }

  /** KRaft storage is formatted once; meta.properties says it was. */
  function formatStorage(): void {
    if (existsSync(join(dataDir, 'meta.properties'))) return;
    const clusterId = runQuiet('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'random-uuid'], 'Kafka storage id').trim().split('\n').pop()!.trim();
    runQuiet('java', ['-cp', classpath, `-Dlog4j.configuration=file:${log4jFile}`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', propsFile], 'formatting Kafka storage');
  }

  return {
    name: 'kafka',
    port,
    logFile,
    pid: () => runningPid(paths.run, 'kafka', marker),
    async isHealthy() {
      if (!(await isPortOpen('127.0.0.1', port))) return false;
      const admin = createKafka(kafka.client, 'health').admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        return cluster.brokers.length > 0;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    async start() {
      writeConfig();
      formatStorage();
      return startProcess(paths.run, {
        name: 'kafka',
        command: 'java',
        args: [
          `-Xmx${heapMb}m`, `-Xms${heapMb}m`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-Djava.awt.headless=true',
          `-Dlog4j.configuration=file:${log4jFile}`, `-Dkafka.logs.dir=${paths.logs}`,
          '-cp', classpath, 'kafka.Kafka', propsFile,
        ],
        logFile,
        marker,
      });
    },
    stop: () => stopProcess(paths.run, 'kafka', marker, 30_000),
  };
}
