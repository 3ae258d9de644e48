import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { runChecksInWorker } from './checkThread.ts';

// The worker's success path needs Kafka and Postgres: test/election-night.test.ts runs it against
// the real stack and compares it with runChecks. Here: what a failing run looks like from outside.

describe('tally check on a worker thread', () => {
  it('rejects with the error the checks met in the worker (here: no Postgres on the port)', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const config = loadConfig({ environment: 'test', processEnv: { ...process.env, TALLY_POSTGRES__PORT: '1', TALLY_POSTGRES__MODE: 'external', TALLY_PG_PASSWORD: 'not-used' } });
    await expect(runChecksInWorker(config)).rejects.toThrow(/ECONNREFUSED|connect/);
  });

  it('stops a run that outlasts its timeout, and says so', async () => {
    const config = loadConfig({ environment: 'test' });
    await expect(runChecksInWorker(config, { timeoutMs: 1 })).rejects.toThrow(/did not finish within 0.001 s/);
  });
});
