import type { LoadedConfig } from '../shared/config/load.ts';
import { runChecks } from '../orchestrator/checks/quality.ts';
import { recount } from '../orchestrator/checks/recount.ts';
import { castVotes } from '../orchestrator/election/simulator.ts';
import { request } from '../orchestrator/gateway/http.ts';
import { jobManagerEndpoint } from '../orchestrator/gateway/jobmanager.ts';
import { tallyJobsOnCluster } from '../orchestrator/sql/cluster-jobs.ts';
import { deployJobs } from '../orchestrator/sql/deploy.ts';
import { waitFor } from '../shared/poll.ts';
import type { BenchElection } from './bench-election.ts';
import { cpuBetween, jitCompilerCpuSeconds, sampleCpu, type CpuRoots } from './cpu-usage.ts';
import { busiest, settledVertexLoads, type VertexLoad } from './flink-load.ts';
import { openProgressProbe, type ProgressSample } from './pipeline-progress.ts';
import { round } from './stats.ts';
import { taskManagerHeaps, type HeapLoad } from './taskmanager-heap.ts';
import { BENCH_VOTER_GROUP } from './vote-load.ts';

// Benchmark "count": the count alone, and the election size it holds. A whole election's votes
// (with chaos events) are first written to the votes topic with no job running; then the count
// job is deployed and drains that backlog, the way Nexmark measures Flink without its generator.
// Afterwards a checkpoint is taken to read the state the election left (bytes per voter), the
// TaskManagers' heaps are read, and `tally check` and `tally recount` must pass.

export interface CountAloneResult {
  voters: number;
  /** Events on the votes topic: votes plus chaos events. */
  events: number;
  fillSeconds: number;
  /** From the job running to every event classified (startup and the register load included). */
  drainSeconds: number;
  /** Events per second over the drain, startup included. */
  eventsPerSecond: number;
  /** Events per second from the first counted vote to the last (the steady rate). */
  steadyEventsPerSecond: number;
  /** Events per second over the second half of the backlog (see rateOverSecondHalf). */
  secondHalfEventsPerSecond: number;
  /** CPU seconds the TaskManagers' JIT compiler threads used from the deploy to the drain's end. */
  jitCpuSeconds: number;
  busiestVertices: VertexLoad[];
  cpuCores: Record<string, number>;
  checkpoint: CheckpointFigures | null;
  heaps: HeapLoad[];
  checksFailed: string[];
  recountFailed: string[] | null;
  recountSeconds: number | null;
}

export interface CheckpointFigures {
  /** Bytes the checkpoint wrote (Flink's checkpointed_size) and the full state size (state_size). */
  checkpointedBytes: number;
  stateBytes: number;
  bytesPerVoter: number;
  durationMs: number;
}

const DRAIN_TIMEOUT_MS = 30 * 60_000;

/**
 * Runs the count benchmark on a fresh election of `voters` voters, each voting once, plus chaos
 * events at `chaos` (share, 0..1). Throws when the drain outlasts 30 minutes.
 */
