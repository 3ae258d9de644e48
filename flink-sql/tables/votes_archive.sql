-- The Postgres votes table: one row per voter (its primary key). The JDBC sink upserts on it
-- (INSERT ... ON CONFLICT DO UPDATE), so a replay rewrites rows instead of adding them. Rows go in
-- batches of up to 5000 (at most 1 s late; the page reads Kafka, not this table), which the
-- Postgres driver sends as multi-row INSERTs (reWriteBatchedInserts in the JDBC URL).
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
  'sink.buffer-flush.max-rows' = '5000',
  'sink.buffer-flush.interval' = '1s',
  'sink.max-retries' = '10'
);
