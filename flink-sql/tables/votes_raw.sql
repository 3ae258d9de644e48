-- Every event on the votes topic, as raw text: nothing is parsed here, so nothing can be dropped
-- by a deserialiser. Partition and offset identify an event exactly (the rejected-votes key).
CREATE TABLE votes_raw (
  payload          STRING,
  kafka_partition  INT     METADATA FROM 'partition' VIRTUAL,
  kafka_offset     BIGINT  METADATA FROM 'offset' VIRTUAL,
  proc_time AS PROCTIME()
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic_votes}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'properties.group.id' = 'tally-validate-votes',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'raw',
  'raw.charset' = 'UTF-8'
);
