import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedConfig } from '../shared/config/load.ts';
import type { BenchElection } from './bench-election.ts';
import type { CpuRoots } from './cpu-usage.ts';
import { BenchError } from './errors.ts';
import type { FanoutToChild, FanoutToParent } from './fanout-clients.ts';
import type { UpdateReceipt } from './fanout-receipts.ts';
import { percentile } from './stats.ts';
import { runVoteLoad } from './vote-load.ts';

// Benchmark 5, fan-out: N browser-like clients (in a forked process; they fetch what htmx would
// fetch, see fanout-browser.ts) on one results-page process, while a trickle of votes keeps the
// page updating. Reports how many connected, the page's memory, the fragment requests, and for
// each update how long it took from the first client receiving it until every client had it (or
// a newer one: the page makes at most ui.pushesPerSecond versions a second).

export interface FanoutAtClients {
  clients: number;
  connected: number;
  failed: number;
  connectSeconds: number;
  rssBeforeMb: number;
  rssConnectedMb: number;
  rssUnderUpdatesMb: number;
  updates: number;
  /** Updates every connected client received, or a newer one instead (pushes are coalesced). */
  updatesToAll: number;
  pushToAllP50Ms: number | null;
  pushToAllP99Ms: number | null;
  pushToAllMaxMs: number | null;
  /** Fragment requests the clients made (readers with a sorted regions table), and their p99. */
  fragmentRequests: number;
  fragmentNotModified: number;
  fragmentFailed: number;
  fragmentP99Ms: number | null;
  /** Vote-to-screen of the last client to get each update. */
  slowestClientDelayP50Ms: number | null;
  slowestClientDelayP99Ms: number | null;
  uiCpuCores: number;
}

const CLIENT_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fanout-clients.ts');
const TRICKLE_RATE = 200;
const TRICKLE_SECONDS = 15;
/** Voters each fan-out size uses up. */
export const FANOUT_VOTES = TRICKLE_RATE * TRICKLE_SECONDS;

/** The forked clients' process: resolves once they have connected. */
export interface FanoutClients {
  connected: { connected: number; failed: number; seconds: number };
  /** What the clients saw so far. */
  report(): Promise<Extract<FanoutToParent, { type: 'report' }>>;
  /** Closes every client and waits for the process to end. */
  exit(): Promise<void>;
}

/**
 * Forks fanout-clients.ts with `clients` browser-like clients on the page at `origin`.
 * @throws BenchError when the clients do not connect within 180 s or their process dies
 */
export async function forkFanoutClients(origin: string, clients: number, cwd: string): Promise<FanoutClients> {
  const child = fork(CLIENT_SCRIPT, [origin, String(clients)], { cwd, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const exit = async (): Promise<void> => {
    if (child.connected) child.send({ type: 'exit' } satisfies FanoutToChild);
    await exited(child);
  };
  try {
    const connected = await nextMessage(child, 'connected', 180_000);
    if (connected.type !== 'connected') throw new BenchError('fan-out clients answered out of order');
    return {
      connected,
      exit,
      report: async () => {
        child.send({ type: 'report' } satisfies FanoutToChild);
        const report = await nextMessage(child, 'report', 30_000);
        if (report.type !== 'report') throw new BenchError('fan-out clients answered out of order');
        return report;
      },
    };
  } catch (error) {
    await exit();
    throw error;
  }
}

export async function measureFanout(config: LoadedConfig, election: BenchElection, sizes: number[], cpuRoots: CpuRoots, log: (line: string) => void): Promise<FanoutAtClients[]> {
  const results: FanoutAtClients[] = [];
  for (const clients of sizes) {
    const votes = FANOUT_VOTES;
    const ui = await election.ready(votes);
    const rssBeforeMb = ui.rssMb();
    log(`fan-out: ${clients} browser-like clients`);
    const forked = await forkFanoutClients(ui.url, clients, config.baseDir);
    try {
      const { connected } = forked;
      await new Promise((r) => setTimeout(r, 2_000));
      const rssConnectedMb = ui.rssMb();
      log(`  ${connected.connected} connected, ${connected.failed} failed in ${connected.seconds} s; page RSS ${rssConnectedMb} MB`);
      const trickleFrom = Date.now();
      const run = await runVoteLoad(config, { rate: TRICKLE_RATE, count: votes, cpuRoots: { ...cpuRoots, ui: ui.pid }, during: async () => ui.rssMb() });
      election.used(run.summary.votes);
      await new Promise((r) => setTimeout(r, 3_000));
      const report = await forked.report();
      const result = summarizeFanout(clients, connected.seconds, report, trickleFrom);
      results.push({ ...result, rssBeforeMb, rssConnectedMb, rssUnderUpdatesMb: typeof run.midRun === 'number' ? run.midRun : ui.rssMb(), uiCpuCores: run.cpuCores.ui ?? 0 });
      log(`  ${result.updatesToAll}/${result.updates} updates reached all; push to all p50 ${result.pushToAllP50Ms} ms, p99 ${result.pushToAllP99Ms} ms, max ${result.pushToAllMaxMs} ms; ${result.fragmentRequests} fragment requests (${result.fragmentNotModified} answered 304)`);
    } finally {
      await forked.exit();
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return results;
}

type FanoutSummary = Omit<FanoutAtClients, 'rssBeforeMb' | 'rssConnectedMb' | 'rssUnderUpdatesMb' | 'uiCpuCores'>;

/** The figures of one fan-out run from the clients' report, counting updates cast from `since` (epoch ms) on. */
export function summarizeFanout(clients: number, connectSeconds: number, report: Extract<FanoutToParent, { type: 'report' }>, since: number): FanoutSummary {
  const { fetches } = report;
  return {
    ...summarize(clients, connectSeconds, report.connected, report.failed, report.updates.filter((u) => u.lastCastAt >= since)),
    fragmentRequests: fetches.requests,
    fragmentNotModified: fetches.notModified,
    fragmentFailed: fetches.failed,
    fragmentP99Ms: roundMs(percentile(fetches.latenciesMs, 99)),
  };
}

const roundMs = (ms: number | null): number | null => (ms === null ? null : Math.round(ms));

function summarize(clients: number, connectSeconds: number, connected: number, failed: number, updates: UpdateReceipt[]): Omit<FanoutSummary, `fragment${string}`> {
  const toAll = updates.filter((u) => u.clients >= connected);
  const spread = toAll.map((u) => u.lastAt - u.firstAt);
  const slowest = toAll.map((u) => u.lastAt - u.lastCastAt);
  return {
    clients, connected, failed, connectSeconds,
    updates: updates.length,
    updatesToAll: toAll.length,
    pushToAllP50Ms: percentile(spread, 50),
    pushToAllP99Ms: percentile(spread, 99),
    pushToAllMaxMs: spread.length ? Math.max(...spread) : null,
    slowestClientDelayP50Ms: percentile(slowest, 50),
    slowestClientDelayP99Ms: percentile(slowest, 99),
  };
}

function nextMessage(child: ChildProcess, type: FanoutToParent['type'], timeoutMs: number): Promise<FanoutToParent> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-1000); });
    const timer = setTimeout(() => reject(new BenchError(`fan-out clients sent no "${type}" within ${timeoutMs / 1000} s`)), timeoutMs);
    const onMessage = (message: FanoutToParent): void => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.once('exit', (code) => { clearTimeout(timer); reject(new BenchError(`fan-out clients exited (${code}): ${stderr.trim().split('\n').slice(-2).join(' | ')}`)); });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
  });
}
