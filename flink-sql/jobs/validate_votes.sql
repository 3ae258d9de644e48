-- validate_votes: split the raw vote log into counted votes and rejected events.
--
-- What: every event on the votes topic lands in exactly one of votes_valid (the first valid vote
-- of each voter, enriched with candidate, party and region) or votes_rejected (with a reason).
-- Why exact: both sinks are upsert topics keyed by the event's identity (voter_id for the counted
-- vote, partition + offset for a rejection). After a crash Flink restores the source offsets and
-- the ranking state from the last checkpoint and replays from there; replayed events produce
-- the same keys with the same values, so nothing is lost and nothing is counted twice.
EXECUTE STATEMENT SET
BEGIN
  INSERT INTO votes_valid
  SELECT voter_id, vote_id, candidate_id, candidate_name, party_id, party_name, party_color,
         photo_url, region_id, region_name, registered_voters, cast_at
  FROM votes_first;

  INSERT INTO votes_rejected
  SELECT kafka_partition, kafka_offset, reason, payload, vote_id, voter_id, candidate_id
  FROM votes_rejections;
END;
