import type { LoadedConfig } from '../../shared/config/load.ts';
import { pollingClock } from '../election/polling-day.ts';
import { stderrProgress } from '../election/progress.ts';
import { TALLIES, tallyFromTopic, total } from '../checks/tallies.ts';
import { createKafka } from '../../shared/kafka/client.ts';
import { kafkaSettings } from '../../shared/config/settings.ts';
import { formatCount, formatCountOf } from '../../shared/format.ts';

// The demo's progress line while votes flow: the polling-day clock, events on the votes topic (its
// end offsets: the simulator's idempotent producer writes each event once), and how many the
// pipeline has counted and rejected, from the latest rows of tally_by_party and
// rejected_by_reason (absolute counts: a job restarted from a checkpoint rewrites them, it does not
// add to them).

export interface ProgressFigures {
  /** Events on the votes topic (votes and injected bad events). */
  cast: number;
  counted: number;
  rejected: number;
}

export interface ProgressLine {
  /**
   * Keeps the line updating until every event sent is counted or rejected (isCountComplete).
   * @returns the figures then, or undefined when `signal` aborts first
   */
  untilCounted(signal?: AbortSignal): Promise<ProgressFigures | undefined>;
  /** Stops updating and leaves the last line on screen. */
  stop(): Promise<void>;
}

/** Every event on the votes topic has been counted or rejected (and there is at least one). */
export function isCountComplete(figures: ProgressFigures): boolean {
  return figures.cast > 0 && figures.counted + figures.rejected >= figures.cast;
}

/**
 * One line on stderr, updated every second on a terminal and every 10 s otherwise, until stop().
 * @param night - the polling day's length and when it started (epoch ms), for the clock; omit
 * for a flat-rate run
 */
export function startProgressLine(config: LoadedConfig, night?: { startedAt: number; durationMs: number }): ProgressLine {
  const { topics } = config.env.kafka;
  const admin = createKafka(kafkaSettings(config), 'demo-progress').admin();
  const progress = stderrProgress(true);
  const connected = admin.connect();
  let previous: { at: number; counted: number } | undefined;
  let stopped = false;
  let latest: ProgressFigures | undefined;
  let onFigures: ((figures: ProgressFigures) => void) | undefined;

  const byParty = TALLIES.find((t) => t.name === 'tally_by_party')!;
  const byReason = TALLIES.find((t) => t.name === 'rejected_by_reason')!;
  const eventsSent = async (): Promise<number> =>
    (await admin.fetchTopicOffsets(topics.votes)).reduce((sum, p) => sum + Number(p.high), 0);

  const tick = async (): Promise<void> => {
    await connected;
    const [cast, counted, rejected] = await Promise.all([eventsSent(), tallyFromTopic(kafkaSettings(config), byParty).then(total), tallyFromTopic(kafkaSettings(config), byReason).then(total)]);
    const now = Date.now();
    const rate = previous ? ((counted - previous.counted) * 1000) / Math.max(1, now - previous.at) : null;
    previous = { at: now, counted };
    latest = { cast, counted, rejected };
    onFigures?.(latest);
    if (stopped) return;
    const clock = night ? (now - night.startedAt >= night.durationMs ? 'polls closed' : `polls open, ${pollingClock(now - night.startedAt, night.durationMs)}`) : undefined;
    progress.update(formatProgress({ cast, counted, rejected }, rate, clock));
  };
  const interval = process.stderr.isTTY ? 1_000 : 10_000;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // a slow read: skip a beat rather than pile reads up
    busy = true;
    tick().catch(() => undefined).finally(() => { busy = false; });
  }, interval);
  return {
    untilCounted(signal) {
      return new Promise((resolve) => {
        const finish = (figures: ProgressFigures | undefined): void => {
          onFigures = undefined;
          resolve(figures);
        };
        onFigures = (figures) => { if (isCountComplete(figures)) finish(figures); };
        if (latest) onFigures(latest);
        if (signal?.aborted) finish(undefined);
        signal?.addEventListener('abort', () => finish(undefined), { once: true });
      });
    },
    async stop() {
      clearInterval(timer);
      await tick().catch(() => undefined);
      stopped = true;
      progress.done();
      await connected.then(() => admin.disconnect()).catch(() => undefined);
    },
  };
}

/**
 * "polls open, 19:30 │ 12,345 votes sent │ 12,300 counted (620/s) │ 3 rejected"; `clock` leads when
 * given; the rate is left out while there is none yet (the first reading: null), not shown as 0/s.
 */
export function formatProgress(figures: ProgressFigures, countedPerSecond: number | null, clock?: string): string {
  const n = (value: number): string => formatCount(Math.round(value));
  return [
    clock,
    `${formatCountOf(Math.round(figures.cast), 'vote')} sent`,
    `${n(figures.counted)} counted${countedPerSecond === null ? '' : ` (${n(countedPerSecond)}/s)`}`,
    `${n(figures.rejected)} rejected`,
  ].filter(Boolean).join(' │ ');
}
