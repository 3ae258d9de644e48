-- Parse each raw event once (PARSE_VOTE) and name what is wrong with its form, before any lookup.
-- Order of reasons: oversized (longer than 4096 characters; PARSE_VOTE's oversized, and such a
-- payload is not parsed), then malformed (not one JSON object, or a field missing or of the wrong
-- JSON type: the three ids are strings, cast_at an integer; or a vote_id that is not 1 to 64 of
-- A-Z a-z 0-9 _ . : -, since it is written to Postgres and Kafka as it is: PARSE_VOTE's
-- vote_id_ok), then invalid_cast_at (a time no sink can store: before 2000-01-01 or from
-- 2100-01-01 on, epoch ms).
-- Nothing here can fail on content: a bad event is classified, never an error.
CREATE VIEW votes_parsed AS
SELECT
  kafka_partition,
  kafka_offset,
  kafka_timestamp,
  proc_time,
  payload,
  vote_id,
  voter_id,
  candidate_id,
  cast_at,
  CASE
    WHEN payload IS NULL THEN 'malformed'
    WHEN oversized THEN 'oversized'
    WHEN NOT is_object THEN 'malformed'
    WHEN vote_id IS NULL OR voter_id IS NULL OR candidate_id IS NULL OR cast_at IS NULL THEN 'malformed'
    WHEN NOT vote_id_ok THEN 'malformed'
    WHEN cast_at < 946684800000 OR cast_at >= 4102444800000 THEN 'invalid_cast_at'
    ELSE CAST(NULL AS STRING)
  END AS format_error
FROM (
  SELECT
    kafka_partition, kafka_offset, kafka_timestamp, proc_time, payload,
    e.vote.is_object AS is_object,
    e.vote.vote_id AS vote_id,
    e.vote.voter_id AS voter_id,
    e.vote.candidate_id AS candidate_id,
    e.vote.cast_at AS cast_at,
    e.vote.vote_id_ok AS vote_id_ok,
    e.vote.oversized AS oversized
  FROM (SELECT *, PARSE_VOTE(payload) AS vote FROM votes_raw) AS e
);
