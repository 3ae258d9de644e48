-- Parse each raw event and name what is wrong with its form, before any lookup.
-- Order of reasons: oversized, then malformed (not a JSON object, or a field missing / of the
-- wrong type). JSON_VALUE returns NULL on anything it cannot read, so a bad event never fails
-- the job: it is classified.
CREATE VIEW votes_parsed AS
SELECT
  kafka_partition,
  kafka_offset,
  proc_time,
  payload,
  vote_id,
  voter_id,
  candidate_id,
  cast_at,
  CASE
    WHEN payload IS NULL THEN 'malformed'
    WHEN CHAR_LENGTH(payload) > 4096 THEN 'oversized'
    WHEN NOT (payload IS JSON OBJECT) THEN 'malformed'
    WHEN vote_id IS NULL OR voter_id IS NULL OR candidate_id IS NULL OR cast_at IS NULL THEN 'malformed'
    ELSE CAST(NULL AS STRING)
  END AS format_error
FROM (
  SELECT
    kafka_partition,
    kafka_offset,
    proc_time,
    payload,
    JSON_VALUE(payload, '$.vote_id' NULL ON ERROR) AS vote_id,
    JSON_VALUE(payload, '$.voter_id' NULL ON ERROR) AS voter_id,
    JSON_VALUE(payload, '$.candidate_id' NULL ON ERROR) AS candidate_id,
    TRY_CAST(JSON_VALUE(payload, '$.cast_at' NULL ON ERROR) AS BIGINT) AS cast_at
  FROM votes_raw
);
