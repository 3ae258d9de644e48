-- Rejected events per reason.
-- Absolute counts keyed by (reason): at-least-once delivery of an absolute value is harmless.
CREATE TABLE rejected_by_reason (
  reason  STRING,
  events  BIGINT,
  PRIMARY KEY (reason) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_rejected_by_reason}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
