import { CommanderError } from 'commander';
import { EXIT_CODES, exitCodeOf, firstLine, TallyError, unreachableCode, type ExitCode } from '../shared/errors.ts';

/**
 * Prints a failure as one line on stderr (the full story with --verbose: detail, cause, stack) and
 * returns the exit code of the README's table: a TallyError's own code; commander's usage errors
 * 2 (its --help and --version end here with 0, already printed); a socket or kafkajs connection
 * error that escaped a client 3; anything else 70.
 */
export function reportFailure(error: unknown, verbose: boolean): ExitCode {
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help) itself.
    return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
  }
  const code = exitCodeOf(error);
  if (error instanceof TallyError) {
    process.stderr.write(`tally: ${error.message}\n`);
  } else if (code === EXIT_CODES.unavailable) {
    process.stderr.write(`tally: a service could not be reached (${unreachableCode(error)}): ${firstLine(error)}; is the stack up? (tally stack status)\n`);
  } else {
    process.stderr.write(`tally: unexpected error: ${firstLine(error)}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  }
  if (verbose) {
    if (error instanceof TallyError && error.detail) process.stderr.write(`${error.detail}\n`);
    if (error instanceof Error && error.cause) process.stderr.write(`caused by: ${formatCause(error.cause)}\n`);
    if (error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  }
  return code;
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
