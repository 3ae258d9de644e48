-- Candidate names by candidate_id (the Postgres table candidates), for the by-region tally.
-- Its own table, not candidates_lookup again: the job's five tallies share one aggregation
-- (views/06_votes_tallied.sql), which the planner keeps whole only when it plans shared parts by
-- their digest, and then a lookup table read by two INSERTs would become a shared part too, which
-- a lookup join cannot read.
CREATE TABLE candidate_names_lookup (
  candidate_id    STRING,
  candidate_name  STRING,
  PRIMARY KEY (candidate_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc_url}',
  'table-name' = 'candidate_details',
  'username' = '${jdbc_username}',
  'password' = '${jdbc_password}',
  'lookup.cache' = 'PARTIAL',
  'lookup.partial-cache.max-rows' = '10000',
  'lookup.partial-cache.expire-after-write' = '1h',
  'lookup.partial-cache.cache-missing-key' = 'false',
  'lookup.max-retries' = '10'
);
