-- Regions with their registered-voter counts (set when registration finishes), read by key.
CREATE TABLE regions_lookup (
  region_id          STRING,
  name               STRING,
  registered_voters  INT,
  PRIMARY KEY (region_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc_url}',
  'table-name' = 'regions',
  'username' = '${jdbc_username}',
  'password' = '${jdbc_password}',
  'lookup.cache' = 'PARTIAL',
  'lookup.partial-cache.max-rows' = '1000',
  'lookup.partial-cache.expire-after-write' = '1min',
  'lookup.partial-cache.cache-missing-key' = 'false',
  'lookup.max-retries' = '10'
);
