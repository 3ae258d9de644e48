import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import axios from 'axios';
import type { EnvironmentConfig } from '../../shared/config/schema.ts';
import { StackError } from '../../shared/errors.ts';
import { isPortOpen, runQuiet, runningPid, startProcess, stopProcess } from './processes.ts';
import type { LocalService, StackPaths } from './service.ts';

// A Flink session cluster from plain jars: JobManager, one TaskManager and the SQL Gateway, all
// reading one configuration folder. The connectors (Kafka, JDBC + Postgres driver) sit on the
// same classpath, as they would in a distribution's lib/.

// What Flink's own launch scripts pass on Java 17 (env.java.opts.all in the distribution).
const JAVA17_OPENS = [
  '--add-exports=java.base/sun.net.util=ALL-UNNAMED',
  '--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED',
  '--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED',
  '--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  ...['java.lang', 'java.net', 'java.io', 'java.nio', 'sun.nio.ch', 'java.lang.reflect', 'java.text', 'java.time', 'java.util', 'java.util.concurrent', 'java.util.concurrent.atomic', 'java.util.concurrent.locks']
    .map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
];

interface FlinkLayout {
  confDir: string;
  classpath: string;
  marker: (role: string) => string;
}

/** The `flink` section of an environment: ports, memory, slots, state backend, checkpoints. */
export type LocalFlinkSettings = EnvironmentConfig['flink'];

/**
 * The local stack's Flink processes: a JobManager, `flink.taskManagers` TaskManagers and the SQL
 * Gateway, from one configuration folder written now under <dataDir>/flink/conf.
 * @param flink - the `flink` section of the environment
 * @param paths - the stack's folders and jars
 */
export function flinkServices(flink: LocalFlinkSettings, paths: StackPaths): LocalService[] {
  const home = join(paths.root, 'flink');
  const layout: FlinkLayout = {
    confDir: join(home, 'conf'),
    classpath: `${paths.jars.flink}/*:${paths.jars.connectors}/*:${paths.jars.udf}/*`,
    marker: (role) => `-Dtally.role=${role}@${home}`,
  };
  writeFlinkConfig(flink, home, layout.confDir);
  const taskManagers = Array.from({ length: flink.taskManagers }, (_, i) => taskManager(flink, paths, layout, i + 1));
  return [jobManager(flink, paths, layout), ...taskManagers, sqlGateway(flink, paths, layout)];
}

