import type { QualityCheck, QualityReport } from '../../ui/index.ts';

// When the results page runs `tally check` again. A report describes the data as it was when its
// run began; while votes arrive, the data moves on at once. A fixed 30 s cache therefore showed
// the checks of an empty election for up to 30 s after voting began. A short pause fixes that, but
// `tally check` reads whole topics and scans the votes table: two runs must never overlap, and on
// a large election one run takes seconds. So one run at a time, and the next one no sooner than
// `minGapMs` (5 s) after the last one ended, or nine times as long as that run took if that is
// longer: a small election is checked every 5 s or so, and however large it grows, the checks
// keep Kafka and Postgres busy a tenth of the time at most (on a laptop the page shares two cores
// with the count it checks; a 1M-vote election's run takes seconds, so it is checked about once
// a minute). The page shows when the checks it shows ran, so a reader can tell a report's age.

export interface CheckScheduleOptions {
  /** The shortest pause between the end of one run and the start of the next, in ms. Defaults to 5_000. */
  minGapMs?: number;
  /** The pause is at least this many times as long as the last run took. Defaults to 9. */
  gapPerRunTime?: number;
  /** The clock, epoch ms. Defaults to Date.now. */
  now?: () => number;
}

/**
 * Runs `run` on demand, at most one run at a time and no sooner than the pause after the last
 * one (see the comment above).
 * @param run - the checks; a rejection stands for "cannot tell"
 * @returns the newest report: while a run is in flight, that run's report (every caller shares the
 *   one run); during the pause, the last report; otherwise the report of a new run. A report's
 *   checkedAt is when its run began (epoch ms). Null when the last run failed. Never rejects.
 */
export function scheduleChecks(run: () => Promise<QualityCheck[]>, options: CheckScheduleOptions = {}): () => Promise<QualityReport | null> {
  const { minGapMs = 5_000, gapPerRunTime = 9, now = Date.now } = options;
  let last: { report: QualityReport | null; nextRunAt: number } | undefined;
  let running: Promise<QualityReport | null> | undefined;
  return async () => {
    if (running) return running;
    if (last && now() < last.nextRunAt) return last.report;
    const startedAt = now();
    running = run()
      .then((checks): QualityReport | null => ({ checkedAt: startedAt, checks }), () => null)
      .then((report) => {
        const endedAt = now();
        last = { report, nextRunAt: endedAt + Math.max(minGapMs, gapPerRunTime * (endedAt - startedAt)) };
        running = undefined;
        return report;
      });
    return running;
  };
}
