import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { GatewayError } from '../../shared/errors.ts';
import { executeAndWait } from '../gateway/statements.ts';
import { jobFailure, jobManagerEndpoint, jobState } from '../gateway/jobmanager.ts';
import { createKafka } from '../../shared/kafka/client.ts';
import { topicEndOffsets } from '../kafka/snapshot.ts';
import { createPool } from '../../shared/postgres/connection.ts';
import { withJobSession } from '../sql/job-session.ts';
import { defaultSqlDir, loadSqlProject, type JobDefinition } from '../sql/project.ts';
import { splitStatements } from '../sql/split.ts';
import { RECOUNT_VOTE_ORDER, sqlVariables } from '../sql/variables.ts';
import { compareCounts, describeDifferences } from './compare.ts';
import { TALLIES, tallyFromPostgres, tallyFromTopic, total, type Counts } from './tallies.ts';
import { kafkaSettings, postgresSettings } from '../../shared/config/settings.ts';

// `tally recount`: the auditor's recount. The very same SQL of flink-sql/ (the views and the
// tally INSERTs of the jobs) runs in Flink's batch mode over the raw votes log, bounded at the
// offsets of the moment the recount starts. Two things differ from the live job: the one-vote rule
// orders each voter's events by the log (`${vote_order}`), and the tallies go to throw-away topics,
// which are compared with the live tallies and with Postgres.

export interface RecountRow {
  tally: string;
  recount: number;
  live: number;
  postgres: number | null;
  ok: boolean;
  detail: string;
}

export interface RecountResult {
  boundedAt: string;
  jobId: string;
  seconds: number;
  rows: RecountRow[];
}

const INSERT_TARGET = /^INSERT\s+INTO\s+`?(\w+)`?/i;

/**
 * The INSERT statements of the jobs that write one of the tallies, each with its target table
 * (the other sinks, such as the Postgres archive and votes_valid, are the live record and are
 * never written by a recount). A job is one INSERT or an EXECUTE STATEMENT SET BEGIN ... END.
 */
export function tallyInserts(jobs: JobDefinition[], tallies: readonly string[]): { target: string; sql: string }[] {
  return jobs.flatMap((job) => {
    const sql = job.statement.sql.trim();
    const set = /^EXECUTE\s+STATEMENT\s+SET\s+BEGIN\b([\s\S]*)\bEND\s*$/i.exec(sql);
    const inserts = set ? splitStatements(set[1]!).map((s) => s.sql.trim()) : [sql];
    return inserts
      .map((insert) => ({ target: INSERT_TARGET.exec(insert)?.[1]?.toLowerCase() ?? '', sql: insert }))
      .filter((insert) => tallies.includes(insert.target));
  });
}

async function waitForBatchJob(config: LoadedConfig, jobId: string, timeoutMs: number): Promise<void> {
  const jm = jobManagerEndpoint(config.env.flink);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = await jobState(jm, jobId);
    if (state === 'FINISHED') return;
    if (['FAILED', 'CANCELED'].includes(state)) {
      const failure = await jobFailure(jm, jobId).catch(() => undefined);
      throw new GatewayError(`the recount job ${jobId} ended ${state}: ${failure?.message ?? 'see tally stack logs jobmanager'}`, { detail: failure?.trace });
    }
    await sleep(500);
  }
  throw new GatewayError(`the recount job ${jobId} did not finish within ${timeoutMs / 1000}s`);
}

/**
 * Recounts every tally of TALLIES in batch mode over the votes log up to its end offsets now, and
 * compares each with the live tally topic and (where it has one) with Postgres. Returns one row per
 * tally; `ok` false names the differences. Throws GatewayError when the gateway refuses the SQL or
 * the batch job fails or outlasts `timeoutMs` (default 10 min).
 */
