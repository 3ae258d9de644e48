import type { LoadedConfig } from '../../shared/config/load.ts';
import { GatewayError, TallyError } from '../../shared/errors.ts';
import { jobManagerEndpoint, jobState } from '../gateway/jobmanager.ts';
import { openSession, type GatewaySession } from '../gateway/session.ts';
import { executeAndWait, type StatementResult } from '../gateway/statements.ts';
import { isActive, tallyJobsOnCluster } from './cluster-jobs.ts';
import { readDeploymentState, writeDeploymentState } from './state.ts';

// Stopping jobs through the gateway (`STOP JOB ... WITH SAVEPOINT`), waiting until the cluster
// has really let go of them so their slots are free.

/** Stops one cluster job; returns the savepoint path when one was asked for. */
export async function stopClusterJob(config: LoadedConfig, jobId: string, options: { savepoint: boolean }): Promise<string | undefined> {
  if (!/^[0-9a-f]{32}$/.test(jobId)) throw new GatewayError(`"${jobId}" is not a Flink job id (32 hex digits)`);
  const session = await openSession(config.env.flink, { name: 'tally-stop', heartbeatMs: 0 });
  let savepoint: string | undefined;
  try {
    const result = await stopWithRetry(session, `STOP JOB '${jobId}'${options.savepoint ? ' WITH SAVEPOINT' : ''}`);
    const value = result.rows[0]?.fields[0];
    // Without a savepoint the gateway answers a plain "OK".
    savepoint = options.savepoint && typeof value === 'string' && value.length > 0 ? value : undefined;
  } finally {
    await session.close().catch(() => undefined);
  }
  if (options.savepoint && !savepoint) throw new GatewayError(`job ${jobId} stopped, but the gateway reported no savepoint path`);
  await waitUntilEnded(config, jobId);
  return savepoint;
}

/** A savepoint cannot be taken while tasks are still starting; that passes within seconds. */
async function stopWithRetry(session: GatewaySession, statement: string, timeoutMs = 60_000): Promise<StatementResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await executeAndWait(session, statement);
    } catch (error) {
      const starting = error instanceof TallyError && /Not all required tasks are currently running|is not being executed at the moment/.test(error.message);
      if (!starting || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

async function waitUntilEnded(config: LoadedConfig, jobId: string, timeoutMs = 60_000): Promise<void> {
  const jm = jobManagerEndpoint(config.env.flink);
  const deadline = Date.now() + timeoutMs;
  while (isActive(await jobState(jm, jobId))) {
    if (Date.now() > deadline) throw new GatewayError(`job ${jobId} is still running ${timeoutMs / 1000}s after it was asked to stop`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export interface StopResult {
  job: string;
  jobId: string;
  savepoint?: string;
}

/** Stops a Tally job by its name (every running copy), recording the savepoint for the next deploy. */
export async function stopJob(config: LoadedConfig, job: string, options: { savepoint?: boolean } = {}): Promise<StopResult[]> {
  const running = (await tallyJobsOnCluster(jobManagerEndpoint(config.env.flink))).filter((j) => j.job === job);
  if (running.length === 0) throw new GatewayError(`no running job named ${job} (see \`tally jobs\`)`);
  const results: StopResult[] = [];
  for (const copy of running) {
    const savepoint = await stopClusterJob(config, copy.jobId, { savepoint: Boolean(options.savepoint) });
    results.push({ job, jobId: copy.jobId, savepoint });
    const state = readDeploymentState(config, job);
    if (state) {
      const at = new Date().toISOString();
      writeDeploymentState(config, {
        ...state,
        stopped: { at, savepoint },
        savepoints: savepoint ? [...state.savepoints, { path: savepoint, takenAt: at, jobId: copy.jobId, hash: copy.hash, reason: 'stop' }] : state.savepoints,
      });
    }
  }
  return results;
}
