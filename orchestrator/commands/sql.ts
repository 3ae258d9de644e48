import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { UsageError } from '../../shared/errors.ts';
import { formatTable, printResult, type Row } from '../output.ts';
import type { StatementResult } from '../gateway/statements.ts';
import { runAdhocSql } from '../sql/adhoc.ts';

const KIND_MARK: Record<string, string> = { INSERT: '+I', UPDATE_BEFORE: '-U', UPDATE_AFTER: '+U', DELETE: '-D' };

export function register(program: Command): void {
  program
    .command('sql')
    .description('run ad-hoc Flink SQL in a session with every flink-sql/tables/ definition')
    .argument('[statement]', 'statements to run (separated by ;)')
    .option('-f, --file <file>', 'read the statements from a file')
    .option('--limit <n>', 'stop a streaming query after this many rows', positiveInt, 100)
    .option('--timeout <seconds>', 'stop a streaming query after this many seconds', positiveInt, 30)
    .option('--batch', "run in batch mode (execution.runtime-mode = 'batch')")
    .option('--sql-dir <dir>', 'the flink-sql folder (default: flink-sql/ next to the config file)')
    .option('--json', 'print results as JSON')
    .action(async (statement: string | undefined, opts: { file?: string; limit: number; timeout: number; batch?: boolean; sqlDir?: string; json?: boolean }, command: Command) => {
      if (!statement && !opts.file) throw new UsageError('give a statement (tally sql "SELECT ...") or a file (tally sql -f FILE)');
      if (statement && opts.file) throw new UsageError('give either a statement or -f FILE, not both');
      const results = await runAdhocSql(configFor(command), {
        text: statement,
        file: opts.file,
        sqlDir: opts.sqlDir,
        batch: opts.batch,
        limits: { maxRows: opts.limit, timeoutMs: opts.timeout * 1000 },
      });
      printResult(Boolean(opts.json), results.map(toJson), () => results.map(renderResult).join('\n\n'));
    });
}

function toJson(result: StatementResult): Row {
  return {
    statement: result.statement,
    columns: result.columns,
    rows: result.rows.map((r) => ({ kind: r.kind, ...Object.fromEntries(result.columns.map((c, i) => [c, r.fields[i]])) })),
    jobId: result.jobId,
    truncated: result.truncated,
  };
}

function renderResult(result: StatementResult): string {
  const changelog = result.rows.some((r) => r.kind !== 'INSERT');
  const columns = changelog ? ['op', ...result.columns] : result.columns;
  const rows = result.rows.map((r) => ({ ...(changelog ? { op: KIND_MARK[r.kind] ?? r.kind } : {}), ...Object.fromEntries(result.columns.map((c, i) => [c, r.fields[i]])) }));
  const footer = result.truncated ? `\n(stopped after ${result.truncated === 'rows' ? `${result.rows.length} rows` : 'the timeout'}; the query was cancelled)` : '';
  const job = result.jobId && !result.isQuery ? `\njob ${result.jobId} submitted` : '';
  return `${formatTable(rows, columns)}${footer}${job}`;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`"${value}" is not a positive whole number`);
  return n;
}
