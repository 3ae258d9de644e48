-- count_votes: the whole count in one job, from one read of the votes topic.
--
-- What: every event on the votes topic lands in exactly one of the Postgres table votes (the
-- counted vote of each voter) or votes_rejected (with a reason), and the tallies count the
-- counted votes and the rejections. Each counted vote is written once, to Postgres: a Kafka copy
-- of it cost about 40% of the busiest thread (JSON encoding and producing), and nothing read it.
--
-- Why one job: the parse, the register check and the one-vote rule run once per event and feed
-- every output, and each output is an insert-only stream: the tallies are plain COUNT/MAX
-- aggregates holding one row per key (no changelog to normalise, nothing to retract), split into
-- a local and a global phase by the mini-batches below.
--
-- Why exact: the source offsets and the per-voter rule state are restored together from the last
-- checkpoint after a crash, and the events since are replayed in the same order per partition, so
-- each gets the same classification again. Every sink is keyed by what it counts (voter_id for a
-- counted vote, partition + offset for a rejection, the group key for a tally, with absolute
-- counts), so a replayed write rewrites a key with the value it had, and a tally read from Kafka
-- never goes down. The Postgres archive upserts on its primary key, voter_id.

-- Mini-batch aggregation: counts change once per 200 ms batch instead of once per vote, so the
-- tallies do little work per vote and write one update per key per batch (same counts).
SET 'table.exec.mini-batch.enabled' = 'true';
SET 'table.exec.mini-batch.allow-latency' = '200ms';
SET 'table.exec.mini-batch.size' = '5000';
-- Plan each view once for every INSERT that reads it (shared parts found by their digest): the
-- rule's output then goes to one Calc per view (votes_counted, votes_rejections), and only the
-- narrow counted rows fan out to the archive and the five tallies. Without it each of the eight
-- INSERTs gets its own Calc on the rule's whole row, and Flink copies that row (payload and all)
-- into every branch: about a third of the rule's thread. (The one cost: a lookup table read by
-- two INSERTs would be shared too, and a lookup join cannot read a shared part; hence
-- tables/candidate_names_lookup.sql beside candidates_lookup.)
SET 'table.optimizer.reuse-optimize-block-with-digest-enabled' = 'true';
-- Every upsert sink gets its rows through a shuffle on its primary key, in a task of its own: the
-- Postgres archive's batch flushes (a synchronous round trip of up to 5000 rows) then wait on the
-- archive's own thread, not on the one-vote rule's, which otherwise stood still while Postgres
-- wrote. Rows of one key still come from one upstream task, in order. (Added when the plan is
-- translated: EXPLAIN does not show it; the job graph has `Sink: votes_archive` as a vertex.)
-- Back to back, 1M votes drained: 34.5k -> 42.6k and 32.3k -> 35.8k events/s.
SET 'table.exec.sink.keyed-shuffle' = 'FORCE';
EXECUTE STATEMENT SET
BEGIN
  INSERT INTO votes_archive
  SELECT voter_id, vote_id, candidate_id, region_id, cast_at AS cast_at_ms
  FROM votes_counted;

  INSERT INTO votes_rejected
  SELECT kafka_partition, kafka_offset, reason, payload, payload_chars, payload_sha256, vote_id,
         voter_id, candidate_id
  FROM votes_rejections;

  -- The tallies count ids; the names, colours, photos and registered voters a tally row shows are
  -- joined after counting (a lookup join per changed row, not per vote). The lookup tables are
  -- keyed by the tally's key, so each tally stays keyed by its GROUP BY columns.
  INSERT INTO tally_by_candidate
  SELECT t.candidate_id, c.candidate_name, c.party_id, c.party_name, c.photo_url, t.votes,
         t.last_cast_at
  FROM (
    SELECT candidate_id, COUNT(*) AS votes, MAX(cast_at) AS last_cast_at, PROCTIME() AS proc_time
    FROM votes_counted
    GROUP BY candidate_id
  ) AS t
  LEFT JOIN candidates_lookup FOR SYSTEM_TIME AS OF t.proc_time AS c
    ON t.candidate_id = c.candidate_id;

  INSERT INTO tally_by_party
  SELECT t.party_id, p.name, p.color, t.votes, t.last_cast_at
  FROM (
    SELECT party_id, COUNT(*) AS votes, MAX(cast_at) AS last_cast_at, PROCTIME() AS proc_time
    FROM votes_counted
    GROUP BY party_id
  ) AS t
  LEFT JOIN parties_lookup FOR SYSTEM_TIME AS OF t.proc_time AS p
    ON t.party_id = p.party_id;

  INSERT INTO tally_by_region_candidate
  SELECT t.region_id, t.candidate_id, c.candidate_name, t.party_id, t.votes, t.last_cast_at
  FROM (
    SELECT region_id, candidate_id, MAX(party_id) AS party_id, COUNT(*) AS votes,
           MAX(cast_at) AS last_cast_at, PROCTIME() AS proc_time
    FROM votes_counted
    GROUP BY region_id, candidate_id
  ) AS t
  LEFT JOIN candidate_names_lookup FOR SYSTEM_TIME AS OF t.proc_time AS c
    ON t.candidate_id = c.candidate_id;

  -- Turnout: counted votes over the region's registered voters, read from the register when the
  -- row changes; derived from the count in the same row, so it can never disagree with it.
  INSERT INTO turnout_by_region
  SELECT t.region_id, r.name, r.registered_voters, t.votes,
         CAST(t.votes AS DOUBLE) / CAST(NULLIF(r.registered_voters, 0) AS DOUBLE) AS turnout,
         t.last_cast_at
  FROM (
    SELECT region_id, COUNT(*) AS votes, MAX(cast_at) AS last_cast_at, PROCTIME() AS proc_time
    FROM votes_counted
    GROUP BY region_id
  ) AS t
  LEFT JOIN regions_lookup FOR SYSTEM_TIME AS OF t.proc_time AS r
    ON t.region_id = r.region_id;

  -- Votes per 5 seconds of cast_at (fine enough for a night compressed into minutes; the page
  -- groups them into 20-60 bars): a plain GROUP BY on the bucket, not a window that closes, so a
  -- late vote still updates its bucket.
  INSERT INTO votes_per_minute
  SELECT cast_at - MOD(cast_at, 5000) AS minute_start, COUNT(*) AS votes, MAX(cast_at) AS last_cast_at
  FROM votes_counted
  GROUP BY cast_at - MOD(cast_at, 5000);

  INSERT INTO rejected_by_reason
  SELECT reason, COUNT(*) AS events
  FROM votes_rejections
  GROUP BY reason;
END;