function writeFlinkConfig(f: LocalFlinkSettings, home: string, confDir: string): void {
  const tmp = join(home, 'tmp');
  mkdirSync(confDir, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const settings: Record<string, string | number> = {
    'jobmanager.rpc.address': '127.0.0.1',
    'jobmanager.rpc.port': f.rpcPort,
    'jobmanager.bind-host': '127.0.0.1',
    'jobmanager.memory.process.size': f.jobManagerMemory,
    'taskmanager.host': '127.0.0.1',
    'taskmanager.bind-host': '127.0.0.1',
    'taskmanager.memory.process.size': f.taskManagerMemory,
    'taskmanager.numberOfTaskSlots': f.taskSlots,
    'taskmanager.memory.managed.fraction': f.managedMemoryFraction ?? (f.stateBackend === 'rocksdb' ? 0.5 : 0.1),
    'parallelism.default': f.parallelism,
    'rest.address': '127.0.0.1',
    'rest.bind-address': '127.0.0.1',
    'rest.port': f.restPort,
    'io.tmp.dirs': tmp,
    'execution.checkpointing.interval': f.checkpointInterval,
    'execution.checkpointing.externalized-checkpoint-retention': 'RETAIN_ON_CANCELLATION',
    'state.backend.type': f.stateBackend,
    'state.checkpoints.dir': f.checkpointDir ?? `file://${join(home, 'checkpoints')}`,
    'state.savepoints.dir': f.savepointDir ?? `file://${join(home, 'savepoints')}`,
    'state.checkpoints.num-retained': 2,
    'restart-strategy.type': 'exponential-delay',
    'restart-strategy.exponential-delay.initial-backoff': '1s',
    'restart-strategy.exponential-delay.max-backoff': '10s',
    'restart-strategy.exponential-delay.attempts-before-reset-backoff': 1000,
    'heartbeat.timeout': 20000,
    'classloader.check-leaked-classloader': 'false',
    'sql-gateway.endpoint.rest.address': '127.0.0.1',
    'sql-gateway.endpoint.rest.bind-address': '127.0.0.1',
    'sql-gateway.endpoint.rest.port': f.gatewayPort,
    'sql-gateway.session.idle-timeout': '10min',
    'execution.target': 'remote',
  };
  writeFileSync(join(confDir, 'config.yaml'), Object.entries(settings).map(([k, v]) => `${k}: ${v}`).join('\n') + '\n');
  writeFileSync(join(confDir, 'log4j.properties'), [
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.main.ref = MainAppender',
    'logger.kafka.name = org.apache.kafka',
    'logger.kafka.level = WARN',
    'logger.shaded.name = org.apache.flink.shaded',
    'logger.shaded.level = WARN',
    'appender.main.name = MainAppender',
    'appender.main.type = Console',
    'appender.main.layout.type = PatternLayout',
    'appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n',
    '',
  ].join('\n'));
}

/** Asks Flink's BashJavaUtils (what the launch scripts use) for the JVM flags of a memory setup. */
function memoryParams(layout: FlinkLayout, kind: 'JM' | 'TM'): { jvm: string[]; dynamic: string[] } {
  const out = runQuiet('java', ['-cp', layout.classpath, 'org.apache.flink.runtime.util.bash.BashJavaUtils', `GET_${kind}_RESOURCE_PARAMS`, '--configDir', layout.confDir], `computing Flink ${kind} memory`);
  const results = out.split('\n').filter((l) => l.startsWith('BASH_JAVA_UTILS_EXEC_RESULT:')).map((l) => l.slice('BASH_JAVA_UTILS_EXEC_RESULT:'.length).trim());
  if (results.length < 2) throw new StackError(`could not compute Flink ${kind} memory settings: ${out.slice(-300)}`);
  return { jvm: results[0]!.split(/\s+/), dynamic: results[1]!.split(/\s+/) };
}

// The TaskManager runs the count: a throughput job whose JVM starts with the stack. Two flags,
// measured on this 2-core machine with every service beside it (fresh stack each run):
// - ParallelGC instead of G1: no concurrent marking or G1 write barriers on the threads that
//   count. 500k-vote drains: 11.2k, 11.0k, 10.2k, 10.1k events/s against G1's 10.1k and 9.2k.
//   Its pauses in a 1M drain were all young collections, the longest 376 ms (G1's: 286 ms).
// - No tiered compilation: hot code goes from the interpreter straight to C2, without C1's
//   profiled tier compiled first and thrown away. In a 1M drain the TaskManager's JIT compilers
//   took 15 s of CPU instead of 32 s, which the count's threads get back; the job's first seconds
//   run slower (interpreted longer).
// Both together, 1M drain: 11.7k events/s from the first counted vote (G1 + tiered: 11.9k) and
// 18.6k over the backlog's second half (15.9k). The JobManager and the SQL Gateway keep G1 and
// tiered compilation: short bursts of planning and scheduling, where C1's quick code helps.
const TASK_MANAGER_JIT_AND_GC = ['-XX:+UseParallelGC', '-XX:-TieredCompilation'];

function javaArgs(layout: FlinkLayout, role: string, logFile: string, jvm: string[]): string[] {
  return [...jvm, ...JAVA17_OPENS, ...(role.startsWith('taskmanager') ? TASK_MANAGER_JIT_AND_GC : ['-XX:+UseG1GC']), layout.marker(role), `-Dlog.file=${logFile}`,
    `-Dlog4j.configurationFile=file:${join(layout.confDir, 'log4j.properties')}`, '-cp', layout.classpath];
}

async function restJson(url: string): Promise<unknown> {
  const response = await axios.get(url, { timeout: 2_000 });
  return response.data;
}

/** One Flink JVM of the stack: they differ only in role, main class, JVM memory flags and health. */
interface FlinkProcess {
  /** jobmanager, taskmanager (taskmanager-2, -3... for more than one), sql-gateway. */
  role: string;
  port: number;
  mainClass: string;
  /** JVM flags and trailing program arguments (Flink's computed memory settings, -D options). */
  launch: () => { jvm: string[]; args: string[] };
  isHealthy: (self: LocalService) => Promise<boolean>;
}

function flinkService(paths: StackPaths, layout: FlinkLayout, spec: FlinkProcess): LocalService {
  const { role } = spec;
  const logFile = join(paths.logs, `flink-${role}.log`);
  const marker = layout.marker(role);
  const self: LocalService = {
    name: role,
    port: spec.port,
    logFile,
    pid: () => runningPid(paths.run, role, marker),
    isHealthy: () => spec.isHealthy(self),
    async start() {
      const { jvm, args } = spec.launch();
      return startProcess(paths.run, {
        name: role, command: 'java', logFile, marker,
        args: [...javaArgs(layout, role, logFile, jvm), spec.mainClass, ...args],
        env: { ...process.env, FLINK_CONF_DIR: layout.confDir },
      });
    },
    stop: () => stopProcess(paths.run, role, marker),
  };
  return self;
}

function jobManager(flink: LocalFlinkSettings, paths: StackPaths, layout: FlinkLayout): LocalService {
  const { restPort } = flink;
  return flinkService(paths, layout, {
    role: 'jobmanager',
    port: restPort,
    mainClass: 'org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint',
    launch: () => {
      const mem = memoryParams(layout, 'JM');
      return { jvm: mem.jvm, args: ['--configDir', layout.confDir, ...mem.dynamic] };
    },
    isHealthy: async () => (await isPortOpen('127.0.0.1', restPort)) && Boolean(await restJson(`http://127.0.0.1:${restPort}/overview`)),
  });
}

/** The index-th TaskManager (1-based); it is healthy once the JobManager knows that many. */
function taskManager(flink: LocalFlinkSettings, paths: StackPaths, layout: FlinkLayout, index: number): LocalService {
  const { restPort } = flink;
  return flinkService(paths, layout, {
    role: index === 1 ? 'taskmanager' : `taskmanager-${index}`,
    port: restPort,
    mainClass: 'org.apache.flink.runtime.taskexecutor.TaskManagerRunner',
    launch: () => {
      const mem = memoryParams(layout, 'TM');
      return { jvm: mem.jvm, args: ['--configDir', layout.confDir, ...mem.dynamic] };
    },
    async isHealthy(self) {
      if (self.pid() === undefined) return false;
      const overview = (await restJson(`http://127.0.0.1:${restPort}/overview`)) as { taskmanagers?: number };
      return (overview.taskmanagers ?? 0) >= index;
    },
  });
}

function sqlGateway(flink: LocalFlinkSettings, paths: StackPaths, layout: FlinkLayout): LocalService {
  const { gatewayPort, restPort } = flink;
  return flinkService(paths, layout, {
    role: 'sql-gateway',
    port: gatewayPort,
    mainClass: 'org.apache.flink.table.gateway.SqlGateway',
    launch: () => ({ jvm: ['-Xmx768m', '-Xms256m'], args: ['-Drest.address=127.0.0.1', `-Drest.port=${restPort}`] }),
    isHealthy: async () => (await isPortOpen('127.0.0.1', gatewayPort)) && Boolean(await restJson(`http://127.0.0.1:${gatewayPort}/v1/info`)),
  });
}
