import { GatewayError } from '../../shared/errors.ts';
import type { RootCause } from './root-cause.ts';

/** The gateway or JobManager answered with a server-side exception. */
export class ServerSideError extends GatewayError {
  constructor(
    message: string,
    readonly rootCause: RootCause,
    readonly trace: string,
    readonly status: number,
  ) {
    super(message, { detail: trace });
  }
}

/** The gateway no longer knows the session (idle timeout expired or the gateway restarted). */
export class SessionMissingError extends ServerSideError {}

/** A statement that came from a file, for pointing errors back at it. */
export interface StatementSource {
  file: string;
  line: number;
}

/** Rewrites a server error about a statement as `file:line: root cause`. */
export function attributeError(error: unknown, source: StatementSource | undefined): unknown {
  if (!(error instanceof ServerSideError) || error instanceof SessionMissingError || !source) return error;
  const { line, column, message } = error.rootCause;
  const fileLine = line === undefined ? source.line : source.line + line - 1;
  const col = line !== undefined && line > 1 && column !== undefined ? `:${column}` : '';
  return new GatewayError(`${source.file}:${fileLine}${col}: ${message}`, { cause: error, detail: error.trace });
}
