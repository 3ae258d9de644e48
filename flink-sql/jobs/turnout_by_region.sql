-- turnout_by_region: counted votes over registered voters, per region (the original's turnout
-- by location). registered_voters comes from the Postgres register at validation time.
--
-- Why exact: one row per voter in, absolute counts keyed by region out; turnout is derived from
-- the count in the same row, so it can never disagree with it.

-- Mini-batch aggregation: counts change once per 200 ms batch instead of once per vote,
-- so the tally jobs do less work per vote and write one update per key per batch (same counts).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '200ms';
SET 'table.exec.mini-batch.size' = '5000';
INSERT INTO turnout_by_region
SELECT
  region_id,
  MAX(region_name) AS region_name,
  MAX(registered_voters) AS registered_voters,
  COUNT(*) AS votes,
  CAST(COUNT(*) AS DOUBLE) / CAST(NULLIF(MAX(registered_voters), 0) AS DOUBLE) AS turnout,
  MAX(cast_at) AS last_cast_at
FROM votes_valid
GROUP BY region_id;
