-- votes_per_minute: counted votes per minute of cast_at, for the page's votes-over-time chart.
--
-- Why exact: a plain GROUP BY on the minute (not a window that closes), so a late vote still
-- updates its minute; absolute counts keyed by minute_start.

-- Mini-batch aggregation: counts change once per 200 ms batch instead of once per vote,
-- so the tally jobs do less work per vote and write one update per key per batch (same counts).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '200ms';
SET 'table.exec.mini-batch.size' = '5000';
INSERT INTO votes_per_minute
SELECT
  cast_at - MOD(cast_at, 60000) AS minute_start,
  COUNT(*) AS votes,
  MAX(cast_at) AS last_cast_at
FROM votes_valid
GROUP BY cast_at - MOD(cast_at, 60000);