export async function recount(config: LoadedConfig, options: { sqlDir?: string; timeoutMs?: number; log?: (line: string) => void } = {}): Promise<RecountResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const dir = options.sqlDir ?? defaultSqlDir(config);
  const variables = { ...sqlVariables(config), vote_order: { value: () => RECOUNT_VOTE_ORDER, secret: false } };
  const project = loadSqlProject(config, { sqlDir: dir, variables });
  const inserts = tallyInserts(project.jobs, TALLIES.map((t) => t.name));
  const missing = TALLIES.filter((t) => !inserts.some((i) => i.target === t.name));
  if (missing.length > 0) throw new GatewayError(`no job in ${dir}/jobs writes ${missing.map((t) => t.name).join(', ')}: nothing to recount it with`);
  const { topics } = config.env.kafka;

  const offsets = await topicEndOffsets(kafkaSettings(config), topics.votes);
  const boundedAt = [...offsets].map(([partition, o]) => `partition:${partition},offset:${o.high}`).join(';');
  const runId = `${Date.now()}`;
  const recountTopic = (name: string): string => `${name}_recount_${runId}`;
  const admin = createKafka(kafkaSettings(config), 'recount').admin();
  await admin.connect();
  const created = TALLIES.map((t) => recountTopic(topics[t.topic]));
  try {
    await admin.createTopics({ topics: created.map((topic) => ({ topic, numPartitions: 1, replicationFactor: -1 })), waitForLeaders: true });
    const tables = project.tables.filter((t) => t.kind !== 'VIEW');
    const views = project.tables.filter((t) => t.kind === 'VIEW');
    log(`recounting ${topics.votes} up to ${boundedAt} in batch mode`);
    const jobId = await withJobSession(config, tables, async (session) => {
      await executeAndWait(session, `ALTER TABLE votes_raw SET ('scan.bounded.mode' = 'specific-offsets', 'scan.bounded.specific-offsets' = '${boundedAt}', 'properties.group.id' = 'tally-recount-${runId}')`);
      for (const tally of TALLIES) await executeAndWait(session, `ALTER TABLE ${tally.name} SET ('topic' = '${recountTopic(topics[tally.topic])}')`);
      for (const view of views) await executeAndWait(session, view.statement.sql, { source: view.statement });
      await executeAndWait(session, `SET 'pipeline.name' = 'tally:recount:${runId}'`);
      const submitted = await executeAndWait(session, `EXECUTE STATEMENT SET\nBEGIN\n${inserts.map((i) => `${i.sql};`).join('\n')}\nEND`);
      if (!submitted.jobId) throw new GatewayError('the gateway accepted the recount but returned no job id');
      return submitted.jobId;
    }, { name: 'tally-recount', properties: { 'execution.runtime-mode': 'batch' } });
    await waitForBatchJob(config, jobId, options.timeoutMs ?? 600_000);

    const pool = createPool(postgresSettings(config));
    try {
      const rows: RecountRow[] = [];
      for (const tally of TALLIES) {
        const [recounted, live, fromPostgres] = await Promise.all([
          tallyFromTopic(kafkaSettings(config), tally, recountTopic(topics[tally.topic])),
          tallyFromTopic(kafkaSettings(config), tally),
          tallyFromPostgres(pool, tally),
        ]);
        rows.push(compareRow(tally.name, recounted, live, fromPostgres));
      }
      return { boundedAt, jobId, seconds: (Date.now() - started) / 1000, rows };
    } finally {
      await pool.end();
    }
  } finally {
    await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  }
}

function compareRow(tally: string, recounted: Counts, live: Counts, fromPostgres: Counts | undefined): RecountRow {
  const vsLive = compareCounts(recounted, live);
  const vsPostgres = fromPostgres ? compareCounts(recounted, fromPostgres) : [];
  const problems = [
    ...(vsLive.length ? [`live: ${describeDifferences(vsLive)}`] : []),
    ...(vsPostgres.length ? [`postgres: ${describeDifferences(vsPostgres)}`] : []),
  ];
  return {
    tally,
    recount: total(recounted),
    live: total(live),
    postgres: fromPostgres ? total(fromPostgres) : null,
    ok: problems.length === 0,
    detail: problems.length === 0 ? `${recounted.size} rows equal` : problems.join('; '),
  };
}
