import type { LoadedConfig } from '../shared/config/load.ts';
import { WARM_UP_VOTES, type BenchElection } from './bench-election.ts';
import type { CpuRoots } from './cpu-usage.ts';
import { busiest, settledVertexLoads, type VertexLoad } from './flink-load.ts';
import { taskManagerHeap, type HeapLoad } from './taskmanager-heap.ts';
import { openProgressProbe, waitForDrain, type ProgressSample } from './pipeline-progress.ts';
import { ScreenMonitor } from './screen-monitor.ts';
import { percentile, round, slope } from './stats.ts';
import { runVoteLoad } from './vote-load.ts';

// Benchmark 2, end-to-end throughput: the simulator casts votes at rising fixed rates while the
// whole pipeline runs (the count job, the results page with a client connected).
// A step is sustained when the count's backlog stays flat over its second half or ends within what
// is in flight (summarizeStep); stepping stops after the first step that is not.

export interface ThroughputStep {
  targetRate: number;
  /** Votes/s the simulator actually produced during the step. */
  producedRate: number;
  /** Votes/s counted (rows reaching the Postgres table votes) during the step. */
  validatedRate: number;
  votes: number;
  seconds: number;
  backlogAtEnd: number;
  /** Backlog growth over the second half of the step, votes/s (≈0 when keeping up). */
  backlogGrowthPerSecond: number;
  groupLagAtEnd: number | null;
  sustained: boolean;
  screenDelayP50Ms: number | null;
  screenDelayP99Ms: number | null;
  busiestVertices: VertexLoad[];
  /** The TaskManager's heap and GC share past the middle of the step. */
  taskManagerHeap: HeapLoad | null;
  cpuCores: Record<string, number>;
}

export interface ThroughputResult {
  sustainedRate: number;
  steps: ThroughputStep[];
}

const DRAIN_TIMEOUT_MS = 120_000;

export async function measureThroughput(config: LoadedConfig, election: BenchElection, rates: number[], stepSeconds: number, cpuRoots: CpuRoots, log: (line: string) => void): Promise<ThroughputResult> {
  const steps: ThroughputStep[] = [];
  for (const rate of rates) {
    const count = rate * stepSeconds;
    // A fresh election per step, so each step's voters are new to the one-vote rule and every step
    // starts from the same state (the rule keeps an entry per voter who has voted).
    await election.register(count + WARM_UP_VOTES);
    const ui = await election.ready(count);
    const probe = await openProgressProbe(config);
    const screen = new ScreenMonitor(ui.url);
    try {
      const drained = await waitForDrain(probe, DRAIN_TIMEOUT_MS);
      if (drained.backlog > 0) log(`  backlog of ${drained.backlog} votes left from the previous step`);
      log(`step ${rate} votes/s for ${stepSeconds} s (${count} votes)`);
      const run = await runVoteLoad(config, { rate, count, probe, cpuRoots, during: () => readFlinkLoad(config) });
      election.used(run.summary.votes);
      const midRun = run.midRun as { loads: VertexLoad[]; heap: HeapLoad | null } | null;
      const step = summarizeStep(rate, run.samples, run.startedAt, run.endedAt, run.summary.votes);
      const delays = screen.between(run.startedAt + 3_000, run.endedAt, run.startedAt).map((u) => u.clientDelayMs);
      const result: ThroughputStep = {
        ...step,
        screenDelayP50Ms: percentile(delays, 50),
        screenDelayP99Ms: percentile(delays, 99),
        busiestVertices: busiest(midRun?.loads ?? []),
        taskManagerHeap: midRun?.heap ?? null,
        cpuCores: run.cpuCores,
      };
      steps.push(result);
      log(`  produced ${result.producedRate}/s, validated ${result.validatedRate}/s, backlog ${result.backlogAtEnd} (growing ${result.backlogGrowthPerSecond}/s): ${result.sustained ? 'sustained' : 'NOT sustained'}`);
      if (!result.sustained) break;
    } finally {
      screen.close();
      await probe.close();
    }
  }
  const sustained = steps.filter((s) => s.sustained);
  return { sustainedRate: Math.max(0, ...sustained.map((s) => Math.min(s.producedRate, s.validatedRate))), steps };
}

/** The vertices' load (settledVertexLoads) and the TaskManager's heap, read while a step runs. */
async function readFlinkLoad(config: LoadedConfig): Promise<{ loads: VertexLoad[]; heap: HeapLoad | null }> {
  await taskManagerHeap(config).catch(() => undefined);
  return { loads: await settledVertexLoads(config), heap: await taskManagerHeap(config).catch(() => null) };
}

export function summarizeStep(targetRate: number, samples: ProgressSample[], startedAt: number, endedAt: number, votes: number): Omit<ThroughputStep, 'screenDelayP50Ms' | 'screenDelayP99Ms' | 'busiestVertices' | 'taskManagerHeap' | 'cpuCores'> {
  // From the first sample that saw votes arrive: the one before it would add to the time the part
  // of a sampling interval in which no votes were cast yet, and the rates would read low.
  const window = samples.filter((s) => s.at >= startedAt && s.at <= endedAt);
  const first = window[0];
  const last = window.at(-1);
  const seconds = first && last ? Math.max(0.001, (last.at - first.at) / 1000) : 0;
  const half = window.filter((s) => s.at >= startedAt + (endedAt - startedAt) / 2);
  const growth = slope(half.map((s) => ({ x: s.at / 1000, y: s.backlog })));
  const producedRate = first && last && seconds > 0 ? round((last.votes - first.votes) / seconds) : 0;
  const validatedRate = first && last && seconds > 0 ? round((last.valid - first.valid) / seconds) : 0;
  // Kept up: the backlog grows by less than 5% of the rate over the second half, or it ends within
  // two seconds of votes, what is in flight anyway (counted votes reach Postgres in batches of up
  // to a second, tallies in 200 ms mini-batches). The batches make the backlog a saw tooth whose
  // fitted slope over 15 s can read 5% of the rate while nothing falls behind; a pipeline that
  // does fall behind leaves more than two seconds of votes after a 30-second step.
  const endsInFlight = last !== undefined && last.backlog <= 2 * producedRate;
  const sustained = half.length >= 3 && (growth <= Math.max(50, 0.05 * producedRate) || endsInFlight);
  return {
    targetRate,
    producedRate,
    validatedRate,
    votes,
    seconds: round(seconds, 1),
    backlogAtEnd: last?.backlog ?? 0,
    backlogGrowthPerSecond: round(growth),
    groupLagAtEnd: last?.groupLag ?? null,
    sustained,
  };
}
