-- Turnout per region: counted votes over registered voters.
-- Absolute counts keyed by (region_id): at-least-once delivery of an absolute value is harmless.
CREATE TABLE turnout_by_region (
  region_id          STRING,
  region_name        STRING,
  registered_voters  INT,
  votes              BIGINT,
  turnout            DOUBLE,
  last_cast_at       BIGINT,
  PRIMARY KEY (region_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_turnout_by_region}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
