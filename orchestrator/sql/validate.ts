import type { LoadedConfig } from '../../shared/config/load.ts';
import { EXIT_CODES, TallyError } from '../../shared/errors.ts';
import { executeAndWait } from '../gateway/statements.ts';
import { withJobSession } from './job-session.ts';
import { loadSqlProject, type JobDefinition } from './project.ts';

// `tally validate`: every job is planned by Flink (EXPLAIN) in a fresh session with its tables,
// which catches syntax errors, unknown columns and type mismatches without starting anything.

export interface ValidationResult {
  job: string;
  file: string;
  ok: boolean;
  /** `file:line: reason` when not ok. */
  error?: string;
}

/**
 * `tally validate`: plans every job (or options.jobs) with Flink's EXPLAIN in a fresh session with
 * its tables, starting nothing.
 * @returns one result per job; a job Flink refuses has ok false and `file:line: reason`
 * @throws SqlFileError when the SQL does not load; GatewayError (3) when the gateway cannot be
 *   reached or fails otherwise (that ends the run rather than marking a job)
 */
export async function validateJobs(config: LoadedConfig, options: { jobs?: string[]; sqlDir?: string } = {}): Promise<ValidationResult[]> {
  const project = loadSqlProject(config, { sqlDir: options.sqlDir, jobs: options.jobs });
  const results: ValidationResult[] = [];
  for (const job of project.jobs) {
    try {
      await explainJob(config, job);
      results.push({ job: job.name, file: job.file, ok: true });
    } catch (error) {
      // Flink's refusal of the SQL is this job's result; an unreachable or failing service ends the run.
      if (!(error instanceof TallyError) || error.exitCode !== EXIT_CODES.invalid) throw error;
      results.push({ job: job.name, file: job.file, ok: false, error: error.message });
    }
  }
  return results;
}

/** The EXPLAIN of a job's statement, on the same first line, so Flink's line numbers still map onto the file. */
export function explainStatement(sql: string): string {
  // Same first line, so Flink's line numbers still map onto the file.
  return /^EXECUTE\s+STATEMENT\s+SET\b/i.test(sql) ? sql.replace(/^EXECUTE\s+/i, 'EXPLAIN ') : `EXPLAIN ${sql}`;
}

async function explainJob(config: LoadedConfig, job: JobDefinition): Promise<void> {
  await withJobSession(config, job.tables, async (session) => {
    for (const setting of job.settings) await executeAndWait(session, setting.statement.sql, { source: setting.statement });
    await executeAndWait(session, explainStatement(job.statement.sql), { source: job.statement });
  }, { name: `tally-validate-${job.name}` });
}
