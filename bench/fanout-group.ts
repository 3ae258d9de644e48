import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError } from '../shared/errors.ts';
import { DEFAULT_SORTED_SHARE } from './fanout-browser.ts';
import type { FanoutToChild, FanoutToParent } from './fanout-clients.ts';
import { mergeReceipts } from './fanout-receipts.ts';

// The fan-out benchmark's clients, spread over several forked processes (fanout-clients.ts), seen
// by the parent as one group: their connection counts, their merged receipts, and the commands
// of the reconnect benchmark, sent to every process at once.

const CLIENT_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'fanout-clients.ts');
/** Most clients one process holds; the machine's cores bound the useful number of processes. */
const CLIENTS_PER_PROCESS = 2_500;
const MAX_PROCESSES = 4;

type Reply<T extends FanoutToParent['type']> = Extract<FanoutToParent, { type: T }>;

export interface FanoutClients {
  connected: { connected: number; failed: number; seconds: number };
  /** The client processes' ids (for their CPU time). */
  pids: number[];
  /** What the clients saw so far: every update any of them received, summarised over all. */
  report(): Promise<Omit<Reply<'report'>, 'type'>>;
  /** From now on the clients reconnect as EventSource does when their stream ends. */
  followRetry(): void;
  /** Every client drops its stream and reconnects at a random moment within `windowMs`. */
  storm(windowMs: number): void;
  /** Streams back since `since` (epoch ms), summed over the processes; failed attempts since the last call. */
  reconnects(since: number): Promise<Omit<Reply<'reconnects'>, 'type'>>;
  /** Closes every client and waits for the processes to end. */
  exit(): Promise<void>;
}

/**
 * Forks enough client processes for `clients` browser-like clients on the page at `origin`.
 * @param sortedShare - share of readers who sorted the regions table (0..1)
 * @throws BenchError when the clients do not connect within 180 s or a process dies
 */
export async function forkFanoutClients(origin: string, clients: number, cwd: string, sortedShare = DEFAULT_SORTED_SHARE): Promise<FanoutClients> {
  const processes = Math.min(MAX_PROCESSES, Math.ceil(clients / CLIENTS_PER_PROCESS));
  const children: ChildProcess[] = [];
  for (let p = 0, first = 0; p < processes; p++) {
    const share = Math.floor(clients / processes) + (p < clients % processes ? 1 : 0);
    children.push(fork(CLIENT_SCRIPT, [origin, String(share), String(sortedShare), String(first)], { cwd, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }));
    first += share;
  }
  const exit = async (): Promise<void> => { await Promise.all(children.map(exited)); };
  const ask = <T extends FanoutToParent['type']>(type: T, message: FanoutToChild, timeoutMs = 30_000): Promise<Reply<T>[]> =>
    Promise.all(children.map(async (child) => {
      const reply = nextMessage(child, type, timeoutMs);
      child.send(message);
      return (await reply) as Reply<T>;
    }));
  const tell = (message: FanoutToChild): void => { for (const child of children) child.send(message); };
  try {
    const connected = (await Promise.all(children.map((child) => nextMessage(child, 'connected', 180_000)))) as Reply<'connected'>[];
    return {
      connected: { connected: sum(connected, 'connected'), failed: sum(connected, 'failed'), seconds: Math.max(...connected.map((c) => c.seconds)) },
      pids: children.map((c) => c.pid ?? 0),
      report: async () => {
        const seen = await ask('updates', { type: 'updates' });
        const updates = [...new Set(seen.flatMap((s) => s.updates))].sort((a, b) => a - b);
        const reports = await ask('report', { type: 'report', updates });
        return {
          connected: sum(reports, 'connected'),
          failed: sum(reports, 'failed'),
          updates: mergeReceipts(reports.map((r) => r.updates)),
          fetches: {
            requests: reports.reduce((s, r) => s + r.fetches.requests, 0),
            ok: reports.reduce((s, r) => s + r.fetches.ok, 0),
            notModified: reports.reduce((s, r) => s + r.fetches.notModified, 0),
            failed: reports.reduce((s, r) => s + r.fetches.failed, 0),
            latenciesMs: reports.flatMap((r) => r.fetches.latenciesMs),
          },
        };
      },
      followRetry: () => tell({ type: 'follow-retry' }),
      storm: (windowMs) => tell({ type: 'storm', windowMs }),
      reconnects: async (since) => {
        const replies = await ask('reconnects', { type: 'reconnects', since });
        const perSecond: Record<number, number> = {};
        for (const r of replies) for (const [s, n] of Object.entries(r.perSecond)) perSecond[Number(s)] = (perSecond[Number(s)] ?? 0) + n;
        return { back: sum(replies, 'back'), lastBackAt: Math.max(...replies.map((r) => r.lastBackAt)), perSecond, failedAttempts: sum(replies, 'failedAttempts') };
      },
      exit,
    };
  } catch (error) {
    await exit();
    throw error;
  }
}

function sum<K extends string>(rows: Record<K, number>[], key: K): number {
  return rows.reduce((s, r) => s + r[key], 0);
}

function nextMessage(child: ChildProcess, type: FanoutToParent['type'], timeoutMs: number): Promise<FanoutToParent> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const onData = (chunk: Buffer): void => { stderr = (stderr + chunk.toString()).slice(-1000); };
    child.stderr?.on('data', onData);
    const onExit = (code: number | null): void => { done(); reject(new BenchError(`fan-out clients exited (${code}): ${stderr.trim().split('\n').slice(-2).join(' | ')}`)); };
    const timer = setTimeout(() => { done(); reject(new BenchError(`fan-out clients sent no "${type}" within ${timeoutMs / 1000} s`)); }, timeoutMs);
    const onMessage = (message: FanoutToParent): void => {
      if (message.type !== type) return;
      done();
      resolve(message);
    };
    const done = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.stderr?.off('data', onData);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  if (child.connected) child.send({ type: 'exit' } satisfies FanoutToChild);
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(force); resolve(); });
  });
}
