-- Every rejected event with its reason. Keyed by the raw event's partition and offset, so a replay
-- rewrites the same key: each bad event is counted once. What is kept is bounded (see the view
-- votes_rejections): the largest record this sink writes is a few kilobytes, whatever the event.
CREATE TABLE votes_rejected (
  kafka_partition  INT,
  kafka_offset     BIGINT,
  reason           STRING,
  payload          STRING,
  payload_chars    INT,
  payload_sha256   STRING,
  vote_id          STRING,
  voter_id         STRING,
  candidate_id     STRING,
  PRIMARY KEY (kafka_partition, kafka_offset) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_votes_rejected}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
