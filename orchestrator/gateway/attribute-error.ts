import { ServerSideError, SessionMissingError, SqlFileError } from '../../shared/errors.ts';

/** A statement that came from a file, for pointing errors back at it. */
export interface StatementSource {
  /** The file as shown to the user (relative to the SQL folder, or `<command line>`). */
  file: string;
  /** 1-based file line of the statement's first token. */
  line: number;
}

/**
 * Rewrites Flink's refusal of a statement that came from a file as a SqlFileError (exit code 4)
 * reading `file:line[:column]: root cause`, the line being the file's line (the statement's first
 * line plus the line Flink reported inside it). Any other error (no source, a missing session, a
 * transport failure) is returned unchanged.
 */
export function attributeError(error: unknown, source: StatementSource | undefined): unknown {
  if (!(error instanceof ServerSideError) || error instanceof SessionMissingError || !source) return error;
  const { line, column, message } = error.rootCause;
  const fileLine = line === undefined ? source.line : source.line + line - 1;
  const col = line !== undefined && line > 1 && column !== undefined ? `:${column}` : '';
  return new SqlFileError(`${source.file}:${fileLine}${col}: ${message}`, { cause: error, detail: error.trace });
}
