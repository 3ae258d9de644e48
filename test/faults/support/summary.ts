import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../../shared/config/load.ts';
import type { FaultResult } from './results.ts';

// vitest globalSetup of the fault run: hands the tests a results file and, when the run ends, prints
// a summary table on stdout and writes bench/results/faults-<date>.json with the machine it ran on.

function commandOutput(command: string): string {
  try {
    return execFileSync('sh', ['-c', `${command} 2>&1`], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine(): Record<string, string | number> {
  return {
    nproc: Number(commandOutput('nproc')) || cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    java: commandOutput('java -version').split('\n')[0] ?? 'unknown',
  };
}

function table(results: FaultResult[]): string {
  const rows = results.map((r) => [r.scenario, `${(r.recoveryMs / 1000).toFixed(1)}s`, r.recoveredWhen, String(r.votesCast), String(r.votesLost), String(r.votesCountedTwice), `${(r.reconciledAfterMs / 1000).toFixed(1)}s`]);
  const header = ['scenario', 'recovery', 'recovered when', 'votes', 'lost', 'twice', 'reconciled after'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export default function setup(project: TestProject): () => void {
  const dir = join(loadConfig({ environment: process.env.TALLY_ENV ?? 'faults' }).dataDir, 'results');
  mkdirSync(dir, { recursive: true });
  const started = new Date();
  const file = join(dir, `${started.toISOString().replace(/[:.]/g, '-')}.jsonl`);
  writeFileSync(file, '');
  project.provide('faultResultsFile', file);
  return () => {
    const results = existsSync(file)
      ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as FaultResult)
      : [];
    if (results.length === 0) return;
    process.stdout.write(`\nFault tests (${process.env.TALLY_FAULTS_SHORT === '1' ? 'short' : 'full'} run):\n${table(results)}\n`);
    mkdirSync(join('bench', 'results'), { recursive: true });
    const out = join('bench', 'results', `faults-${started.toISOString().slice(0, 10)}.json`);
    writeFileSync(out, `${JSON.stringify({ startedAt: started.toISOString(), short: process.env.TALLY_FAULTS_SHORT === '1', machine: machine(), results }, null, 2)}\n`);
    process.stdout.write(`written to ${out}\n`);
  };
}
