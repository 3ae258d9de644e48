import type { FlinkEndpoints } from '../../shared/config/settings.ts';
import { createEndpoint, request, type Endpoint } from './http.ts';
import { SessionMissingError } from './errors.ts';
import { executeAndWait } from './statements.ts';

// A SQL Gateway session that survives the gateway forgetting it. The gateway drops sessions after
// `sql-gateway.session.idle-timeout` or when it restarts; this object keeps the properties it was
// opened with and the SET/DDL statements that succeeded in it, and replays them into a new
// session the next time a statement is sent.

export interface SessionOptions {
  name?: string;
  /** Session configuration, e.g. { 'execution.runtime-mode': 'batch' }. */
  properties?: Record<string, string>;
  /** How often to tell the gateway the session is alive; 0 turns the heartbeat off. */
  heartbeatMs?: number;
}

/** Statements that change the session's state and must be replayed into a reopened session. */
const SESSION_STATE = /^(SET|RESET|USE|ADD\s+JAR|LOAD\s+MODULE|UNLOAD\s+MODULE|CREATE|DROP|ALTER)\b/i;

export class GatewaySession {
  private replay: string[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  /** How many times the session had to be reopened (for logs and tests). */
  reopenCount = 0;

  private constructor(
    readonly endpoint: Endpoint,
    private sessionHandle: string,
    private readonly options: SessionOptions,
  ) {
    this.startHeartbeat();
  }

  static async open(endpoint: Endpoint, options: SessionOptions = {}): Promise<GatewaySession> {
    const handle = await createSession(endpoint, options);
    return new GatewaySession(endpoint, handle, options);
  }

  get handle(): string {
    return this.sessionHandle;
  }

  /** Submits a statement and returns its operation handle, reopening the session if it vanished. */
  async submit(statement: string): Promise<string> {
    try {
      return await this.submitOnce(statement);
    } catch (error) {
      if (!(error instanceof SessionMissingError) || this.closed) throw error;
      await this.reopen();
      return this.submitOnce(statement);
    }
  }

  /** Called once a statement finished successfully: session-changing ones are kept for replay. */
  remember(statement: string): void {
    if (SESSION_STATE.test(statement.trimStart())) this.replay.push(statement);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    try {
      await request(this.endpoint, 'DELETE', `/v1/sessions/${this.sessionHandle}`);
    } catch (error) {
      if (!(error instanceof SessionMissingError)) throw error;
    }
  }

  private async submitOnce(statement: string): Promise<string> {
    const answer = await request<{ operationHandle: string }>(this.endpoint, 'POST', `/v1/sessions/${this.sessionHandle}/statements`, { statement });
    return answer.operationHandle;
  }

  private async reopen(): Promise<void> {
    this.sessionHandle = await createSession(this.endpoint, this.options);
    this.reopenCount++;
    for (const statement of this.replay) await executeAndWait(this, statement, { remember: false });
  }

  private startHeartbeat(): void {
    const every = this.options.heartbeatMs ?? 60_000;
    if (every <= 0) return;
    this.heartbeat = setInterval(() => {
      request(this.endpoint, 'POST', `/v1/sessions/${this.sessionHandle}/heartbeat`).catch(() => {
        // A missed heartbeat is harmless: a vanished session is reopened on the next statement.
      });
    }, every);
    this.heartbeat.unref();
  }
}

async function createSession(endpoint: Endpoint, options: SessionOptions): Promise<string> {
  const answer = await request<{ sessionHandle: string }>(endpoint, 'POST', '/v1/sessions', {
    sessionName: options.name ?? 'tally',
    properties: options.properties ?? {},
  });
  return answer.sessionHandle;
}

/**
 * The SQL Gateway's REST endpoint.
 * @param flink - gatewayUrl (flink.gatewayUrl, e.g. http://127.0.0.1:18083)
 * @param timeoutMs - of each request. Defaults to 30 000
 */
export function gatewayEndpoint(flink: Pick<FlinkEndpoints, 'gatewayUrl'>, timeoutMs?: number): Endpoint {
  return createEndpoint('Flink SQL Gateway', flink.gatewayUrl, 'flink.gatewayUrl', timeoutMs);
}

/**
 * Opens a session on the SQL Gateway (POST /v1/sessions) that reopens itself when the gateway forgets it.
 * @param flink - gatewayUrl (flink.gatewayUrl)
 * @param options - the session's name, properties and heartbeat interval
 * @throws GatewayError when the gateway is unreachable or refuses the session
 * @see https://nightlies.apache.org/flink/flink-docs-release-1.20/docs/dev/table/sql-gateway/rest/
 */
export async function openSession(flink: Pick<FlinkEndpoints, 'gatewayUrl'>, options: SessionOptions = {}): Promise<GatewaySession> {
  return GatewaySession.open(gatewayEndpoint(flink), options);
}
