-- Every event on the votes topic, as raw text: nothing is parsed here, so nothing can be dropped
-- by a deserialiser. Partition and offset identify an event exactly (the rejected-votes key); the
-- Kafka timestamp orders the log in the batch recount. Only committed records are read: a vote of
-- an aborted transaction is never seen, as Kafka's read_committed consumers never see it.
CREATE TABLE votes_raw (
  payload          STRING,
  kafka_partition  INT     METADATA FROM 'partition' VIRTUAL,
  kafka_offset     BIGINT  METADATA FROM 'offset' VIRTUAL,
  kafka_timestamp  TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  proc_time AS PROCTIME()
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic_votes}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'properties.group.id' = 'tally-count-votes',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'raw',
  'raw.charset' = 'UTF-8'
);
