-- tally_by_party: votes per party.
--
-- Why exact: as tally_by_candidate — one row per voter in, absolute counts keyed by party out.
INSERT INTO tally_by_party
SELECT
  party_id,
  MAX(party_name) AS party_name,
  MAX(party_color) AS color,
  COUNT(*) AS votes,
  MAX(cast_at) AS last_cast_at
FROM votes_valid
GROUP BY party_id;