export async function measureCountAlone(config: LoadedConfig, election: BenchElection, voters: number, chaos: number, cpuRoots: CpuRoots, options: { recount: boolean; log: (line: string) => void }): Promise<CountAloneResult> {
  const { log } = options;
  await election.register(voters);
  log(`writing ${voters} votes (chaos ${chaos}) to the votes topic with no job running`);
  const filled = await castVotes(config, { rate: 0, count: voters, chaos, groupId: BENCH_VOTER_GROUP, groundTruthFile: false, progress: false });
  election.used(filled.votes);
  const probe = await openProgressProbe(config);
  try {
    const before = await probe.sample();
    log(`deploying the count over a backlog of ${before.backlog} events`);
    const cpuBefore = sampleCpu(cpuRoots);
    const taskManagers = Object.entries(cpuRoots).filter(([name]) => name.startsWith('taskmanager')).map(([, pid]) => pid);
    const taskManagersJit = (): number => taskManagers.reduce((sum, pid) => sum + jitCompilerCpuSeconds(pid), 0);
    const jitBefore = taskManagersJit();
    await deployJobs(config, { log: (line) => log(`  ${line}`) });
    const samples: ProgressSample[] = [];
    let loads: VertexLoad[] = [];
    const drained = await waitFor(async () => {
      const sample = await probe.sample();
      samples.push(sample);
      if (loads.length === 0 && sample.valid > voters / 2) loads = busiest(await settledVertexLoads(config).catch(() => []), 3);
      return sample.backlog <= 0;
    }, DRAIN_TIMEOUT_MS, 1_000);
    if (!drained) throw new Error(`the count did not drain ${before.backlog} events in ${DRAIN_TIMEOUT_MS / 60_000} min (${samples.at(-1)?.backlog ?? '?'} left)`);
    const cpuCores = cpuBetween(cpuBefore, sampleCpu(cpuRoots));
    const jitCpuSeconds = round(taskManagersJit() - jitBefore, 1);
    const first = samples.find((s) => s.valid > 0) ?? samples[0]!;
    const last = samples.at(-1)!;
    const drainSeconds = (last.at - samples[0]!.at) / 1000;
    const steadySeconds = Math.max(0.001, (last.at - first.at) / 1000);
    log(`  drained ${before.backlog} events in ${drainSeconds} s`);
    const checkpoint = await takeCheckpoint(config, voters).catch((error: unknown) => {
      log(`  no checkpoint figures: ${(error as Error).message}`);
      return null;
    });
    const heaps = await taskManagerHeaps(config);
    log('  tally check');
    const checksFailed = (await runChecks(config)).filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`);
    let recountFailed: string[] | null = null;
    let recountSeconds: number | null = null;
    if (options.recount) {
      log('  tally recount');
      const result = await recount(config, { timeoutMs: DRAIN_TIMEOUT_MS });
      recountFailed = result.rows.filter((r) => !r.ok).map((r) => `${r.tally}: ${r.detail}`);
      recountSeconds = round(result.seconds, 1);
    }
    return {
      voters,
      events: before.backlog,
      fillSeconds: round(filled.seconds, 1),
      drainSeconds,
      eventsPerSecond: Math.round(before.backlog / drainSeconds),
      steadyEventsPerSecond: Math.round((processed(last) - processed(first)) / steadySeconds),
      secondHalfEventsPerSecond: rateOverSecondHalf(samples),
      jitCpuSeconds,
      busiestVertices: loads,
      cpuCores,
      checkpoint,
      heaps,
      checksFailed,
      recountFailed,
      recountSeconds,
    };
  } finally {
    await probe.close();
  }
}

/** Events a sample shows classified: on the votes topic minus still to do (the backlog). */
const processed = (s: ProgressSample): number => s.votes - s.backlog;

/**
 * Events per second over the second half of a drain: from the first sample with at least half of
 * the backlog processed (votes − backlog) to the last sample. By then a fresh TaskManager's JIT
 * compilers have compiled most of the job's hot code (C1 and C2 took about 22 s of CPU in a
 * 500k-vote drain on a 2-core machine), and the per-voter state is at its largest, so this is the
 * rate a long-running count keeps, the way Nexmark-style runs leave their warm-up out.
 * @param samples - progress samples in time order (at in ms)
 * @returns events/s, rounded; 0 with fewer than two samples in the second half
 */
export function rateOverSecondHalf(samples: ProgressSample[]): number {
  if (samples.length < 2) return 0;
  const first = samples[0]!;
  const last = samples.at(-1)!;
  const half = processed(first) + (processed(last) - processed(first)) / 2;
  const mid = samples.find((s) => processed(s) >= half);
  if (!mid || mid === last || last.at <= mid.at) return 0;
  return Math.round((processed(last) - processed(mid)) / ((last.at - mid.at) / 1000));
}

interface CheckpointStats {
  counts: { completed: number };
  latest: { completed: { id: number; state_size: number; checkpointed_size: number; end_to_end_duration: number } | null };
}

/**
 * Triggers a checkpoint of the count job (Flink REST `POST /jobs/:jobid/checkpoints`, 1.19+),
 * waits for it, and returns its sizes from `GET /jobs/:jobid/checkpoints`; bytes per voter is
 * the full state size over `voters`.
 */
async function takeCheckpoint(config: LoadedConfig, voters: number): Promise<CheckpointFigures> {
  const jm = jobManagerEndpoint(config.env.flink);
  const job = (await tallyJobsOnCluster(jm)).find((j) => j.state === 'RUNNING');
  if (!job) throw new Error('no running count job');
  const stats = (): Promise<CheckpointStats> => request<CheckpointStats>(jm, 'GET', `/jobs/${job.jobId}/checkpoints`);
  const before = (await stats()).counts.completed;
  await request(jm, 'POST', `/jobs/${job.jobId}/checkpoints`, {});
  let figures: CheckpointFigures | undefined;
  await waitFor(async () => {
    const now = await stats();
    const latest = now.latest.completed;
    if (latest && now.counts.completed > before) {
      figures = { checkpointedBytes: latest.checkpointed_size, stateBytes: latest.state_size, bytesPerVoter: Math.round(latest.state_size / voters), durationMs: latest.end_to_end_duration };
    }
    return figures !== undefined;
  }, 300_000, 1_000);
  if (!figures) throw new Error('the checkpoint did not complete in 5 minutes');
  return figures;
}
