// One class per kind of failure. The CLI prints `message` (one line a user can act on); the cause
// and any detail (a Java stack trace, a log path) stay attached for --verbose.

/**
 * The base of every Tally error: `message` is one line a user can act on; `cause` (the error it
 * wraps) and `detail` (a Java stack trace, a log excerpt, every validation issue) are for --verbose.
 */
export class TallyError extends Error {
  constructor(
    message: string,
    options: { cause?: unknown; detail?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
  }
  readonly detail: string | undefined;
}

/** tally.yaml or an environment override is missing, malformed or invalid. */
export class ConfigError extends TallyError {}

/** A local service could not be fetched, started, stopped or reached. */
export class StackError extends TallyError {}

/** The Flink SQL Gateway (or the JobManager REST API) refused or failed a request. */
export class GatewayError extends TallyError {}

/** A file under flink-sql/ could not be read, rendered or split. */
export class SqlFileError extends TallyError {}

/** A data-quality check, recount or reconciliation found a difference. */
export class CheckFailedError extends TallyError {}

/** Bad input given on the command line. */
export class UsageError extends TallyError {}
