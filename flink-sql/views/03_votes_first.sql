-- The rule "one vote per voter": of a voter's well-formed, known votes, the first one on the log
-- counts. Votes are keyed by voter_id, so all of a voter's events sit in one partition and the
-- offset orders them; the same order holds in streaming and in the batch recount.
CREATE VIEW votes_first AS
SELECT
  kafka_partition, kafka_offset, vote_id, voter_id, candidate_id, candidate_name, party_id,
  party_name, party_color, photo_url, region_id, region_name, registered_voters, cast_at
FROM (
  SELECT
    *,
    ROW_NUMBER() OVER (PARTITION BY voter_id ORDER BY kafka_partition, kafka_offset) AS vote_rank
  FROM votes_checked
  WHERE reject_reason IS NULL
)
WHERE vote_rank = 1;
