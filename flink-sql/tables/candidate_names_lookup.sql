-- Candidate names by candidate_id (the Postgres view candidate_details), for the by-region tally.
-- Its own table, not candidates_lookup again: count_votes plans the parts its INSERTs share once,
-- found by their digest (see the job file), and a lookup table read by two INSERTs would become
-- such a shared part, which a lookup join cannot read ("Processing-time temporal join is not
-- supported yet").
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
