import type { LoadedConfig } from '../shared/config/load.ts';
import { castVotes, type VoteSummary } from '../orchestrator/election/simulator.ts';
import { cpuBetween, sampleCpu, type CpuRoots } from './cpu-usage.ts';
import type { ProgressProbe, ProgressSample } from './pipeline-progress.ts';

// Runs the vote simulator at a fixed rate for a fixed number of votes while sampling the
// pipeline's progress and where the CPU goes. Every pipeline benchmark drives load through this.

export const BENCH_VOTER_GROUP = 'tally-bench-votes';

export interface LoadRun {
  summary: VoteSummary;
  /** Epoch ms of the first and last sample in which votes were arriving. */
  startedAt: number;
  endedAt: number;
  samples: ProgressSample[];
  cpuCores: Record<string, number>;
  /** Whatever `during` returned (called once, past the middle of the run). */
  midRun: unknown;
}

export interface LoadOptions {
  rate: number;
  count: number;
  probe?: ProgressProbe;
  cpuRoots: CpuRoots;
  /** Taken while the load is on (e.g. Flink's busy ratios); failures are ignored. */
  during?: () => Promise<unknown>;
  groupId?: string;
  sampleEveryMs?: number;
}

export async function runVoteLoad(config: LoadedConfig, options: LoadOptions): Promise<LoadRun> {
  const samples: ProgressSample[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      if (options.probe) samples.push(await options.probe.sample().catch(() => samples.at(-1) ?? emptySample()));
      await new Promise((r) => setTimeout(r, options.sampleEveryMs ?? 1000));
    }
  })();
  let midRun: unknown = null;
  const expectedMs = (options.count / Math.max(1, options.rate)) * 1000;
  const midTimer = options.during ? setTimeout(() => { options.during?.().then((v) => { midRun = v; }, () => undefined); }, expectedMs * 0.5 + 2_000) : undefined;
  const cpuBefore = sampleCpu(options.cpuRoots);
  const castFrom = Date.now();
  let summary: VoteSummary;
  try {
    summary = await castVotes(config, {
      rate: options.rate, count: options.count, chaos: 0, groupId: options.groupId ?? BENCH_VOTER_GROUP, groundTruthFile: false, progress: false,
    });
  } finally {
    clearTimeout(midTimer);
    sampling = false;
    await sampler;
  }
  const castTo = Date.now();
  const cpuCores = cpuBetween(cpuBefore, sampleCpu(options.cpuRoots));
  // castVotes first reads the votes already cast; the load starts with the first new vote.
  const firstVotes = samples[0]?.votes ?? 0;
  const startedAt = samples.find((s) => s.votes > firstVotes)?.at ?? castTo - summary.seconds * 1000;
  return { summary, startedAt: Math.max(startedAt, castFrom), endedAt: castTo, samples, cpuCores, midRun };
}

function emptySample(): ProgressSample {
  return { at: Date.now(), votes: 0, valid: 0, backlog: 0, groupLag: null };
}
