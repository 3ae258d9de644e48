-- The counted vote of each voter: a compacted topic keyed by voter_id, written once per voter. A
-- replay after a restart rewrites the same key with the same row, so a voter is never counted
-- twice. Only the vote itself: names, parties and colours are in the tallies and the register.
CREATE TABLE votes_valid (
  voter_id      STRING,
  vote_id       STRING,
  candidate_id  STRING,
  region_id     STRING,
  cast_at       BIGINT,
  PRIMARY KEY (voter_id) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = '${topic_votes_valid}',
  'properties.bootstrap.servers' = '${kafka_bootstrap_servers}',
  'key.format' = 'json',
  'value.format' = 'json'
);
