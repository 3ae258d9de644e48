-- The Postgres votes table: one row per voter (its primary key). The JDBC sink upserts on it
-- (INSERT ... ON CONFLICT DO UPDATE), so a replay rewrites rows instead of adding them.
CREATE TABLE votes_archive (
  voter_id      STRING,
  vote_id       STRING,
  candidate_id  STRING,
  region_id     STRING,
  cast_at_ms    BIGINT,
  PRIMARY KEY (voter_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = '${jdbc_url}',
  'table-name' = 'votes',
  'username' = '${jdbc_username}',
  'password' = '${jdbc_password}',
  'sink.buffer-flush.max-rows' = '500',
  'sink.buffer-flush.interval' = '200ms',
  'sink.max-retries' = '10'
);
