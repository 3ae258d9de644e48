import { describe, expect, it } from 'vitest';
import {
  BenchError, CheckFailedError, ConfigError, EXIT_CODES, exitCodeOf, firstLine, GatewayError, JobFailedError, JobNotRunningError,
  RandomUserError, RegistrationError, ServerSideError, SessionMissingError, SnapshotTimeoutError, SqlFileError, SqlRejectedError,
  StackError, StateRestoreError, UnterminatedSqlError, UsageError, VoteSimulationError,
} from './errors.ts';

const rootCause = { message: 'x' };

describe('the exit code of each kind of failure (README: "Exit codes")', () => {
  it.each([
    ['a check or recount that found a difference', new CheckFailedError('x'), 1],
    ['a bad flag or argument', new UsageError('x'), 2],
    ['a local service that cannot start or be reached', new StackError('x'), 3],
    ['an unreachable gateway or JobManager', new GatewayError('x'), 3],
    ['a server-side exception that is not about the SQL', new ServerSideError('x', rootCause, '', 500), 3],
    ['a gateway session that expired', new SessionMissingError('x', rootCause, '', 404), 3],
    ['a Kafka read that stalls', new SnapshotTimeoutError('x'), 3],
    ['a registration that could not write', new RegistrationError('x'), 3],
    ['a simulator that could not produce', new VoteSimulationError('x'), 3],
    ['randomuser.me unreachable', new RandomUserError('x'), 3],
    ['a benchmark that could not run', new BenchError('x'), 3],
    ['an invalid tally.yaml or TALLY_* variable', new ConfigError('x'), 4],
    ['an unreadable or refused SQL file', new SqlFileError('x'), 4],
    ['an unterminated quote in SQL', new UnterminatedSqlError("'...' string", 3), 4],
    ['ad-hoc SQL Flink refuses', new SqlRejectedError('x', rootCause, '', 500), 4],
    ['a job that failed', new JobFailedError('x'), 5],
    ['a job that is not running when it should', new JobNotRunningError('0'.repeat(32), 'FAILED', 'boom', undefined), 5],
    ['a changed job that cannot take over its state', new StateRestoreError('x'), 5],
  ])('%s exits %i', (_what, error, code) => {
    expect(error.exitCode).toBe(code);
    expect(exitCodeOf(error)).toBe(code);
  });

  it('a socket error that escaped a client (pg, axios) exits 3, also when it is the cause of another error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(exitCodeOf(refused)).toBe(EXIT_CODES.unavailable);
    expect(exitCodeOf(new Error('wrapped', { cause: refused }))).toBe(EXIT_CODES.unavailable);
    expect(exitCodeOf(new AggregateError([refused], 'all addresses failed'))).toBe(EXIT_CODES.unavailable);
  });

  it('a kafkajs connection error (by its class name) exits 3', () => {
    const error = new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    error.name = 'KafkaJSConnectionError';
    expect(exitCodeOf(error)).toBe(EXIT_CODES.unavailable);
  });

  it('anything else is unexpected and exits 70, distinct from every documented failure', () => {
    expect(exitCodeOf(new TypeError('undefined is not a function'))).toBe(70);
    expect(exitCodeOf('a string')).toBe(70);
  });
});

describe('firstLine', () => {
  it('takes the first non-blank line of a message, trimmed, cut at the given length', () => {
    expect(firstLine(new Error('\n  boom  \nat Foo.bar'))).toBe('boom');
    expect(firstLine('abcdef', 3)).toBe('abc…');
    expect(firstLine(42)).toBe('42');
    expect(firstLine('x'.repeat(300))).toHaveLength(300);
  });
});
