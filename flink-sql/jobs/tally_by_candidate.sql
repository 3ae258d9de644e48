-- tally_by_candidate: votes per candidate, with name, party and photo for the page.
--
-- Why exact: votes_valid holds one row per voter (upsert topic); Flink reads it as a changelog,
-- so a rewritten key replaces its old row instead of adding one. The counts are state restored
-- from checkpoints, and the sink receives absolute counts keyed by candidate_id: delivering one
-- twice after a restart writes the same value again.

-- Mini-batch aggregation: counts change once per 200 ms batch instead of once per vote,
-- so the tally jobs do less work per vote and write one update per key per batch (same counts).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '200ms';
SET 'table.exec.mini-batch.size' = '5000';
INSERT INTO tally_by_candidate
SELECT
  candidate_id,
  MAX(candidate_name) AS candidate_name,
  MAX(party_id) AS party_id,
  MAX(party_name) AS party_name,
  MAX(photo_url) AS photo_url,
  COUNT(*) AS votes,
  MAX(cast_at) AS last_cast_at
FROM votes_valid
GROUP BY candidate_id;
