-- Candidates with their party (the Postgres view candidate_details), read by key.
CREATE TABLE candidates_lookup (
  candidate_id    STRING,
  candidate_name  STRING,
  party_id        STRING,
  party_name      STRING,
  party_color     STRING,
  photo_url       STRING,
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
