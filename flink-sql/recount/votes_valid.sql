-- In the batch recount, votes_valid is not the live topic but the validation views over the raw
-- log, so the tally jobs recount everything from scratch with the very same SQL.
CREATE TEMPORARY VIEW votes_valid AS
SELECT voter_id, vote_id, candidate_id, candidate_name, party_id, party_name, party_color,
       photo_url, region_id, region_name, registered_voters, cast_at
FROM votes_first;
