import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LoadedConfig } from '../shared/config/load.ts';
import { BenchError } from './errors.ts';
import { withScratchTopic } from './kafka-topics.ts';
import { sampleVoteBytes } from './vote-size.ts';

// Benchmark 1, the ceiling: Kafka's own ProducerPerformance tool against the same broker, with
// records the size of a vote and acks=all. Nothing in Tally can produce faster than this, so every
// other throughput is shown as a share of it.

export interface CeilingResult {
  records: number;
  recordBytes: number;
  recordsPerSecond: number;
  mbPerSecond: number;
  avgLatencyMs: number;
  p99LatencyMs: number | null;
  command: string;
}

const TOPIC = 'bench_ceiling';

export async function measureCeiling(config: LoadedConfig, records: number): Promise<CeilingResult> {
  const recordBytes = sampleVoteBytes(config.env.election.seed);
  const classpath = `${join(config.dataDir, 'jars', 'kafka')}/*`;
  const args = [
    '-Xmx512m', '-cp', classpath, 'org.apache.kafka.tools.ProducerPerformance',
    '--topic', TOPIC, '--num-records', String(records), '--record-size', String(recordBytes), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${config.env.kafka.bootstrapServers}`, 'acks=all',
  ];
  const output = await withScratchTopic(config, TOPIC, () => runJava(args));
  const parsed = parseProducerPerformance(output);
  if (!parsed) throw new BenchError(`could not read ProducerPerformance's summary; its output ended with: ${output.trim().split('\n').slice(-3).join(' | ')}`);
  return { records, recordBytes, ...parsed, command: `java ${args.map((a) => (a.includes('*') ? `'${a}'` : a)).join(' ')}` };
}

/** Parses the last summary line: "N records sent, R records/sec (M MB/sec), A ms avg latency, ... P ms 99th, ...". */
export function parseProducerPerformance(output: string): Pick<CeilingResult, 'recordsPerSecond' | 'mbPerSecond' | 'avgLatencyMs' | 'p99LatencyMs'> | null {
  const line = output.split('\n').reverse().find((l) => /records sent, .* records\/sec/.test(l));
  if (!line) return null;
  const rps = /([\d.]+) records\/sec/.exec(line);
  const mb = /\(([\d.]+) MB\/sec\)/.exec(line);
  const avg = /([\d.]+) ms avg latency/.exec(line);
  const p99 = /([\d.]+) ms 99th/.exec(line);
  if (!rps || !mb || !avg) return null;
  return { recordsPerSecond: Number(rps[1]), mbPerSecond: Number(mb[1]), avgLatencyMs: Number(avg[1]), p99LatencyMs: p99 ? Number(p99[1]) : null };
}

function runJava(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.on('error', (error) => reject(new BenchError(`could not run java for ProducerPerformance: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new BenchError(`ProducerPerformance exited with ${code}: ${out.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
