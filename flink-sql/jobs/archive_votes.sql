-- archive_votes: copy each counted vote into the Postgres votes table (one row per voter).
--
-- Why exact: the JDBC sink upserts on voter_id, the table's primary key, so a replay after a
-- restart rewrites the same rows.
INSERT INTO votes_archive
SELECT voter_id, vote_id, candidate_id, region_id, cast_at AS cast_at_ms
FROM votes_valid;
