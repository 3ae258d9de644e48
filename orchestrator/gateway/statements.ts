import { GatewayError } from '../../shared/errors.ts';
import { request, type Endpoint } from './http.ts';
import { attributeError, SessionMissingError, type StatementSource } from './errors.ts';
import type { FetchResultsResponse, OperationStatus, ResultRow } from './types.ts';

// Statements and their results: submit, fetch every page through nextResultUri, stop streaming
// queries at a row or time limit (then cancel and close them), and point errors at file:line.

/**
 * What statements need of a session: session.ts's GatewaySession is one. Named here, so this module
 * does not import session.ts (which imports this one to replay statements into a reopened session).
 */
export interface StatementSession {
  readonly endpoint: Endpoint;
  /** The gateway's current handle of the session. */
  readonly handle: string;
  /** Submits a statement and returns its operation handle. */
  submit(statement: string): Promise<string>;
  /** Called once a statement finished successfully. */
  remember(statement: string): void;
}

export interface Operation {
  session: StatementSession;
  /** The session the operation lives in (the session object may have reopened since). */
  sessionHandle: string;
  handle: string;
  statement: string;
}

export interface ResultLimits {
  /** Stop after this many rows (a streaming SELECT never ends on its own). */
  maxRows?: number;
  /** Stop after this long, in milliseconds. */
  timeoutMs?: number;
}

export interface StatementResult {
  statement: string;
  columns: string[];
  rows: ResultRow[];
  /** The Flink job the statement started (INSERT, EXECUTE STATEMENT SET, SELECT). */
  jobId?: string;
  isQuery: boolean;
  /** Why fetching stopped early, if it did. */
  truncated?: 'rows' | 'time';
}

export async function executeStatement(session: StatementSession, statement: string): Promise<Operation> {
  const handle = await session.submit(statement);
  return { session, sessionHandle: session.handle, handle, statement };
}

export async function fetchAllResults(operation: Operation, limits: ResultLimits = {}): Promise<StatementResult> {
  const { maxRows = Number.POSITIVE_INFINITY, timeoutMs = Number.POSITIVE_INFINITY } = limits;
  const started = Date.now();
  const result: StatementResult = { statement: operation.statement, columns: [], rows: [], isQuery: false };
  let uri = `${operationPath(operation)}/result/0`;
  let wait = 50;
  for (;;) {
    const page = await fetchPage(operation, uri);
    if (page.jobID) result.jobId = page.jobID;
    if (page.isQueryResult) result.isQuery = true;
    if (page.results?.columns && result.columns.length === 0) result.columns = page.results.columns.map((c) => c.name);
    if (page.resultType === 'EOS') break;
    if (page.resultType === 'PAYLOAD') {
      const data = page.results?.data ?? [];
      result.rows.push(...data);
      wait = 50;
      if (!page.nextResultUri) break;
      uri = page.nextResultUri;
    } else {
      if (page.nextResultUri) uri = page.nextResultUri;
      await sleep(wait);
      wait = Math.min(wait * 2, 500);
    }
    if (result.rows.length >= maxRows || Date.now() - started >= timeoutMs) {
      result.truncated = result.rows.length >= maxRows ? 'rows' : 'time';
      if (result.rows.length > maxRows) result.rows.length = maxRows;
      await cancelOperation(operation).catch(() => undefined);
      break;
    }
  }
  return result;
}

async function fetchPage(operation: Operation, uri: string): Promise<FetchResultsResponse> {
  const path = uri.includes('rowFormat=') ? uri : `${uri}${uri.includes('?') ? '&' : '?'}rowFormat=JSON`;
  try {
    return await request<FetchResultsResponse>(operation.session.endpoint, 'GET', path);
  } catch (error) {
    if (error instanceof SessionMissingError) {
      throw new GatewayError(
        `the gateway session ended while "${firstWords(operation.statement)}" was running (idle timeout or gateway restart); run it again`,
        { cause: error },
      );
    }
    throw error;
  }
}

export async function operationStatus(operation: Operation): Promise<OperationStatus> {
  const answer = await request<{ status: OperationStatus }>(operation.session.endpoint, 'GET', `${operationPath(operation)}/status`);
  return answer.status;
}

export async function cancelOperation(operation: Operation): Promise<void> {
  await request(operation.session.endpoint, 'POST', `${operationPath(operation)}/cancel`);
}

export async function closeOperation(operation: Operation): Promise<void> {
  await request(operation.session.endpoint, 'DELETE', `${operationPath(operation)}/close`);
}

export interface RunOptions {
  limits?: ResultLimits;
  /** Where the statement came from, so errors say file:line. */
  source?: StatementSource;
  /** Keep SET/DDL statements for replay into a reopened session (default true). */
  remember?: boolean;
}

/** Submits one statement, fetches all its results, closes the operation; errors name file:line. */
export async function executeAndWait(session: StatementSession, statement: string, options: RunOptions = {}): Promise<StatementResult> {
  let operation: Operation | undefined;
  try {
    operation = await executeStatement(session, statement);
    const result = await fetchAllResults(operation, options.limits);
    if (options.remember ?? true) session.remember(statement);
    return result;
  } catch (error) {
    throw attributeError(error, options.source);
  } finally {
    if (operation) await closeOperation(operation).catch(() => undefined);
  }
}

/** A statement with its origin, as read from a file under flink-sql/. */
export interface SourcedStatement extends StatementSource {
  sql: string;
}

/** Runs statements one after another, stopping at the first failure. */
export async function runStatements(
  session: StatementSession,
  statements: (string | SourcedStatement)[],
  limits: ResultLimits = {},
): Promise<StatementResult[]> {
  const results: StatementResult[] = [];
  for (const statement of statements) {
    if (typeof statement === 'string') results.push(await executeAndWait(session, statement, { limits }));
    else results.push(await executeAndWait(session, statement.sql, { limits, source: statement }));
  }
  return results;
}

function operationPath(operation: Operation): string {
  return `/v1/sessions/${operation.sessionHandle}/operations/${operation.handle}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function firstWords(sql: string): string {
  const words = sql.replace(/\s+/g, ' ').trim();
  return words.length > 40 ? `${words.slice(0, 40)}…` : words;
}
