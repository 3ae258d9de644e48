-- The voter register in Postgres, read by key (lookup join). Missing keys are not cached, so a
-- voter registered late is found on the next event.
CREATE TABLE voters_lookup (
  voter_id   STRING,
  region_id  STRING,
  PRIMARY KEY (voter_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc_url}',
  'table-name' = 'voters',
  'username' = '${jdbc_username}',
  'password' = '${jdbc_password}',
  'lookup.cache' = 'PARTIAL',
  'lookup.partial-cache.max-rows' = '500000',
  'lookup.partial-cache.expire-after-write' = '1h',
  'lookup.partial-cache.cache-missing-key' = 'false',
  'lookup.max-retries' = '10'
);
