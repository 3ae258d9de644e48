import type pg from 'pg';
import type { KafkaSettings } from '../../shared/config/settings.ts';
import type { Topics } from '../../shared/config/schema.ts';
import { readTopicSnapshot } from '../kafka/snapshot.ts';
import { countsByKey } from './compare.ts';

// Each tally, as (a) read back from its topic and (b) computed in Postgres from the votes table.
// The same description serves `tally check`, `tally recount` and `tally demo --until-done`.

export interface TallyDefinition {
  name: string;
  topic: keyof Topics;
  keyColumns: string[];
  countColumn: string;
  /** The same count from the Postgres votes archive; undefined where Postgres has no such data. */
  postgresSql?: string;
}

export const TALLIES: TallyDefinition[] = [
  {
    name: 'tally_by_candidate', topic: 'tallyByCandidate', keyColumns: ['candidate_id'], countColumn: 'votes',
    postgresSql: 'SELECT candidate_id, count(*)::int AS votes FROM votes GROUP BY candidate_id',
  },
  {
    name: 'tally_by_party', topic: 'tallyByParty', keyColumns: ['party_id'], countColumn: 'votes',
    postgresSql: 'SELECT c.party_id, count(*)::int AS votes FROM votes v JOIN candidates c ON c.candidate_id = v.candidate_id GROUP BY c.party_id',
  },
  {
    name: 'tally_by_region_candidate', topic: 'tallyByRegion', keyColumns: ['region_id', 'candidate_id'], countColumn: 'votes',
    postgresSql: 'SELECT region_id, candidate_id, count(*)::int AS votes FROM votes GROUP BY region_id, candidate_id',
  },
  {
    name: 'turnout_by_region', topic: 'turnoutByRegion', keyColumns: ['region_id'], countColumn: 'votes',
    postgresSql: 'SELECT region_id, count(*)::int AS votes FROM votes GROUP BY region_id',
  },
  {
    name: 'votes_per_minute', topic: 'votesPerMinute', keyColumns: ['minute_start'], countColumn: 'votes',
    // The count job's 5-second buckets (flink-sql/jobs/count_votes.sql).
    postgresSql: 'SELECT (cast_at_ms - cast_at_ms % 5000) AS minute_start, count(*)::int AS votes FROM votes GROUP BY 1',
  },
  { name: 'rejected_by_reason', topic: 'rejectedByReason', keyColumns: ['reason'], countColumn: 'events' },
];

export type Counts = Map<string, number>;

/**
 * A tally's counts by key as its compacted topic holds them now (see readTopicSnapshot).
 * @param kafka - brokers, clientId and the topic names (see kafkaSettings)
 * @param tally - which tally: its topic, key columns and count column
 * @param topicName - another topic of the same shape to read (the recount's). Defaults to the tally's topic
 * @throws SnapshotTimeoutError when the read stalls; kafkajs errors when Kafka is unreachable
 */
export async function tallyFromTopic(kafka: KafkaSettings, tally: TallyDefinition, topicName?: string): Promise<Counts> {
  const snapshot = await readTopicSnapshot(kafka, topicName ?? kafka.topics[tally.topic]);
  return countsByKey(snapshot.rows.values() as Iterable<Record<string, unknown>>, tally.keyColumns, tally.countColumn);
}

/**
 * The same tally counted in Postgres from the votes archive (tally.postgresSql), keyed like its
 * topic, or undefined for a tally Postgres has no data for (rejected_by_reason).
 * @throws pg's errors when the query fails
 */
export async function tallyFromPostgres(pool: pg.Pool, tally: TallyDefinition): Promise<Counts | undefined> {
  if (!tally.postgresSql) return undefined;
  const result = await pool.query<Record<string, unknown>>(tally.postgresSql);
  return countsByKey(result.rows, tally.keyColumns, tally.countColumn);
}

/** The sum of all counts. */
export function total(counts: Counts): number {
  let sum = 0;
  for (const value of counts.values()) sum += value;
  return sum;
}
