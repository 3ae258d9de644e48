-- Counted votes per minute of cast_at (epoch ms of the minute's start).
-- Absolute counts keyed by (minute_start): at-least-once delivery of an absolute value is harmless.
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
