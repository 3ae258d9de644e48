import type { LoadedConfig } from '../../shared/config/load.ts';
import { TallyError } from '../../shared/errors.ts';
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

export async function validateJobs(config: LoadedConfig, options: { jobs?: string[]; sqlDir?: string } = {}): Promise<ValidationResult[]> {
  const project = loadSqlProject(config, { sqlDir: options.sqlDir, jobs: options.jobs });
  const results: ValidationResult[] = [];
  for (const job of project.jobs) {
    try {
      await explainJob(config, job);
      results.push({ job: job.name, file: job.file, ok: true });
    } catch (error) {
      if (!(error instanceof TallyError) || /cannot reach the/.test(error.message)) throw error;
      results.push({ job: job.name, file: job.file, ok: false, error: error.message });
    }
  }
  return results;
}

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
