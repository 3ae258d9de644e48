import type pg from 'pg';

// The polling_day row (schema.sql): the page reads it to tell "polls open, no vote for a moment"
// from "polls closed, no new votes", which only the simulator knows.

/**
 * Records that the polls opened at `openedAtMs` and are due to close at `closesAtMs` (epoch ms),
 * replacing an earlier night's row.
 * @throws pg errors when Postgres cannot be reached
 */
export async function recordPollsOpen(pool: pg.Pool, openedAtMs: number, closesAtMs: number): Promise<void> {
  await pool.query(
    `INSERT INTO polling_day (one, opened_at_ms, closes_at_ms, closed_at_ms) VALUES (TRUE, $1, $2, NULL)
     ON CONFLICT (one) DO UPDATE SET opened_at_ms = EXCLUDED.opened_at_ms, closes_at_ms = EXCLUDED.closes_at_ms, closed_at_ms = NULL`,
    [openedAtMs, closesAtMs],
  );
}

/**
 * Records that the last planned vote was cast at `closedAtMs` (epoch ms).
 * @throws pg errors when Postgres cannot be reached
 */
export async function recordPollsClosed(pool: pg.Pool, closedAtMs: number): Promise<void> {
  await pool.query('UPDATE polling_day SET closed_at_ms = $1', [closedAtMs]);
}
