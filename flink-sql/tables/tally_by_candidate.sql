-- Votes per candidate, with name, party and photo (the page's bars, donut and leader).
-- Absolute counts keyed by (candidate_id): at-least-once delivery of an absolute value is harmless.
CREATE TABLE tally_by_candidate (
  candidate_id    STRING,
  candidate_name  STRING,
  party_id        STRING,
  party_name      STRING,
  photo_url       STRING,
  votes           BIGINT,
  last_cast_at    BIGINT,
  PRIMARY KEY (candidate_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_tally_by_candidate}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
