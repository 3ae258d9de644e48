import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedConfig } from '../shared/config/load.ts';
import { BenchError } from '../shared/errors.ts';
import { poll } from '../shared/poll.ts';

// The results page as its own process (`tally ui`), as users run it: the benchmark's clients and
// vote producers never share its event loop, and its memory is its own.

export interface UiProcess {
  url: string;
  pid: number;
  /** Resident memory of the UI process in MB. */
  rssMb(): number;
  stop(): Promise<void>;
}

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'tally.js');

export async function startUiProcess(config: LoadedConfig, log: (line: string) => void): Promise<UiProcess> {
  const port = config.env.ui.port;
  const url = `http://${config.env.ui.host}:${port}`;
  const child = spawn(process.execPath, [CLI, 'ui', '--port', String(port)], {
    cwd: config.baseDir,
    env: { ...config.processEnv, TALLY_ENV: config.name },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-2000); });
  const pid = child.pid;
  if (pid === undefined) throw new BenchError('could not start the results page process');
  const ready = await waitForHealthy(`${url}/healthz`, child, 60_000);
  if (!ready) {
    child.kill('SIGKILL');
    throw new BenchError(`the results page (tally ui on port ${port}) did not become healthy in 60 s: ${stderr.trim().split('\n').slice(-2).join(' | ')}`);
  }
  log(`results page up at ${url} (pid ${pid})`);
  return {
    url,
    pid,
    rssMb: () => rssMb(pid),
    stop: () => stopChild(child),
  };
}

async function waitForHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  // A page process that exited will not become healthy: stop waiting then.
  const answer = await poll(async () => (child.exitCode === null ? fetch(url).then((r) => (r.ok ? 'healthy' : 'starting'), () => 'starting') : 'exited'), {
    timeoutMs,
    until: (state) => state !== 'starting',
  });
  return answer === 'healthy';
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
    child.kill('SIGTERM');
  });
}

export function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(/(\d+)/.exec(line)?.[1] ?? 0) / 1024) : 0;
  } catch {
    return 0;
  }
}
