-- tally_by_party: votes per party.
--
-- Why exact: as tally_by_candidate — one row per voter in, absolute counts keyed by party out.

-- Mini-batch aggregation: counts change once per 200 ms batch instead of once per vote,
-- so the tally jobs do less work per vote and write one update per key per batch (same counts).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '200ms';
SET 'table.exec.mini-batch.size' = '5000';
INSERT INTO tally_by_party
SELECT
  party_id,
  MAX(party_name) AS party_name,
  MAX(party_color) AS color,
  COUNT(*) AS votes,
  MAX(cast_at) AS last_cast_at
FROM votes_valid
GROUP BY party_id;
