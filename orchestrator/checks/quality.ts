import type pg from 'pg';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { formatCount, formatCountOf as count } from '../../shared/format.ts';
import { createPool } from '../../shared/postgres/connection.ts';
import { readTopicSnapshot, topicRecordCount } from '../kafka/snapshot.ts';
import { FINDING_SHOWN_LIMIT, type QualityFinding } from '../../shared/checks/qualityFinding.ts';
import { compareCounts, describeDifferences } from './compare.ts';
import { countsFinding } from './countsFinding.ts';
import { TALLIES, tallyFromPostgres, tallyFromTopic, total } from './tallies.ts';
import { kafkaSettings, postgresSettings } from '../../shared/config/settings.ts';

// `tally check`: data quality of the election (the original's S8, plus reconciliation).

export interface CheckResult {
  check: string;
  ok: boolean;
  /** One line for the terminal, with the exact keys (ids, epoch-ms buckets, reason codes). */
  detail: string;
  /** The same finding as figures, for the results page to put in words; absent where `detail` already reads as words. */
  finding?: QualityFinding;
}

async function scalar(pool: pg.Pool, sql: string): Promise<number> {
  const result = await pool.query<{ n: string | number }>(sql);
  return Number(result.rows[0]?.n ?? 0);
}

async function postgresChecks(pool: pg.Pool): Promise<CheckResult[]> {
  const [parties, candidates, voters, votes, regionsSum] = await Promise.all([
    scalar(pool, 'SELECT count(*) AS n FROM parties'),
    scalar(pool, 'SELECT count(*) AS n FROM candidates'),
    scalar(pool, 'SELECT count(*) AS n FROM voters'),
    scalar(pool, 'SELECT count(*) AS n FROM votes'),
    scalar(pool, 'SELECT coalesce(sum(registered_voters), 0) AS n FROM regions'),
  ]);
  const orphanVoter = await scalar(pool, 'SELECT count(*) AS n FROM votes v LEFT JOIN voters p ON p.voter_id = v.voter_id WHERE p.voter_id IS NULL');
  const orphanCandidate = await scalar(pool, 'SELECT count(*) AS n FROM votes v LEFT JOIN candidates c ON c.candidate_id = v.candidate_id WHERE c.candidate_id IS NULL');
  const twice = await scalar(pool, 'SELECT count(*) AS n FROM (SELECT voter_id FROM votes GROUP BY voter_id HAVING count(*) > 1) d');
  const overTurnout = await pool.query<{ region_id: string; name: string; votes: number; registered_voters: number }>(
    `SELECT r.region_id, r.name, count(v.voter_id)::int AS votes, r.registered_voters
     FROM regions r LEFT JOIN votes v ON v.region_id = r.region_id
     GROUP BY r.region_id, r.name, r.registered_voters HAVING count(v.voter_id) > r.registered_voters
     ORDER BY r.region_id`,
  );
  return [
    { check: 'row counts', ok: parties > 0 && candidates > 0 && voters > 0, detail: `${count(parties, 'party', 'parties')}, ${count(candidates, 'candidate')}, ${count(voters, 'voter')}, ${count(votes, 'vote')}` },
    { check: 'registered voters per region add up', ok: regionsSum === voters, detail: `regions say ${formatCount(regionsSum)}, voters table has ${formatCount(voters)}` },
    { check: 'every vote has a voter', ok: orphanVoter === 0, detail: `${count(orphanVoter, 'vote')} without a registered voter` },
    { check: 'every vote has a candidate', ok: orphanCandidate === 0, detail: `${count(orphanCandidate, 'vote')} for an unknown candidate` },
    { check: 'no voter counted twice', ok: twice === 0, detail: `${count(twice, 'voter')} with more than one counted vote` },
    {
      check: 'turnout never over 100%', ok: overTurnout.rowCount === 0,
      detail: overTurnout.rowCount === 0 ? 'every region at or under its registered voters' : overTurnout.rows.map((r) => `${r.region_id}: ${r.votes}/${r.registered_voters}`).join(', '),
      finding: { kind: 'over-turnout', regionsOver: overTurnout.rows.length, shown: overTurnout.rows.slice(0, FINDING_SHOWN_LIMIT) },
    },
  ];
}

async function reconciliationChecks(config: LoadedConfig, pool: pg.Pool): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const tally of TALLIES) {
    const [fromTopic, fromPostgres] = await Promise.all([tallyFromTopic(kafkaSettings(config), tally), tallyFromPostgres(pool, tally)]);
    if (!fromPostgres) continue;
    const differences = compareCounts(fromPostgres, fromTopic);
    results.push({
      check: `${tally.name} equals Postgres`, ok: differences.length === 0,
      detail: differences.length === 0 ? `${total(fromTopic)} votes in ${fromTopic.size} rows` : describeDifferences(differences),
      finding: await countsFinding(pool, tally.keyColumns, fromTopic, fromPostgres, differences),
    });
  }
  return results;
}

/**
 * Every raw event on the votes topic is either counted (a row of the Postgres table votes, one per
 * voter) or rejected with a reason (a record of votes_rejected, keyed by partition and offset).
 */
async function accountingCheck(config: LoadedConfig, pool: pg.Pool): Promise<CheckResult> {
  const kafka = kafkaSettings(config);
  const { topics } = kafka;
  const [raw, counted, rejected] = await Promise.all([
    topicRecordCount(kafka, topics.votes),
    pool.query<{ n: string }>('SELECT count(*) AS n FROM votes').then((r) => Number(r.rows[0]!.n)),
    readTopicSnapshot(kafka, topics.votesRejected),
  ]);
  const accounted = counted + rejected.rows.size;
  const byReason = new Map<string, number>();
  for (const row of rejected.rows.values()) {
    const reason = String((row as { reason?: unknown } | null)?.reason ?? 'unknown');
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const byReasonSorted = [...byReason].sort(([a], [b]) => a.localeCompare(b)).map(([reason, events]) => ({ reason, events }));
  const reasons = byReasonSorted.map((r) => `${r.reason} ${r.events}`).join(', ');
  return {
    check: 'every event counted or rejected',
    ok: accounted === raw,
    detail: `${raw} events on ${topics.votes}: ${counted} counted + ${rejected.rows.size} rejected${reasons ? ` (${reasons})` : ''}${accounted === raw ? '' : ` = ${accounted} (${raw - accounted} not yet accounted for)`}`,
    finding: { kind: 'accounting', events: raw, counted, rejected: byReasonSorted },
  };
}

/**
 * `tally check`: the data-quality checks in Postgres (integrity, one vote per voter, turnout),
 * every tally topic against Postgres, and every event on the votes topic accounted for.
 * @returns one result per check; ok false says what differs (the command then exits 1)
 * @throws raw pg / kafkajs errors when Postgres or Kafka cannot be reached (the CLI exits 3);
 *   SnapshotTimeoutError when reading a topic stalls
 */
export async function runChecks(config: LoadedConfig): Promise<CheckResult[]> {
  const pool = createPool(postgresSettings(config));
  try {
    return [...(await postgresChecks(pool)), ...(await reconciliationChecks(config, pool)), await accountingCheck(config, pool)];
  } finally {
    await pool.end();
  }
}
