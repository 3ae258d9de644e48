-- The counted votes: one per voter, enriched with candidate, party and region. Insert-only.
CREATE VIEW votes_counted AS
SELECT
  voter_id, vote_id, candidate_id, candidate_name, party_id, party_name, party_color, photo_url,
  region_id, region_name, registered_voters, cast_at
FROM votes_classified
WHERE reason IS NULL;
