import { spawn, execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { StackError } from '../../shared/errors.ts';

// Local service processes: started detached with their output in a log file, remembered by a pid
// file, and stopped only by that pid (after checking the process is still the one we started).

export interface ProcessSpec {
  /** Service name, also the pid file's name. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where stdout and stderr go. */
  logFile: string;
  /** A string the process's command line contains, proving a pid is still ours. */
  marker: string;
  uid?: number;
  gid?: number;
}

export function pidFile(runDir: string, name: string): string {
  return join(runDir, `${name}.pid`);
}

export function readPid(runDir: string, name: string): number | undefined {
  const file = pidFile(runDir, name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** True when pid is alive and its command line still contains the marker. */
export function isOurProcess(pid: number, marker: string): boolean {
  if (!isAliveNotZombie(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

/** True when pid exists and is not a zombie (an exited process its parent has not reaped). */
export function isAliveNotZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3, after the parenthesised command name, is the state: Z = zombie, X = dead.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function runningPid(runDir: string, name: string, marker: string): number | undefined {
  const pid = readPid(runDir, name);
  return pid !== undefined && isOurProcess(pid, marker) ? pid : undefined;
}

export function startProcess(runDir: string, spec: ProcessSpec): number {
  mkdirSync(runDir, { recursive: true });
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const out = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', out, out],
      uid: spec.uid,
      gid: spec.gid,
    });
    if (child.pid === undefined) throw new StackError(`could not start ${spec.name} (${spec.command}); see ${spec.logFile}`);
    child.unref();
    writeFileSync(pidFile(runDir, spec.name), String(child.pid));
    return child.pid;
  } finally {
    closeSync(out);
  }
}

/** stopSignal (SIGTERM), wait up to graceMs, then SIGKILL. False when the pid was not ours or not alive. */
export async function stopProcess(runDir: string, name: string, marker: string, graceMs = 20_000, stopSignal: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  const pid = runningPid(runDir, name, marker);
  rmSync(pidFile(runDir, name), { force: true });
  if (pid === undefined) return false;
  signal(pid, stopSignal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isOurProcess(pid, marker)) await sleep(200);
  if (isOurProcess(pid, marker)) {
    signal(pid, 'SIGKILL');
    while (isOurProcess(pid, marker)) await sleep(100);
  }
  return true;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** True when something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Runs a short command and returns stdout; throws StackError with its output on failure. */
export function runQuiet(command: string, args: string[], what: string, env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; code?: string; message: string };
    if (e.code === 'ENOENT') throw new StackError(`${command} is not installed: ${what} needs it`, { cause: error });
    const output = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
    const last = output.split('\n').filter(Boolean).slice(-3).join(' | ');
    throw new StackError(`${what} failed: ${last || e.message}`, { cause: error, detail: output });
  }
}

/** The last n lines of a log file (for error messages and `tally stack logs`). */
export function tailFile(file: string, lines: number): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  return text.split('\n').slice(-lines - 1).join('\n');
}
