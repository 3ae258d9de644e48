-- Everything that does not count, with its reason. Together with votes_counted this accounts for
-- every event on the log exactly once. What is kept of an event is bounded whatever the broker
-- accepted: the first 1000 characters of its payload, its length and its SHA-256; ids longer than
-- 200 characters are cut (no id Tally issues is longer than 36).
CREATE VIEW votes_rejections AS
SELECT
  kafka_partition,
  kafka_offset,
  reason,
  SUBSTRING(payload, 1, 1000) AS payload,
  CHAR_LENGTH(payload) AS payload_chars,
  SHA256(payload) AS payload_sha256,
  SUBSTRING(vote_id, 1, 200) AS vote_id,
  SUBSTRING(voter_id, 1, 200) AS voter_id,
  SUBSTRING(candidate_id, 1, 200) AS candidate_id
FROM votes_classified
WHERE reason IS NOT NULL;
