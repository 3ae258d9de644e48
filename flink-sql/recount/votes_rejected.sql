-- In the batch recount, votes_rejected is the rejection view over the raw log.
CREATE TEMPORARY VIEW votes_rejected AS
SELECT kafka_partition, kafka_offset, reason, payload, vote_id, voter_id, candidate_id
FROM votes_rejections;
