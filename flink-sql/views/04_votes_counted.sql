-- The counted votes: one per voter, as ids (the candidate's party and the voter's region
-- included). Insert-only.
CREATE VIEW votes_counted AS
SELECT voter_id, vote_id, candidate_id, party_id, region_id, cast_at
FROM votes_classified
WHERE reason IS NULL;
