import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../../../shared/config/load.ts';
import { isPortOpen } from '../../../orchestrator/stack/processes.ts';
import { localServices, stackUp } from '../../../orchestrator/stack/stack.ts';
import type { LocalService } from '../../../orchestrator/stack/service.ts';

// Faults on the real local services: a signal to the process Tally started (by its pid file), and
// `stackUp`, which starts whatever is not running, to bring it back.

export type ServiceName = 'postgres' | 'kafka' | 'jobmanager' | 'taskmanager' | 'sql-gateway';

function service(config: LoadedConfig, name: ServiceName): LocalService {
  const found = localServices(config).find((s) => s.name === name);
  if (!found) throw new Error(`no local service named ${name}`);
  return found;
}

/** True while the process exists and is not a zombie (a dying JVM still holds its ports for a moment). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Sends `signal` to the service's process and resolves once it is gone and its port is free. */
export async function killService(config: LoadedConfig, name: ServiceName, signal: NodeJS.Signals): Promise<void> {
  const target = service(config, name);
  const pid = target.pid();
  if (pid === undefined) throw new Error(`${name} is not running, so it cannot be killed`);
  process.kill(pid, signal);
  while (alive(pid)) await sleep(50);
  // The TaskManager's `port` is the JobManager's REST port, which stays open.
  if (name !== 'taskmanager') while (await isPortOpen('127.0.0.1', target.port, 200)) await sleep(50);
}

/** Brings back whatever is down; resolves when every service is healthy again. */
export async function restartDownServices(config: LoadedConfig): Promise<void> {
  await stackUp(config, (line) => process.stderr.write(`[faults] ${line}\n`));
}
