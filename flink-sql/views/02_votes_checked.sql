-- Check each well-formed event's voter against the register (VOTER_REGION: in memory, Postgres by
-- key on a miss) and its candidate and region against Postgres (JDBC lookup joins; a handful of
-- rows, always cached), and give it a reject_reason, or NULL for a well-formed vote by a
-- registered voter for a real candidate. The voter's region comes from the register, not from the
-- event. Only a UUID-shaped candidate_id is looked up: no string from an event reaches a query
-- that could refuse it (a NUL byte, say); any other is an unknown candidate.
CREATE VIEW votes_checked AS
SELECT
  p.kafka_partition,
  p.kafka_offset,
  p.kafka_timestamp,
  p.proc_time,
  p.payload,
  p.vote_id,
  p.voter_id,
  p.candidate_id,
  p.cast_at,
  c.candidate_name,
  c.party_id,
  c.party_name,
  c.party_color,
  c.photo_url,
  p.region_id,
  r.name AS region_name,
  r.registered_voters,
  CASE
    WHEN p.format_error IS NOT NULL THEN p.format_error
    WHEN p.region_id IS NULL THEN 'unknown_voter'
    WHEN c.candidate_id IS NULL THEN 'unknown_candidate'
    ELSE CAST(NULL AS STRING)
  END AS reject_reason
FROM (
  SELECT
    *,
    CASE WHEN format_error IS NULL
      THEN VOTER_REGION(voter_id, '${jdbc_url}', '${jdbc_username}', '${jdbc_password}')
    END AS region_id,
    CASE WHEN format_error IS NULL
      AND REGEXP(candidate_id, '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
      THEN candidate_id
    END AS candidate_key
  FROM votes_parsed
) AS p
LEFT JOIN candidates_lookup FOR SYSTEM_TIME AS OF p.proc_time AS c
  ON p.candidate_key = c.candidate_id
LEFT JOIN regions_lookup FOR SYSTEM_TIME AS OF p.proc_time AS r
  ON p.region_id = r.region_id;
