import { readdirSync, readFileSync } from 'node:fs';

// Where the CPU went during a measurement: every process's user+system time from /proc, summed
// under the named root processes (a service and its children, e.g. Postgres backends). What is
// under none of them (other stacks, the shell) is "other". Linux only; elsewhere it reports nothing.

export type CpuRoots = Record<string, number>;

interface ProcTimes { ppid: number; ticks: number }

const TICKS_PER_SECOND = 100;

/** Parent pid and user+system ticks from a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat line. */
function parseStat(stat: string): ProcTimes {
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

function readProcesses(): Map<number, ProcTimes> {
  const result = new Map<number, ProcTimes>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return result;
  }
  for (const entry of entries) {
    try {
      result.set(Number(entry), parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // the process ended while we looked
    }
  }
  return result;
}

function ownerOf(pid: number, processes: Map<number, ProcTimes>, roots: Map<number, string>): string {
  let current: number | undefined = pid;
  for (let depth = 0; current !== undefined && current > 1 && depth < 64; depth++) {
    const name = roots.get(current);
    if (name) return name;
    current = processes.get(current)?.ppid;
  }
  return 'other';
}

export interface CpuSample { at: number; byOwner: Map<number, { owner: string; ticks: number }> }

export function sampleCpu(roots: CpuRoots): CpuSample {
  const byPid = new Map(Object.entries(roots).map(([name, pid]) => [pid, name]));
  const processes = readProcesses();
  const byOwner = new Map<number, { owner: string; ticks: number }>();
  for (const [pid, times] of processes) byOwner.set(pid, { owner: ownerOf(pid, processes, byPid), ticks: times.ticks });
  return { at: performance.now(), byOwner };
}

/** CPU cores used per owner between two samples (1.0 = one core busy all the time). */
export function cpuBetween(before: CpuSample, after: CpuSample): Record<string, number> {
  const seconds = (after.at - before.at) / 1000;
  const used: Record<string, number> = {};
  if (seconds <= 0) return used;
  for (const [pid, now] of after.byOwner) {
    const delta = now.ticks - (before.byOwner.get(pid)?.ticks ?? 0);
    used[now.owner] = (used[now.owner] ?? 0) + delta;
  }
  return Object.fromEntries(Object.entries(used)
    .map(([owner, ticks]): [string, number] => [owner, Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100])
    .filter(([, cores]) => cores >= 0.01)
    .sort((a, b) => b[1] - a[1]));
}

/**
 * CPU seconds the JVM's JIT compiler threads (HotSpot's "C1 CompilerThre…" and "C2 CompilerThre…",
 * named in /proc/<pid>/task/<tid>/comm) have used since `pid` started. A fresh JVM compiles its hot
 * code while it runs, so in a short measurement this is work that a long-running one no longer does.
 * @returns seconds; 0 when the process is gone or /proc cannot be read (not Linux)
 */
export function jitCompilerCpuSeconds(pid: number): number {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  let ticks = 0;
  for (const tid of tasks) {
    try {
      if (!/^C[12] CompilerThre/.test(readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8'))) continue;
      ticks += parseStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')).ticks;
    } catch {
      // the thread ended while we looked
    }
  }
  return ticks / TICKS_PER_SECOND;
}
