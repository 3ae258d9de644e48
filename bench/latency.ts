import type { LoadedConfig } from '../shared/config/load.ts';
import { WARM_UP_VOTES, type BenchElection } from './bench-election.ts';
import type { CpuRoots } from './cpu-usage.ts';
import { openProgressProbe, waitForDrain } from './pipeline-progress.ts';
import { ScreenMonitor } from './screen-monitor.ts';
import { percentile, round } from './stats.ts';
import { runVoteLoad } from './vote-load.ts';

// Benchmark 3, vote-to-screen latency at fixed rates: one SSE client on the results page; for each
// headline update it receives, the delay is receive time − the newest cast_at the update shows
// (client side, same clock: everything runs on this machine). The first 5 s of each rate are
// warm-up and not counted.

export interface LatencyAtRate {
  rate: number;
  producedRate: number;
  updates: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** The server's own figure (what the page shows), for comparison. */
  serverP50Ms: number | null;
  serverP99Ms: number | null;
  backlogAtEnd: number;
  cpuCores: Record<string, number>;
}

const WARM_UP_MS = 5_000;

export async function measureLatency(config: LoadedConfig, election: BenchElection, rates: number[], seconds: number, cpuRoots: CpuRoots, log: (line: string) => void): Promise<LatencyAtRate[]> {
  const results: LatencyAtRate[] = [];
  for (const rate of rates) {
    const count = rate * seconds;
    // A fresh election per rate, so neither a backlog nor the state of earlier votes carries over.
    await election.register(count + WARM_UP_VOTES);
    const ui = await election.ready(count);
    const probe = await openProgressProbe(config);
    const screen = new ScreenMonitor(ui.url);
    try {
      await waitForDrain(probe, 120_000);
      log(`latency at ${rate} votes/s for ${seconds} s`);
      const run = await runVoteLoad(config, { rate, count, probe, cpuRoots });
      election.used(run.summary.votes);
      const updates = screen.between(run.startedAt + WARM_UP_MS, run.endedAt, run.startedAt);
      const client = updates.map((u) => u.clientDelayMs);
      const server = updates.flatMap((u) => (u.serverDelayMs === null ? [] : [u.serverDelayMs]));
      const first = run.samples.find((s) => s.at >= run.startedAt);
      const last = run.samples.at(-1);
      const producedRate = first && last && last.at > first.at ? round((last.votes - first.votes) / ((last.at - first.at) / 1000)) : 0;
      const result: LatencyAtRate = {
        rate,
        producedRate,
        updates: updates.length,
        p50Ms: percentile(client, 50),
        p99Ms: percentile(client, 99),
        maxMs: client.length ? Math.max(...client) : null,
        serverP50Ms: percentile(server, 50),
        serverP99Ms: percentile(server, 99),
        backlogAtEnd: last?.backlog ?? 0,
        cpuCores: run.cpuCores,
      };
      results.push(result);
      log(`  p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms over ${result.updates} updates (backlog at end ${result.backlogAtEnd})`);
    } finally {
      screen.close();
      await probe.close();
    }
  }
  return results;
}
