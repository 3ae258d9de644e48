-- Votes per party.
-- Absolute counts keyed by (party_id): at-least-once delivery of an absolute value is harmless.
CREATE TABLE tally_by_party (
  party_id      STRING,
  party_name    STRING,
  color         STRING,
  votes         BIGINT,
  last_cast_at  BIGINT,
  PRIMARY KEY (party_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_tally_by_party}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
