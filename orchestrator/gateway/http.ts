import axios, { isAxiosError, type AxiosInstance, type Method } from 'axios';
import { GatewayError, ServerSideError, SessionMissingError, SqlRejectedError, UNREACHABLE_CODES } from '../../shared/errors.ts';
import { digRootCause } from './root-cause.ts';

// HTTP to Flink's REST endpoints (SQL Gateway and JobManager): one place that turns transport
// failures and server-side Java exceptions into GatewayErrors a user can act on.

export interface Endpoint {
  /** Human name, e.g. "Flink SQL Gateway". */
  name: string;
  url: string;
  /** The config key holding the URL, for the hint in errors. */
  configKey: string;
  http: AxiosInstance;
}

/**
 * An HTTP client for one of Flink's REST endpoints (the SQL Gateway or the JobManager).
 * @param name - how errors name it, e.g. "Flink SQL Gateway"
 * @param url - its base URL (a trailing slash is dropped), e.g. http://127.0.0.1:18083
 * @param configKey - the config key holding `url`, named in "cannot reach" errors (flink.gatewayUrl)
 * @param timeoutMs - per request, in milliseconds. Defaults to 30 000
 */
export function createEndpoint(name: string, url: string, configKey: string, timeoutMs = 30_000): Endpoint {
  const http = axios.create({ baseURL: url.replace(/\/+$/, ''), timeout: timeoutMs, headers: { 'content-type': 'application/json' } });
  return { name, url, configKey, http };
}

// The exceptions Flink's planner raises for a statement it cannot parse, validate or plan.
const SQL_REFUSED = /\b(SqlParseException|SqlValidatorException|org\.apache\.flink\.table\.api\.ValidationException|org\.apache\.flink\.sql\.parser\.impl\.ParseException)\b/;

/**
 * One JSON request to a Flink REST endpoint; Flink answers failures with `{ "errors": [..., trace] }`.
 * @param path - the REST path with its query, e.g. `/jobs/overview` (https://nightlies.apache.org/flink/flink-docs-release-1.20/docs/ops/rest_api/)
 * @returns the response body as JSON
 * @throws GatewayError (exit code 3) naming the endpoint and its config key when nobody answers;
 *   SessionMissingError when the gateway no longer knows the session; SqlRejectedError (4) when
 *   the trace shows Flink refusing a statement; ServerSideError (3) for any other server-side exception
 * @see https://nightlies.apache.org/flink/flink-docs-release-1.20/docs/dev/table/sql-gateway/rest/
 */
export async function request<T>(endpoint: Endpoint, method: Method, path: string, body?: unknown): Promise<T> {
  try {
    const response = await endpoint.http.request<T>({ method, url: path, data: body });
    return response.data;
  } catch (error) {
    throw toGatewayError(endpoint, method, path, error);
  }
}

function toGatewayError(endpoint: Endpoint, method: Method, path: string, error: unknown): GatewayError {
  if (!isAxiosError(error)) return new GatewayError(`${endpoint.name} request ${method} ${path} failed: ${String(error)}`, { cause: error });
  if (!error.response) {
    const code = error.code ?? 'no answer';
    const why = UNREACHABLE_CODES.has(code) || code === 'no answer' ? code : `${code}: ${error.message}`;
    return new GatewayError(
      `cannot reach the ${endpoint.name} at ${endpoint.url} (${why}): run \`tally stack up\` or check ${endpoint.configKey}`,
      { cause: error },
    );
  }
  const { status, data } = error.response;
  const trace = serverTrace(data);
  const rootCause = digRootCause(trace);
  const message = `${endpoint.name}: ${rootCause.message}`;
  if (/Session '[^']*' does not exist/.test(trace)) return new SessionMissingError(message, rootCause, trace, status);
  if (SQL_REFUSED.test(trace)) return new SqlRejectedError(message, rootCause, trace, status);
  if (status === 404 && !trace) return new ServerSideError(`${endpoint.name}: ${method} ${path} not found (HTTP 404); is ${endpoint.url} really a ${endpoint.name}?`, rootCause, trace, status);
  return new ServerSideError(message, rootCause, trace, status);
}

/** Flink puts the Java trace as the last entry of `errors`. */
function serverTrace(data: unknown): string {
  if (data && typeof data === 'object' && 'errors' in data && Array.isArray(data.errors)) {
    const texts = data.errors.filter((e): e is string => typeof e === 'string');
    return texts[texts.length - 1] ?? '';
  }
  return typeof data === 'string' ? data : '';
}
