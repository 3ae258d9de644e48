import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { POM_FILE } from '../orchestrator/stack/jars.ts';

// What the figures were measured on, so a reader can compare runs from different machines.

export interface MachineDescription {
  nproc: number;
  memoryGb: number;
  cpuModel: string;
  node: string;
  java: string;
  flink: string;
  kafka: string;
  /** Java processes running when the benchmark started and ended (other stacks on the machine). */
  javaProcessesBefore: number;
  javaProcessesAfter?: number;
}

export function describeMachine(): MachineDescription {
  const pom = readFileSync(POM_FILE, 'utf8');
  const property = (name: string): string => new RegExp(`<${name}>([^<]+)</${name}>`).exec(pom)?.[1] ?? 'unknown';
  return {
    nproc: availableParallelism(),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    cpuModel: cpuModel(),
    node: process.version,
    java: javaVersion(),
    flink: property('flink.version'),
    kafka: property('kafka.version'),
    javaProcessesBefore: countJavaProcesses(),
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]?.trim() ?? 'unknown';
  } catch {
    // not Linux: fall through to what Node knows
  }
  return cpus()[0]?.model ?? 'unknown';
}

function javaVersion(): string {
  // `java -version` writes to stderr.
  const run = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return run.error ? 'not found' : firstJavaLine(`${run.stderr}${run.stdout}`);
}

function firstJavaLine(text: string): string {
  return text.split('\n').find((l) => l.includes('version'))?.trim() ?? 'unknown';
}

/** `ps aux | grep -c '[j]ava'`: every Java process on the machine, ours and other stacks'. */
export function countJavaProcesses(): number {
  const out = execFileSync('ps', ['-eo', 'comm'], { encoding: 'utf8' });
  return out.split('\n').filter((c) => c.trim() === 'java').length;
}
