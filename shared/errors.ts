// Every kind of failure Tally reports, in one module, each with the exit code a script can act on
// (changesets' ExitError carries its code; kafkajs keeps its error classes in one errors.js).
// The CLI prints `message` (one line a user can act on); the cause and any detail (a Java stack
// trace, a log path) stay attached for --verbose. The README's "Exit codes" table lists the codes.

/** The process exit codes of `tally`, documented in the README ("Exit codes"). */
export const EXIT_CODES = {
  /** The command did what it was asked. */
  ok: 0,
  /** A check, recount or reconciliation ran and found a difference. */
  difference: 1,
  /** Bad input on the command line: an unknown command or flag, a flag value out of range. */
  usage: 2,
  /** A service (Kafka, Flink, Postgres, the results page) is unreachable, unhealthy or could not be started. */
  unavailable: 3,
  /** Invalid configuration (tally.yaml, a TALLY_* variable) or SQL (a file under flink-sql/, a query). */
  invalid: 4,
  /** A Flink job failed, was cancelled or cannot take over its saved state. */
  jobFailed: 5,
  /** A failure Tally does not know (a bug): the message and, with --verbose, the stack trace. */
  unexpected: 70,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * The base of every Tally error: `message` is one line a user can act on; `cause` (the error it
 * wraps) and `detail` (a Java stack trace, a log excerpt, every validation issue) are for --verbose;
 * `exitCode` is the code of the README's table the CLI exits with.
 */
export abstract class TallyError extends Error {
  /** The exit code `tally` ends with when this error reaches the CLI. */
  abstract readonly exitCode: ExitCode;
  readonly detail: string | undefined;
  constructor(message: string, options: { cause?: unknown; detail?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.detail = options.detail;
  }
}

// --- 1: a difference -------------------------------------------------------------------------

/** A data-quality check, recount or reconciliation found a difference. */
export class CheckFailedError extends TallyError {
  readonly exitCode = EXIT_CODES.difference;
}

// --- 2: usage --------------------------------------------------------------------------------

/** Bad input given on the command line. */
export class UsageError extends TallyError {
  readonly exitCode = EXIT_CODES.usage;
}

// --- 3: a service unreachable or unhealthy ---------------------------------------------------

/** A service (Kafka, Flink, Postgres, randomuser.me, the page) is unreachable, unhealthy or failed a request: the kinds below. */
export abstract class ServiceError extends TallyError {
  readonly exitCode: ExitCode = EXIT_CODES.unavailable;
}

/** A local service could not be fetched, started, stopped or reached. */
export class StackError extends ServiceError {}

/** The Flink SQL Gateway (or the JobManager REST API) could not be reached or failed a request. */
export class GatewayError extends ServiceError {}

/** What Flink's Java stack trace boils down to: the innermost meaningful exception (gateway/root-cause.ts). */
export interface RootCause {
  message: string;
  /** 1-based line/column inside the statement, when Flink reported one. */
  line?: number;
  column?: number;
}

/** The gateway or JobManager answered with a server-side exception (HTTP status and Java trace kept). */
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

/** Reading a Kafka topic to its end made no progress for too long. */
export class SnapshotTimeoutError extends ServiceError {}

/** Registering the election (Postgres or Kafka side) failed; re-running the same command resumes it. */
export class RegistrationError extends ServiceError {}

/** The vote simulator could not consume voters or produce votes. */
export class VoteSimulationError extends ServiceError {}

/** The optional randomuser.me source could not be reached or returned something unexpected. */
export class RandomUserError extends ServiceError {}

/** A benchmark could not run or could not read its own measurement. */
export class BenchError extends ServiceError {}

// --- 4: configuration or SQL invalid ---------------------------------------------------------

/** Configuration or SQL that cannot be used as it is: the kinds below (and SqlRejectedError). */
export abstract class InvalidInputError extends TallyError {
  readonly exitCode = EXIT_CODES.invalid;
}

/** tally.yaml or an environment override is missing, malformed or invalid. */
export class ConfigError extends InvalidInputError {}

/** A file under flink-sql/ (or ad-hoc SQL) could not be read, rendered or split, or Flink refused a statement of it. */
export class SqlFileError extends InvalidInputError {}

/**
 * Flink refused a statement (the trace holds a SQL parse, validation or planning exception) that
 * came from no file, such as `tally sql "..."`; statements from files become SqlFileError.
 */
export class SqlRejectedError extends ServerSideError {
  override readonly exitCode = EXIT_CODES.invalid;
}

/** A quote, comment or STATEMENT SET block that never ends (sql/split.ts); callers add the file name. */
export class UnterminatedSqlError extends SqlFileError {
  constructor(readonly what: string, readonly line: number) {
    super(`unterminated ${what} starting at line ${line}`);
  }
}

// --- 5: a Flink job failed -------------------------------------------------------------------

/** A Flink job (the count, a recount, a deploy's new job) failed, was cancelled or never ran. */
export class JobFailedError extends GatewayError {
  override readonly exitCode = EXIT_CODES.jobFailed;
}

/** A job reached a terminal state (or stayed unscheduled) while it was expected to run. */
export class JobNotRunningError extends JobFailedError {
  constructor(readonly jobId: string, readonly state: string, readonly rootMessage: string | undefined, readonly trace: string | undefined) {
    const noSlots = /NoResourceAvailableException|Could not acquire the minimum required resources/.test(`${rootMessage ?? ''}${trace ?? ''}`);
    const hint = noSlots ? ' (no free task slots: stop a job or add TaskManager slots, see `tally jobs`)' : '';
    super(`job ${jobId} is ${state}${rootMessage ? `: ${rootMessage}` : ''}${hint}`, { detail: trace });
  }
}

/** A changed job cannot take over the state in its savepoint (deploy with --from-scratch to start afresh). */
export class StateRestoreError extends JobFailedError {}

// --- mapping any error to an exit code -------------------------------------------------------

/** Socket error codes (Node's, as axios, pg and kafkajs pass them on) that mean "nobody answers there". */
export const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** kafkajs' classes (kafkajs/src/errors.js) raised when no broker answers. */
const KAFKA_UNREACHABLE = /^KafkaJS(Connection|ConnectionClosed|NumberOfRetriesExceeded|BrokerNotFound|RequestTimeout)Error$/;

/**
 * The socket error code (ECONNREFUSED, ...) of `error` or of any error in its cause chain (up to 8
 * deep), when one says the other side could not be reached; undefined otherwise.
 */
export function unreachableCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return code;
    if (current instanceof AggregateError) {
      const inner = current.errors.map(unreachableCode).find(Boolean);
      if (inner) return inner;
    }
    if (KAFKA_UNREACHABLE.test(current.name)) return current.name;
    current = current.cause;
  }
  return undefined;
}

/**
 * The exit code for any thrown value: a TallyError's own code; a raw socket or kafkajs connection
 * error (a client that threw past our wrappers) is 3; anything else is 70 (unexpected).
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof TallyError) return error.exitCode;
  if (unreachableCode(error)) return EXIT_CODES.unavailable;
  return EXIT_CODES.unexpected;
}

/**
 * The first non-blank line of a message (an Error's `message`, or any text), trimmed, and cut at
 * `maxLength` characters with an ellipsis when given: Java traces and multi-line server answers
 * shown in one line.
 */
export function firstLine(value: unknown, maxLength = Number.POSITIVE_INFINITY): string {
  const text = value instanceof Error ? value.message : typeof value === 'string' ? value : String(value);
  const line = text.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  return line.length > maxLength ? `${line.slice(0, maxLength)}…` : line;
}
