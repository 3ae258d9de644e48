-- Every rejected event with its reason, kept whole (payload). Keyed by the raw event's partition
-- and offset, so a replay rewrites the same key: each bad event is counted once.
CREATE TABLE votes_rejected (
  kafka_partition  INT,
  kafka_offset     BIGINT,
  reason           STRING,
  payload          STRING,
  vote_id          STRING,
  voter_id         STRING,
  candidate_id     STRING,
  PRIMARY KEY (kafka_partition, kafka_offset) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_votes_rejected}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'properties.group.id' = 'tally-votes-rejected',
  'key.format' = 'json',
  'value.format' = 'json'
);
