-- Counted votes per 5-second bucket of cast_at (minute_start: epoch ms of the bucket's start; the
-- name is kept from when buckets were minutes). Absolute counts keyed by (minute_start):
-- at-least-once delivery of an absolute value is harmless.
CREATE TABLE votes_per_minute (
  minute_start  BIGINT,
  votes         BIGINT,
  last_cast_at  BIGINT,
  PRIMARY KEY (minute_start) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_votes_per_minute}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
