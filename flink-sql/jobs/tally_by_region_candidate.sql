-- tally_by_region_candidate: votes per region and candidate, so the page can show who leads where.
--
-- Why exact: one row per voter in (votes_valid is an upsert changelog), absolute counts keyed by
-- (region_id, candidate_id) out.

-- Mini-batch aggregation: counts change once per 200 ms batch instead of once per vote,
-- so the tally jobs do less work per vote and write one update per key per batch (same counts).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '200ms';
SET 'table.exec.mini-batch.size' = '5000';
INSERT INTO tally_by_region_candidate
SELECT
  region_id,
  candidate_id,
  MAX(candidate_name) AS candidate_name,
  MAX(party_id) AS party_id,
  COUNT(*) AS votes,
  MAX(cast_at) AS last_cast_at
FROM votes_valid
GROUP BY region_id, candidate_id;
