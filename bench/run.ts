import type { LoadedConfig } from '../shared/config/load.ts';
import { firstLine } from '../shared/errors.ts';
import { localServices, stackDown, stackUp } from '../orchestrator/stack/stack.ts';
import { BenchElection, WARM_UP_VOTES } from './bench-election.ts';
import { measureCeiling, type CeilingResult } from './ceiling.ts';
import { measureCountAlone, type CountAloneResult } from './count-alone.ts';
import type { CpuRoots } from './cpu-usage.ts';
import { FANOUT_VOTES, measureFanout, type FanoutAtClients } from './fanout.ts';
import { measureLatency, type LatencyAtRate } from './latency.ts';
import { countJavaProcesses, describeMachine, type MachineDescription } from './machine.ts';
import { measureRegistration, type RegistrationResult } from './registration.ts';
import { measureSimulatorRate, type SimulatorRateResult } from './simulator-rate.ts';
import { FULL_SIZES, QUICK_SIZES, type BenchSizes } from './sizes.ts';
import { measureThroughput, type ThroughputResult } from './throughput.ts';

// `npm run bench`: brings the environment's stack up and runs the selected benchmarks in an order
// that reuses work (the registration benchmark registers the voters the pipeline benchmarks vote
// with). A benchmark that fails is reported and the others still run. Figures only: nothing here
// asserts a time limit.

export const BENCHMARKS = ['ceiling', 'registration', 'simulator', 'count', 'throughput', 'latency', 'fanout'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  environment: string;
  quick: boolean;
  sizes: BenchSizes;
  machine: MachineDescription;
  ceiling?: CeilingResult;
  registration?: RegistrationResult;
  simulator?: SimulatorRateResult;
  count?: CountAloneResult;
  throughput?: ThroughputResult;
  latency?: LatencyAtRate[];
  fanout?: FanoutAtClients[];
  /** Benchmarks that could not finish, with the reason. */
  failed: Partial<Record<BenchmarkName, string>>;
}

export interface BenchOptions {
  quick: boolean;
  only: BenchmarkName[];
  keepStack: boolean;
  /** Sizes that replace the quick or full ones (for example a smaller count while tuning). */
  sizes?: Partial<BenchSizes>;
  log: (line: string) => void;
}

export async function runBench(config: LoadedConfig, options: BenchOptions): Promise<BenchResults> {
  const { log } = options;
  const sizes = { ...(options.quick ? QUICK_SIZES : FULL_SIZES), ...options.sizes };
  const machine = describeMachine();
  const startedAt = new Date().toISOString();
  const results: Omit<BenchResults, 'finishedAt'> = { startedAt, environment: config.name, quick: options.quick, sizes, machine, failed: {} };
  log(`bringing the "${config.name}" stack up`);
  await stackUp(config, log);
  const cpuRoots = serviceRoots(config);
  const election = new BenchElection(config, sizes.registrationVoters, log);
  const selected = new Set(options.only);
  const attempt = async <K extends BenchmarkName>(name: K, run: () => Promise<void>): Promise<void> => {
    if (!selected.has(name)) return;
    log(`== ${name}`);
    try {
      await run();
    } catch (error) {
      const reason = firstLine(error);
      results.failed[name] = reason;
      log(`  ${name} failed: ${reason}`);
    }
  };
  try {
    await attempt('ceiling', async () => { results.ceiling = await measureCeiling(config, sizes.ceilingRecords, sizes.ceilingWarmUpRecords); });
    await attempt('registration', async () => { results.registration = await measureRegistration(election, sizes.registrationVoters); });
    await attempt('simulator', async () => {
      if (election.remaining === 0) await election.register();
      results.simulator = await measureSimulatorRate(config, Math.min(sizes.simulatorVotes, election.remaining), cpuRoots);
    });
    await attempt('count', async () => {
      results.count = await measureCountAlone(config, election, sizes.countVoters, sizes.countChaos, cpuRoots, { recount: sizes.countRecount, log });
    });
    await attempt('throughput', async () => { results.throughput = await measureThroughput(config, election, sizes.throughputRates, sizes.stepSeconds, cpuRoots, log); });
    // Throughput steps and latency rates each start on a fresh election (see throughput.ts); so does
    // fan-out: the state of votes counted earlier would otherwise fill the TaskManager heap.
    await attempt('latency', async () => {
      results.latency = await measureLatency(config, election, sizes.latencyRates, sizes.latencySeconds, cpuRoots, log);
    });
    await attempt('fanout', async () => {
      await election.register(sizes.fanoutClients.length * FANOUT_VOTES + WARM_UP_VOTES);
      results.fanout = await measureFanout(config, election, sizes.fanoutClients, sizes.stormClients, cpuRoots, log);
    });
  } finally {
    await election.close();
    if (!options.keepStack) {
      log('stopping the stack');
      await stackDown(config);
    }
  }
  results.machine.javaProcessesAfter = countJavaProcesses();
  return { ...results, finishedAt: new Date().toISOString() };
}

/** The stack's processes by name, for the CPU split, plus this process (the simulator runs here). */
function serviceRoots(config: LoadedConfig): CpuRoots {
  const roots: CpuRoots = { 'bench (simulator)': process.pid };
  for (const service of localServices(config)) {
    const pid = service.pid();
    if (pid !== undefined) roots[service.name] = pid;
  }
  return roots;
}
