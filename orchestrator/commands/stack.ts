import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { StackError, UsageError } from '../../shared/errors.ts';
import { FLAG_SCHEMAS, numberFlag } from '../../shared/flags.ts';
import { formatTable, printResult } from '../output.ts';
import { localServices, stackDown, stackStatus, stackUp, type ServiceStatus } from '../stack/stack.ts';
import { tailFile } from '../stack/processes.ts';
import { ensureJars } from '../stack/jars.ts';

function statusTable(rows: ServiceStatus[]): string {
  return formatTable(rows.map((r) => ({ service: r.service, port: r.port, pid: r.pid ?? '-', health: r.healthy ? 'healthy' : 'DOWN', log: r.log })));
}

/** Adds `tally stack` (see its --help) to `program`; numeric flags go through shared/flags.ts. */
export function register(program: Command): void {
  const stack = program.command('stack').description('run the local services: Kafka, Flink (JobManager, TaskManager, SQL Gateway), Postgres');

  stack.command('up')
    .description('start every service that is not running; returns when all are healthy')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const config = configFor(command);
      const started = Date.now();
      const statuses = await stackUp(config);
      printResult(Boolean(opts.json), statuses, () => `${statusTable(statuses)}\nstack "${config.name}" is up (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    });

  stack.command('down')
    .description('stop the processes this stack started (by their pids)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const stopped = await stackDown(configFor(command));
      printResult(Boolean(opts.json), { stopped }, () => (stopped.length ? `stopped: ${stopped.join(', ')}` : 'nothing was running'));
    });

  stack.command('status')
    .description('each service with its port, pid and health; exit 3 when any is down')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const statuses = await stackStatus(configFor(command));
      printResult(Boolean(opts.json), statuses, () => statusTable(statuses));
      // Exit 3 (README: "Exit codes", a service unreachable or unhealthy) after the table is out.
      const down = statuses.filter((s) => !s.healthy);
      if (down.length > 0) throw new StackError(`${down.length} of ${statuses.length} services down: ${down.map((s) => s.service).join(', ')}`);
    });

  stack.command('jars')
    .description('fetch the pinned Kafka, Flink and connector jars with Maven (docker compose mounts the connectors)')
    .action(async (_opts: unknown, command: Command) => {
      const dirs = await ensureJars(configFor(command).dataDir);
      process.stdout.write(`${Object.entries(dirs).map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
    });

  stack.command('logs')
    .description('the last lines of a service\'s log (kafka, postgres, jobmanager, taskmanager, sql-gateway)')
    .argument('[service]', 'one service; all when omitted')
    .option('-n, --lines <n>', 'lines per service', numberFlag('--lines', FLAG_SCHEMAS.positiveInteger), 40)
    .action((service: string | undefined, opts: { lines: number }, command: Command) => {
      const services = localServices(configFor(command));
      const chosen = service ? services.filter((s) => s.name === service) : services;
      if (chosen.length === 0) throw new UsageError(`no service "${service}" (one of: ${services.map((s) => s.name).join(', ')})`);
      for (const s of chosen) process.stdout.write(`==> ${s.logFile} <==\n${tailFile(s.logFile, opts.lines)}\n`);
    });
}
