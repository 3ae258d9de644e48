import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../shared/config/load.ts';
import { GatewayError } from '../shared/errors.ts';
import { openSession, type GatewaySession } from '../orchestrator/gateway/session.ts';
import { executeAndWait, runStatements } from '../orchestrator/gateway/statements.ts';
import { jobManagerEndpoint, jobState } from '../orchestrator/gateway/jobmanager.ts';

// Against the real SQL Gateway of the integration tests' stack (the `test` environment).

function testConfig(overrides: NodeJS.ProcessEnv = {}): LoadedConfig {
  return loadConfig({ file: 'tally.yaml', processEnv: { ...process.env, ...overrides } });
}

const sessions: GatewaySession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close().catch(() => undefined);
});

async function session(properties?: Record<string, string>): Promise<GatewaySession> {
  const s = await openSession(testConfig().env.flink, { name: 'tally-test-gateway', properties });
  sessions.push(s);
  return s;
}

describe('the SQL Gateway client', () => {
  it('a statement runs and all its result pages come back', async () => {
    const s = await session({ 'execution.runtime-mode': 'batch' });
    const [result] = await runStatements(s, ['SELECT x, UPPER(y) AS y FROM (VALUES (1, \'a\'), (2, \'b\'), (3, \'c\')) AS t(x, y)']);
    expect(result!.columns).toEqual(['x', 'y']);
    expect(result!.rows.map((r) => r.fields)).toEqual([[1, 'A'], [2, 'B'], [3, 'C']]);
    expect(result!.truncated).toBeUndefined();
  });

  it('a streaming query stops at the row limit and its job is cancelled', async () => {
    const s = await session();
    await executeAndWait(s, "CREATE TABLE test_gen (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '50')");
    const result = await executeAndWait(s, 'SELECT n FROM test_gen', { limits: { maxRows: 7, timeoutMs: 60_000 } });
    expect(result.rows).toHaveLength(7);
    expect(result.truncated).toBe('rows');
    expect(result.jobId).toMatch(/^[0-9a-f]{32}$/);
    const jm = jobManagerEndpoint(testConfig().env.flink);
    await expect.poll(() => jobState(jm, result.jobId!), { timeout: 30_000, interval: 500 }).toMatch(/CANCEL/);
  });

  it('a session the gateway forgot is reopened with its settings and tables', async () => {
    const s = await session({ 'execution.runtime-mode': 'batch' });
    await executeAndWait(s, "CREATE TEMPORARY VIEW test_answer AS SELECT * FROM (VALUES (42)) AS t(answer)");
    await executeAndWait(s, "SET 'table.local-time-zone' = 'Europe/London'");
    const before = s.handle;
    await axios.delete(`${testConfig().env.flink.gatewayUrl}/v1/sessions/${before}`);

    const result = await executeAndWait(s, 'SELECT answer FROM test_answer');
    expect(result.rows.map((r) => r.fields)).toEqual([[42]]);
    expect(s.handle).not.toBe(before);
    expect(s.reopenCount).toBe(1);
    const settings = await executeAndWait(s, 'SET');
    const zone = settings.rows.find((r) => r.fields[0] === 'table.local-time-zone');
    expect(zone?.fields[1]).toBe('Europe/London');
  });

  it('a server error comes back as one line naming the root cause', async () => {
    const s = await session();
    const error = await executeAndWait(s, 'SELECT nosuch FROM (VALUES (1)) AS t(x)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).message).toBe("Flink SQL Gateway: Column 'nosuch' not found in any table");
    expect((error as GatewayError).detail).toContain('Caused by:');
  });

  it('an unreachable gateway names the endpoint and says what to do', async () => {
    const config = testConfig({ TALLY_FLINK__GATEWAY_URL: 'http://127.0.0.1:1' });
    const error = await openSession(config.env.flink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as Error).message).toBe('cannot reach the Flink SQL Gateway at http://127.0.0.1:1 (ECONNREFUSED): run `tally stack up` or check flink.gatewayUrl');
  });
});
