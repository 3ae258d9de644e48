-- Check each well-formed event's voter against the register (VOTER_REGION: in memory, Postgres by
-- key on a miss) and its candidate against Postgres (a JDBC lookup join; a handful of rows, always
-- cached), and give it a reject_reason, or NULL for a well-formed vote by a registered voter for a
-- real candidate. The voter's region comes from the register, not from the event. Only a
-- UUID-shaped candidate_id is looked up (PARSE_VOTE's candidate_id_is_uuid): no string from an
-- event reaches a query that could refuse it (a NUL byte, say); any other is an unknown candidate.
--
-- Only ids travel on from here: names, colours, photos and registered voters are joined to the
-- tallies after counting (see jobs/count_votes.sql), once per changed tally row instead of once
-- per vote, so the per-voter rule moves and keeps small rows.
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
  c.party_id,
  p.region_id,
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
    CASE WHEN format_error IS NULL AND candidate_id_is_uuid THEN candidate_id END AS candidate_key
  FROM votes_parsed
) AS p
LEFT JOIN candidates_lookup FOR SYSTEM_TIME AS OF p.proc_time AS c
  ON p.candidate_key = c.candidate_id;
