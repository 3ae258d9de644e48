import type { LoadedConfig } from '../shared/config/load.ts';
import { castVotes } from '../orchestrator/election/simulator.ts';
import { cpuBetween, sampleCpu, type CpuRoots } from './cpu-usage.ts';
import { withScratchTopic } from './kafka-topics.ts';

// The simulator's own ceiling: `tally vote` as fast as it can (rate 0) into a scratch votes topic
// no job reads, so it measures the simulator and Kafka alone. It reads the registered voters from
// the voters topic under its own consumer group, so it uses up no voters of the election.

export interface SimulatorRateResult {
  votes: number;
  seconds: number;
  votesPerSecond: number;
  cpuCores: Record<string, number>;
}

const TOPIC = 'bench_simulator_votes';

export async function measureSimulatorRate(config: LoadedConfig, votes: number, cpuRoots: CpuRoots): Promise<SimulatorRateResult> {
  const scratch: LoadedConfig = { ...config, env: { ...config.env, kafka: { ...config.env.kafka, topics: { ...config.env.kafka.topics, votes: TOPIC } } } };
  return withScratchTopic(config, TOPIC, async () => {
    const before = sampleCpu(cpuRoots);
    const summary = await castVotes(scratch, { rate: 0, count: votes, chaos: 0, groupId: `tally-bench-simulator-${Date.now()}`, groundTruthFile: false, progress: false });
    return { votes: summary.votes, seconds: summary.seconds, votesPerSecond: summary.votesPerSecond, cpuCores: cpuBetween(before, sampleCpu(cpuRoots)) };
  });
}
