-- Votes per region and candidate (who leads where).
-- Absolute counts keyed by (region_id, candidate_id): at-least-once delivery of an absolute value is harmless.
CREATE TABLE tally_by_region_candidate (
  region_id       STRING,
  candidate_id    STRING,
  candidate_name  STRING,
  party_id        STRING,
  votes           BIGINT,
  last_cast_at    BIGINT,
  PRIMARY KEY (region_id, candidate_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_tally_by_region}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
