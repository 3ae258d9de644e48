import type { BenchElection } from './bench-election.ts';
import type { FanoutClients } from './fanout-group.ts';

// The reconnect benchmark, run on clients the fan-out benchmark connected: (1) the results page is
// restarted and every client reconnects by the page's own policy (as EventSource does: after the
// jittered `retry:` delay the page sent it, again until the page answers); (2) a storm: every
// client drops its stream and reconnects within one second, on the running page. For each: how
// many came back (a stream that delivered the full state), how long until the last did, the most
// in one second, the page's peak memory, and the attempts that failed.

export interface ReconnectPhase {
  clients: number;
  back: number;
  /** From the drop (the restart's SIGTERM, the storm's start) until the last client was back. */
  allBackSeconds: number | null;
  /** Most clients back within one second. */
  peakPerSecond: number;
  /** Connection attempts refused or failed (while the page restarts they are expected). */
  failedAttempts: number;
  rssPeakMb: number;
}

export interface ReconnectFigures {
  restart: ReconnectPhase & { restartSeconds: number };
  storm: ReconnectPhase & { windowMs: number };
}

const STORM_WINDOW_MS = 1_000;
const WAIT_MS = 60_000;

/**
 * Restarts the page under `clients`' connections, then storms it; the clients follow the page's
 * retry policy from here on.
 */
export async function measureReconnects(election: BenchElection, clients: FanoutClients, log: (line: string) => void): Promise<ReconnectFigures> {
  const expected = clients.connected.connected;
  clients.followRetry();
  log(`  restarting the results page under ${expected} clients`);
  const restartFrom = Date.now();
  const ui = await election.restartUi();
  const restartSeconds = seconds(Date.now() - restartFrom);
  const restart = { ...(await waitForReturn(clients, expected, restartFrom, () => ui.rssMb())), restartSeconds };
  log(`  restart (${restartSeconds} s until healthy): ${restart.back}/${expected} back in ${restart.allBackSeconds} s, at most ${restart.peakPerSecond} in one second; ${restart.failedAttempts} attempts refused; page RSS peak ${restart.rssPeakMb} MB`);

  const stormFrom = Date.now();
  clients.storm(STORM_WINDOW_MS);
  const storm = { ...(await waitForReturn(clients, expected, stormFrom, () => ui.rssMb())), windowMs: STORM_WINDOW_MS };
  log(`  storm (all reconnect within ${STORM_WINDOW_MS} ms): ${storm.back}/${expected} back in ${storm.allBackSeconds} s, at most ${storm.peakPerSecond} in one second; ${storm.failedAttempts} attempts failed; page RSS peak ${storm.rssPeakMb} MB`);
  return { restart, storm };
}

async function waitForReturn(clients: FanoutClients, expected: number, since: number, rssMb: () => number): Promise<ReconnectPhase> {
  let rssPeakMb = rssMb();
  const sampler = setInterval(() => { rssPeakMb = Math.max(rssPeakMb, rssMb()); }, 100);
  let failedAttempts = 0;
  try {
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      const seen = await clients.reconnects(since);
      failedAttempts += seen.failedAttempts;
      if (seen.back >= expected || Date.now() - since > WAIT_MS) {
        return {
          clients: expected,
          back: seen.back,
          allBackSeconds: seen.back >= expected ? seconds(seen.lastBackAt - since) : null,
          peakPerSecond: Math.max(0, ...Object.values(seen.perSecond)),
          failedAttempts,
          rssPeakMb,
        };
      }
    }
  } finally {
    clearInterval(sampler);
  }
}

const seconds = (ms: number): number => Math.round(ms / 100) / 10;
