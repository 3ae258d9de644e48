import { CommanderError } from 'commander';
import { TallyError } from '../shared/errors.ts';

/** Prints a failure as one line (or the full story with --verbose) and returns the exit code. */
export function reportFailure(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end here with code 0; usage errors were already printed by commander.
    return error.exitCode;
  }
  if (error instanceof TallyError) {
    process.stderr.write(`tally: ${error.message}\n`);
    if (verbose) {
      if (error.detail) process.stderr.write(`${error.detail}\n`);
      if (error.cause) process.stderr.write(`caused by: ${formatCause(error.cause)}\n`);
      process.stderr.write(`${error.stack ?? ''}\n`);
    }
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tally: unexpected error: ${message.split('\n')[0]}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  return 2;
}

function formatCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}\n${cause.stack ?? ''}`;
  return String(cause);
}

export type Row = Record<string, unknown>;

/** Renders rows as an aligned text table; columns default to the keys of the first row. */
export function formatTable(rows: Row[], columns?: string[]): string {
  const cols = columns ?? Object.keys(rows[0] ?? {});
  if (cols.length === 0) return '(no rows)';
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).replace(/\s+/g, ' ');
  const body = rows.map((row) => cols.map((c) => cell(row[c])));
  const widths = cols.map((c, i) => Math.min(60, Math.max(c.length, ...body.map((r) => r[i]!.length))));
  const line = (cells: string[]): string => cells.map((v, i) => (v.length > widths[i]! ? `${v.slice(0, widths[i]! - 1)}…` : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + (rows.length === 0 ? '\n(no rows)' : '');
}

/** Prints results as JSON (--json) or as a table. */
export function printResult(json: boolean, value: unknown, table: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${table()}\n`);
}
