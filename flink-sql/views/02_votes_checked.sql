-- Check each well-formed event's voter against the register (VOTER_REGION) and its candidate
-- against the candidates (CANDIDATE_PARTY), both held in memory and asked of Postgres by key on a
-- miss, and give it a reject_reason, or NULL for a well-formed vote by a registered voter for a
-- real candidate. The voter's region and the candidate's party come from the register, not from
-- the event. Only UUID-shaped ids are looked up (the functions test the shape first): no string
-- from an event reaches a query that could refuse it (a NUL byte, say); any other is unknown.
--
-- Only ids travel on from here: names, colours, photos and registered voters are joined to the
-- tallies after counting (see jobs/count_votes.sql), once per changed tally row instead of once
-- per vote, so the per-voter rule moves and keeps small rows.
CREATE VIEW votes_checked AS
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
  party_id,
  region_id,
  CASE
    WHEN format_error IS NOT NULL THEN format_error
    WHEN region_id IS NULL THEN 'unknown_voter'
    WHEN party_id IS NULL THEN 'unknown_candidate'
    ELSE CAST(NULL AS STRING)
  END AS reject_reason
FROM (
  SELECT
    *,
    CASE WHEN format_error IS NULL
      THEN VOTER_REGION(voter_id, '${jdbc_url}', '${jdbc_username}', '${jdbc_password}')
    END AS region_id,
    CASE WHEN format_error IS NULL
      THEN CANDIDATE_PARTY(candidate_id, '${jdbc_url}', '${jdbc_username}', '${jdbc_password}')
    END AS party_id
  FROM votes_parsed
);
