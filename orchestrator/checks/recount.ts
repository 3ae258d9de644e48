import type { LoadedConfig } from '../../shared/config/load.ts';
import { GatewayError, JobFailedError, SqlFileError } from '../../shared/errors.ts';
import { poll } from '../../shared/poll.ts';
import { executeAndWait } from '../gateway/statements.ts';
import { jobFailure, jobManagerEndpoint, jobState } from '../gateway/jobmanager.ts';
import { createKafka } from '../../shared/kafka/client.ts';
import { topicEndOffsets } from '../kafka/snapshot.ts';
import { createPool } from '../../shared/postgres/connection.ts';
import { withJobSession } from '../sql/job-session.ts';
import { defaultSqlDir, loadSqlProject, type JobDefinition } from '../sql/project.ts';
import { loadRecountRebinding } from '../sql/recount-sql.ts';
import { splitStatements } from '../sql/split.ts';
import { RECOUNT_VOTE_ORDER, sqlVariables } from '../sql/variables.ts';
import { compareCounts, describeDifferences } from './compare.ts';
import { TALLIES, tallyFromPostgres, tallyFromTopic, total, type Counts } from './tallies.ts';
import { kafkaSettings, postgresSettings } from '../../shared/config/settings.ts';

// `tally recount`: the auditor's recount. The very same SQL of flink-sql/ (the views and the
// tally INSERTs of the jobs) runs in Flink's batch mode over the raw votes log, bounded at the
// offsets of the moment the recount starts. What differs from the live job is SQL too, in
// flink-sql/recount/rebind.sql (a bounded source, throw-away tally topics; the one-vote rule orders
// each voter's events by the log through `${vote_order}`); the throw-away topics are compared with
// the live tallies and with Postgres. See flink-sql/recount/README.md.

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
 * (the other sinks, such as the Postgres archive, are the live record and are
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

/**
 * Waits until the batch job `jobId` is FINISHED (JobManager REST API, GET /jobs/:jobid).
 * @throws JobFailedError (exit code 5) with the job's root exception when it ends FAILED or CANCELED;
 *   GatewayError (exit code 3) when it is still running after `timeoutMs`
 */
async function waitForBatchJob(config: LoadedConfig, jobId: string, timeoutMs: number): Promise<void> {
  const jm = jobManagerEndpoint(config.env.flink);
  await poll(async () => {
    const state = await jobState(jm, jobId);
    if (['FAILED', 'CANCELED'].includes(state)) {
      const failure = await jobFailure(jm, jobId).catch(() => undefined);
      throw new JobFailedError(`the recount job ${jobId} ended ${state}: ${failure?.message ?? 'see tally stack logs jobmanager'}`, { detail: failure?.trace });
    }
    return state;
  }, {
    timeoutMs,
    until: (state) => state === 'FINISHED',
    onTimeout: (state) => new GatewayError(`the recount job ${jobId} did not finish within ${timeoutMs / 1000}s (it is ${state ?? 'unknown'}); raise --timeout`),
  });
}

/**
 * Recounts every tally of TALLIES in batch mode over the votes log up to its end offsets now (the
 * jobs' tally INSERTs, rebound by flink-sql/recount/rebind.sql), and compares each with the live
 * tally topic and (where it has one) with Postgres.
 * @param options - sqlDir (default flink-sql/ beside the config), timeoutMs for the batch job
 *   (default 600 000 ms), log for progress lines
 * @returns one row per tally; `ok` false names the differences (the command exits 1 then)
 * @throws SqlFileError (4) when the SQL does not load, no job writes a tally or rebind.sql leaves one
 *   on its live topic, or Flink refuses a statement; JobFailedError (5) when the batch job fails;
 *   GatewayError (3) when the gateway is unreachable or the job outlasts `timeoutMs`
 */
export async function recount(config: LoadedConfig, options: { sqlDir?: string; timeoutMs?: number; log?: (line: string) => void } = {}): Promise<RecountResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const dir = options.sqlDir ?? defaultSqlDir(config);
  const variables = { ...sqlVariables(config), vote_order: { value: () => RECOUNT_VOTE_ORDER, secret: false } };
  const project = loadSqlProject(config, { sqlDir: dir, variables });
  const inserts = tallyInserts(project.jobs, TALLIES.map((t) => t.name));
  const missing = TALLIES.filter((t) => !inserts.some((i) => i.target === t.name));
  if (missing.length > 0) throw new SqlFileError(`no job in ${dir}/jobs writes ${missing.map((t) => t.name).join(', ')}: nothing to recount it with`);
  const { topics } = config.env.kafka;

  const offsets = await topicEndOffsets(kafkaSettings(config), topics.votes);
  const boundedAt = [...offsets].map(([partition, o]) => `partition:${partition},offset:${o.high}`).join(';');
  const rebinding = loadRecountRebinding(dir, variables, { runId: `${Date.now()}`, endOffsets: boundedAt }, TALLIES.map((t) => t.name), new Map(TALLIES.map((t) => [t.name, topics[t.topic]])));
  const recountTopic = (tally: string): string => rebinding.recountTopics.get(tally)!;
  const admin = createKafka(kafkaSettings(config), 'recount').admin();
  await admin.connect();
  const created = TALLIES.map((t) => recountTopic(t.name));
  try {
    await admin.createTopics({ topics: created.map((topic) => ({ topic, numPartitions: 1, replicationFactor: -1 })), waitForLeaders: true });
    const tables = project.tables.filter((t) => t.kind !== 'VIEW');
    const views = project.tables.filter((t) => t.kind === 'VIEW');
    log(`recounting ${topics.votes} up to ${boundedAt} in batch mode`);
    const jobId = await withJobSession(config, tables, async (session) => {
      for (const statement of rebinding.statements) await executeAndWait(session, statement.sql, { source: statement });
      for (const view of views) await executeAndWait(session, view.statement.sql, { source: view.statement });
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
          tallyFromTopic(kafkaSettings(config), tally, recountTopic(tally.name)),
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
