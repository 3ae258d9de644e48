import { existsSync, readFileSync } from 'node:fs';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { SqlFileError } from '../../shared/errors.ts';
import { executeAndWait, type ResultLimits, type StatementResult } from '../gateway/statements.ts';
import { withJobSession } from './job-session.ts';
import { defaultSqlDir, loadSqlProject } from './project.ts';
import { renderSql } from './render.ts';
import { splitStatements, UnterminatedSqlError } from './split.ts';
import { sqlVariables } from './variables.ts';

// `tally sql`: ad-hoc statements in a session that has every tables/ definition, with streaming
// queries cut off at a row limit or a timeout (their job is then cancelled).

export interface AdhocOptions {
  /** Statements text (`tally sql "..."`), or a file to read them from (`-f`). */
  text?: string;
  file?: string;
  sqlDir?: string;
  batch?: boolean;
  limits?: ResultLimits;
}

export async function runAdhocSql(config: LoadedConfig, options: AdhocOptions): Promise<StatementResult[]> {
  const shown = options.file ?? '<command line>';
  const raw = options.file ? readSource(options.file) : (options.text ?? '');
  const rendered = renderSql(raw, sqlVariables(config), shown);
  let statements;
  try {
    statements = splitStatements(rendered.sql);
  } catch (error) {
    if (error instanceof UnterminatedSqlError) throw new SqlFileError(`${shown}:${error.line}: ${error.message}`, { cause: error });
    throw error;
  }
  if (statements.length === 0) throw new SqlFileError(`${shown}: no SQL statement to run`);
  const sqlDir = options.sqlDir ?? defaultSqlDir(config);
  const tables = existsSync(sqlDir) ? loadSqlProject(config, { sqlDir }).tables : [];
  const properties = options.batch ? { 'execution.runtime-mode': 'batch' } : undefined;
  return withJobSession(config, tables, async (session) => {
    const results: StatementResult[] = [];
    for (const s of statements) {
      results.push(await executeAndWait(session, s.sql, { limits: options.limits, source: { file: shown, line: s.line } }));
    }
    return results;
  }, { name: 'tally-sql', properties });
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SqlFileError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}
