-- Tally's own functions, compiled from flink-udf/ into tally-udf.jar (on the local stack's Flink
-- classpath; on a cluster, put the jar in Flink's lib/ as the compose file does).
--   PARSE_VOTE(payload)  one streaming JSON parse per event: is_object, vote_id, voter_id,
--                        candidate_id, cast_at (NULL where absent or of the wrong JSON type).
--   VOTER_REGION(voter_id, jdbc_url, username, password)  the registered voter's region_id, or
--                        NULL: the register held in memory (about 40 B per voter, never in state),
--                        Postgres asked by key for a voter registered after it was read.
--   CANDIDATE_PARTY(candidate_id, jdbc_url, username, password)  the candidate's party_id, or
--                        NULL, held in memory the same way.
CREATE TEMPORARY SYSTEM FUNCTION parse_vote AS 'dev.tally.udf.ParseVote' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION voter_region AS 'dev.tally.udf.VoterRegion' LANGUAGE JAVA;
CREATE TEMPORARY SYSTEM FUNCTION candidate_party AS 'dev.tally.udf.CandidateParty' LANGUAGE JAVA;
