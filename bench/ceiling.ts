import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { LoadedConfig } from '../shared/config/load.ts';
import { BenchError } from '../shared/errors.ts';
import { withScratchTopic } from './kafka-topics.ts';
import { sampleVoteBytes } from './vote-size.ts';

// Benchmark 1, the ceiling: Kafka's own ProducerPerformance tool against the same broker, with
// records the size of a vote and acks=all. Nothing in Tally can produce faster than this, so every
// other throughput is shown as a share of it.
//
// The broker is warmed up first by a run that is thrown away: the bench starts the stack just
// before, and against a broker whose code is not yet compiled by the JIT the same command measured
// 34-41k records/s and, run again at once, 101-120k (2026-11-30, this 2-core machine). A cold
// ceiling made every share below it look two to three times better than it was; the Tally steps
// all run later, against a warm broker.

export interface CeilingResult {
  records: number;
  recordBytes: number;
  /** The warm-up run before the measured one (thrown away): its records and rate. */
  warmUp: { records: number; recordsPerSecond: number };
  recordsPerSecond: number;
  mbPerSecond: number;
  avgLatencyMs: number;
  p99LatencyMs: number | null;
  command: string;
}

const TOPIC = 'bench_ceiling';

/**
 * Measures the ceiling: ProducerPerformance sends `records` records of a vote's size (acks=all) to
 * a scratch topic, after a thrown-away warm-up run of `warmUpRecords` (see above).
 * @returns the measured run's summary, the warm-up's rate and the command to repeat it
 * @throws BenchError when java cannot run, the tool exits non-zero or its summary cannot be read
 */
export async function measureCeiling(config: LoadedConfig, records: number, warmUpRecords: number): Promise<CeilingResult> {
  const recordBytes = sampleVoteBytes(config.env.election.seed);
  const classpath = `${join(config.dataDir, 'jars', 'kafka')}/*`;
  const argsFor = (n: number): string[] => [
    '-Xmx512m', '-cp', classpath, 'org.apache.kafka.tools.ProducerPerformance',
    '--topic', TOPIC, '--num-records', String(n), '--record-size', String(recordBytes), '--throughput', '-1',
    '--producer-props', `bootstrap.servers=${config.env.kafka.bootstrapServers}`, 'acks=all',
  ];
  const args = argsFor(records);
  const [warmUp, measured] = await withScratchTopic(config, TOPIC, async () => [
    summaryOf(await runJava(argsFor(warmUpRecords))),
    summaryOf(await runJava(args)),
  ]);
  return {
    records, recordBytes, warmUp: { records: warmUpRecords, recordsPerSecond: warmUp.recordsPerSecond }, ...measured,
    command: `java ${args.map((a) => (a.includes('*') ? `'${a}'` : a)).join(' ')}`,
  };
}

function summaryOf(output: string): NonNullable<ReturnType<typeof parseProducerPerformance>> {
  const parsed = parseProducerPerformance(output);
  if (!parsed) throw new BenchError(`could not read ProducerPerformance's summary; its output ended with: ${output.trim().split('\n').slice(-3).join(' | ')}`);
  return parsed;
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
