// The polling day's clock, shared by the simulator's progress line and the results page: polls are
// open 07:00-22:00, and a night compressed into minutes runs the same clock, so "14:30" means
// halfway through the day whatever the night's real length.

export const POLLS_OPEN_HOUR = 7;
export const POLLS_CLOSE_HOUR = 22;
/**
 * The width of the count's time buckets of cast_at, ms: votes_per_minute groups by
 * `cast_at - MOD(cast_at, 5000)` (flink-sql/jobs/count_votes.sql).
 */
export const VOTE_BUCKET_MS = 5_000;
/** The polling day's length on its own clock (07:00 to 22:00), ms. */
export const POLLING_DAY_MS = (POLLS_CLOSE_HOUR - POLLS_OPEN_HOUR) * 3_600_000;

/**
 * The polling-day clock at `elapsedMs` of a night lasting `durationMs` (> 0): "07:00" at 0 to
 * "22:00" at the end, clamped to that range, rounded to the minute.
 */
export function pollingClock(elapsedMs: number, durationMs: number): string {
  const openMinutes = POLLING_DAY_MS / 60_000;
  const minutes = Math.round(POLLS_OPEN_HOUR * 60 + Math.min(Math.max(elapsedMs / durationMs, 0), 1) * openMinutes);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
