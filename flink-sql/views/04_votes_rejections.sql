-- Everything that does not count, with its reason: the events rejected on form or lookup, and
-- every later vote by a voter who already has a counted one. A later event with the counted
-- vote's own vote_id is a redelivery (duplicate_delivery); any other is a second vote
-- (duplicate_vote). Together with votes_first this accounts for every event on the log once.
CREATE VIEW votes_rejections AS
SELECT kafka_partition, kafka_offset, reject_reason AS reason, payload, vote_id, voter_id, candidate_id
FROM votes_checked
WHERE reject_reason IS NOT NULL
UNION ALL
SELECT
  c.kafka_partition,
  c.kafka_offset,
  CASE WHEN c.vote_id = f.vote_id THEN 'duplicate_delivery' ELSE 'duplicate_vote' END AS reason,
  c.payload,
  c.vote_id,
  c.voter_id,
  c.candidate_id
FROM votes_checked AS c
JOIN votes_first AS f
  ON c.voter_id = f.voter_id
WHERE c.reject_reason IS NULL
  AND (c.kafka_partition <> f.kafka_partition OR c.kafka_offset <> f.kafka_offset);
