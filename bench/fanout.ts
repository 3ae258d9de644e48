import type { LoadedConfig } from '../shared/config/load.ts';
import type { BenchElection } from './bench-election.ts';
import type { CpuRoots } from './cpu-usage.ts';
import { forkFanoutClients, type FanoutClients } from './fanout-group.ts';
import type { UpdateReceipt } from './fanout-receipts.ts';
import { measureReconnects, type ReconnectFigures } from './fanout-storm.ts';
import { percentile } from './stats.ts';
import { runVoteLoad } from './vote-load.ts';

// Benchmark 5, fan-out: N browser-like clients (in several forked processes; they fetch what
// htmx would fetch, see fanout-browser.ts) on one results-page process, while a trickle of votes
// keeps the page updating. Reports how many connected, the page's memory and CPU and the clients'
// CPU apart, the fragment requests, and for each update how long it took from the first client
// receiving it until every client had it (or a newer one: the page makes at most
// ui.pushesPerSecond versions a second). At one size it then restarts the page and storms it with
// reconnects (fanout-storm.ts).

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
  /** The page's own time to write each update to every client (its socket writes), p50 / p99, ms. */
  pageWriteP50Ms?: number | null;
  pageWriteP99Ms?: number | null;
  uiCpuCores: number;
  /** CPU of the client processes together, while the votes flowed. */
  clientsCpuCores?: number;
  clientProcesses?: number;
  /** The restart and reconnect storm, at the size they ran at. */
  reconnects?: ReconnectFigures;
}

const TRICKLE_RATE = 200;
// 30 s of updates: about 120 pushes a size, so p99 is the second-slowest push, not the slowest alone.
const TRICKLE_SECONDS = 30;
/** Voters each fan-out size uses up. */
export const FANOUT_VOTES = TRICKLE_RATE * TRICKLE_SECONDS;

/**
 * Runs the fan-out benchmark at each size in `sizes`, and the reconnect benchmark after the size
 * equal to `stormClients` (none when no size is).
 * @throws BenchError when the clients cannot connect or their processes die
 */
export async function measureFanout(config: LoadedConfig, election: BenchElection, sizes: number[], stormClients: number, cpuRoots: CpuRoots, log: (line: string) => void): Promise<FanoutAtClients[]> {
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
      log(`  ${connected.connected} connected, ${connected.failed} failed in ${connected.seconds} s (${forked.pids.length} client processes); page RSS ${rssConnectedMb} MB`);
      const trickleFrom = Date.now();
      const clientRoots = Object.fromEntries(forked.pids.map((pid, i) => [`fanout-clients-${i}`, pid]));
      const run = await runVoteLoad(config, { rate: TRICKLE_RATE, count: votes, cpuRoots: { ...cpuRoots, ...clientRoots, ui: ui.pid }, during: async () => ui.rssMb() });
      election.used(run.summary.votes);
      await new Promise((r) => setTimeout(r, 3_000));
      const report = await forked.report();
      const pageWrites = await pageWriteTimes(ui.url, trickleFrom);
      const result = summarizeFanout(clients, connected.seconds, report, trickleFrom);
      const clientsCpuCores = Math.round(Object.keys(clientRoots).reduce((s, name) => s + (run.cpuCores[name] ?? 0), 0) * 100) / 100;
      const figures: FanoutAtClients = { ...result, rssBeforeMb, rssConnectedMb, rssUnderUpdatesMb: typeof run.midRun === 'number' ? run.midRun : ui.rssMb(), uiCpuCores: run.cpuCores.ui ?? 0, clientsCpuCores, clientProcesses: forked.pids.length, pageWriteP50Ms: roundMs(percentile(pageWrites, 50)), pageWriteP99Ms: roundMs(percentile(pageWrites, 99)) };
      log(`  ${result.updatesToAll}/${result.updates} updates reached all; push to all p50 ${result.pushToAllP50Ms} ms, p99 ${result.pushToAllP99Ms} ms, max ${result.pushToAllMaxMs} ms; the page's writes p50 ${figures.pageWriteP50Ms} ms, p99 ${figures.pageWriteP99Ms} ms; ${result.fragmentRequests} fragment requests (${result.fragmentNotModified} answered 304); CPU page ${figures.uiCpuCores}, clients ${clientsCpuCores} cores`);
      if (clients === stormClients) figures.reconnects = await measureReconnects(election, forked, log);
      results.push(figures);
    } finally {
      await forked.exit();
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return results;
}

/**
 * The page's own write time (ms) of each push since `since` (epoch ms) that went to at least
 * nine in ten of its clients, from its /healthz (`sse.recentPushes`, kept by ui/live/broadcast.ts).
 * @returns [] when the page does not answer
 */
async function pageWriteTimes(url: string, since: number): Promise<number[]> {
  const answer = await fetch(`${url}/healthz`).then((r) => r.json() as Promise<{ sse?: { clients: number; recentPushes: { at: number; clients: number; writeMs: number }[] } }>).catch(() => undefined);
  const sse = answer?.sse;
  if (!sse) return [];
  return sse.recentPushes.filter((p) => p.at >= since && p.clients >= sse.clients * 0.9).map((p) => p.writeMs);
}

type FanoutSummary = Omit<FanoutAtClients, 'rssBeforeMb' | 'rssConnectedMb' | 'rssUnderUpdatesMb' | 'uiCpuCores' | 'pageWriteP50Ms' | 'pageWriteP99Ms' | 'clientsCpuCores' | 'clientProcesses' | 'reconnects'>;

/** The figures of one fan-out run from the clients' report, counting updates cast from `since` (epoch ms) on. */
export function summarizeFanout(clients: number, connectSeconds: number, report: Awaited<ReturnType<FanoutClients['report']>>, since: number): FanoutSummary {
  const { fetches } = report;
  return {
    ...summarize(clients, connectSeconds, report.connected, report.failed, report.updates.filter((u) => u.lastCastAt >= since && u.firstAt > 0)),
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
