-- Look each event's voter, candidate and region up in Postgres (JDBC lookup joins) and give it
-- a reject_reason, or NULL when it is a well-formed vote by a registered voter for a real
-- candidate. The voter's region comes from the register, not from the event.
CREATE VIEW votes_checked AS
SELECT
  p.kafka_partition,
  p.kafka_offset,
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
  v.region_id,
  r.name AS region_name,
  r.registered_voters,
  CASE
    WHEN p.format_error IS NOT NULL THEN p.format_error
    WHEN v.voter_id IS NULL THEN 'unknown_voter'
    WHEN c.candidate_id IS NULL THEN 'unknown_candidate'
    ELSE CAST(NULL AS STRING)
  END AS reject_reason
FROM votes_parsed AS p
LEFT JOIN voters_lookup FOR SYSTEM_TIME AS OF p.proc_time AS v
  ON p.voter_id = v.voter_id
LEFT JOIN candidates_lookup FOR SYSTEM_TIME AS OF p.proc_time AS c
  ON p.candidate_id = c.candidate_id
LEFT JOIN regions_lookup FOR SYSTEM_TIME AS OF p.proc_time AS r
  ON v.region_id = r.region_id;
