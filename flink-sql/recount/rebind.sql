-- The recount's rebinding: what differs from the live job when `tally recount` reruns the count.
--
-- The recount runs, in Flink's batch mode, the very INSERT statements of the live job (read from
-- jobs/*.sql at run time, never copied here) over the same views/ and tables/. Only the ends are
-- rebound, in the recount's own session (the live job's tables are not touched):
--   * the source reads the votes log up to the end offsets of the moment the recount starts, so
--     the batch job has an end, with its own consumer group;
--   * every tally sink writes to a throw-away topic of this run (created before, deleted after),
--     which Tally reads back and compares with the live tally topic and with Postgres.
-- The one-vote rule orders each voter's events by the log (`${vote_order}` is
-- kafka_timestamp, kafka_partition, kafka_offset here, proc_time in the live job).
--
-- Variables of the recount, besides those of every file:
--   ${recount_run_id}       this run's id (milliseconds since 1970): names its topics and job
--   ${recount_end_offsets}  where the log ends now, per partition: partition:0,offset:1234;partition:1,offset:987
--
-- Every tally an INSERT of jobs/ writes must be rebound here, or `tally recount` refuses to start
-- (it would write into the live tally).

ALTER TABLE votes_raw SET (
  'scan.bounded.mode' = 'specific-offsets',
  'scan.bounded.specific-offsets' = '${recount_end_offsets}',
  'properties.group.id' = 'tally-recount-${recount_run_id}'
);

ALTER TABLE tally_by_candidate SET ('topic' = '${topic_tally_by_candidate}_recount_${recount_run_id}');
ALTER TABLE tally_by_party SET ('topic' = '${topic_tally_by_party}_recount_${recount_run_id}');
ALTER TABLE tally_by_region_candidate SET ('topic' = '${topic_tally_by_region}_recount_${recount_run_id}');
ALTER TABLE turnout_by_region SET ('topic' = '${topic_turnout_by_region}_recount_${recount_run_id}');
ALTER TABLE votes_per_minute SET ('topic' = '${topic_votes_per_minute}_recount_${recount_run_id}');
ALTER TABLE rejected_by_reason SET ('topic' = '${topic_rejected_by_reason}_recount_${recount_run_id}');

SET 'pipeline.name' = 'tally:recount:${recount_run_id}';
