-- The rule "one vote per voter", insert-only: of a voter's valid votes the first one processed
-- counts, and every later event of that voter is rejected (duplicate_delivery when it carries the
-- counted vote's own vote_id, duplicate_vote otherwise), whatever its key or partition.
--
-- How: an OVER aggregate per voter (ROWS UNBOUNDED PRECEDING) emits, for each event, the voter's
-- number of valid events so far and the first one's vote_id. It never retracts, so a counted vote
-- stays counted and no tally downstream can go down. Its state is one accumulator per voter
-- (a count and a vote_id), not a row per vote; events already rejected share one key ('').
-- Never put a state TTL on this job: a forgotten voter could vote again.
--
-- Order: streaming orders by processing time (${vote_order} = proc_time), which is the log's order
-- for each partition; the batch recount orders by the log (Kafka timestamp, partition, offset).
-- The two agree whenever a voter's events sit in one partition (votes are keyed by voter_id) or
-- were written far enough apart to be processed in the order they were written.
CREATE VIEW votes_classified AS
SELECT
  kafka_partition, kafka_offset, payload, vote_id, voter_id, candidate_id, cast_at, party_id,
  region_id,
  CASE
    WHEN reject_reason IS NOT NULL THEN reject_reason
    WHEN valid_events = 1 THEN CAST(NULL AS STRING)
    WHEN vote_id = counted_vote_id THEN 'duplicate_delivery'
    ELSE 'duplicate_vote'
  END AS reason
FROM (
  SELECT
    *,
    COUNT(*) OVER voter_log AS valid_events,
    FIRST_VALUE(vote_id) OVER voter_log AS counted_vote_id
  FROM (
    SELECT *, CASE WHEN reject_reason IS NULL THEN voter_id ELSE '' END AS rule_key
    FROM votes_checked
  )
  WINDOW voter_log AS (PARTITION BY rule_key ORDER BY ${vote_order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
);
