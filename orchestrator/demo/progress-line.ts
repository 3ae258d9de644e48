import type { LoadedConfig } from '../config/load.ts';
import { pollingClock } from '../election/polling-day.ts';
import { stderrProgress } from '../election/progress.ts';
import { createKafka } from '../kafka/client.ts';

// The demo's progress line while votes flow: the polling-day clock, events on the votes topic,
// and how many of them the pipeline has counted (votes_valid) and rejected (votes_rejected), read
// as end offsets. The Flink sinks write those topics without transactions, one record per event,
// so an end offset is the number of records (a replay after a crash may add a few: the exact
// figures come from the tally check at the end).

export interface ProgressFigures {
  /** Events on the votes topic (votes and injected bad events). */
  cast: number;
  counted: number;
  rejected: number;
}

export interface ProgressLine {
  /** Stops updating and leaves the last line on screen. */
  stop(): Promise<void>;
}

/**
 * One line on stderr, updated every second on a terminal and every 10 s otherwise, until stop().
 * @param night - the polling day's length and when it started (epoch ms), for the clock; omit
 * for a flat-rate run
 */
export function startProgressLine(config: LoadedConfig, night?: { startedAt: number; durationMs: number }): ProgressLine {
  const { topics } = config.env.kafka;
  const admin = createKafka(config, 'demo-progress').admin();
  const progress = stderrProgress(true);
  const connected = admin.connect();
  let previous: { at: number; counted: number } | undefined;
  let stopped = false;

  const endOffsetsSum = async (topic: string): Promise<number> =>
    (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);

  const tick = async (): Promise<void> => {
    await connected;
    const [cast, counted, rejected] = await Promise.all([topics.votes, topics.votesValid, topics.votesRejected].map(endOffsetsSum));
    const now = Date.now();
    const rate = previous ? ((counted! - previous.counted) * 1000) / Math.max(1, now - previous.at) : 0;
    previous = { at: now, counted: counted! };
    if (stopped) return;
    const clock = night ? (now - night.startedAt >= night.durationMs ? 'polls closed' : `polls open, ${pollingClock(now - night.startedAt, night.durationMs)}`) : undefined;
    progress.update(formatProgress({ cast: cast!, counted: counted!, rejected: rejected! }, rate, clock));
  };
  const interval = process.stderr.isTTY ? 1_000 : 10_000;
  const timer = setInterval(() => { tick().catch(() => undefined); }, interval);
  return {
    async stop() {
      clearInterval(timer);
      await tick().catch(() => undefined);
      stopped = true;
      progress.done();
      await connected.then(() => admin.disconnect()).catch(() => undefined);
    },
  };
}

/** "polls open, 19:30 │ 12,345 votes sent │ 12,300 counted (620/s) │ 3 rejected"; `clock` leads when given. */
export function formatProgress(figures: ProgressFigures, countedPerSecond: number, clock?: string): string {
  const n = (value: number): string => Math.round(value).toLocaleString('en-GB');
  return [
    clock,
    `${n(figures.cast)} votes sent`,
    `${n(figures.counted)} counted (${n(countedPerSecond)}/s)`,
    `${n(figures.rejected)} rejected`,
  ].filter(Boolean).join(' │ ');
}
