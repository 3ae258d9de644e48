import type { LoadedConfig } from '../../shared/config/load.ts';
import { GatewayError, TallyError, UsageError } from '../../shared/errors.ts';
import { poll } from '../../shared/poll.ts';
import { jobManagerEndpoint, jobState } from '../gateway/jobmanager.ts';
import { openSession, type GatewaySession } from '../gateway/session.ts';
import { executeAndWait, type StatementResult } from '../gateway/statements.ts';
import { isActive, tallyJobsOnCluster } from './cluster-jobs.ts';
import { readDeploymentState, writeDeploymentState } from './state.ts';

// Stopping jobs through the gateway (`STOP JOB ... WITH SAVEPOINT`), waiting until the cluster
// has really let go of them so their slots are free.

/**
 * Stops one cluster job through the SQL Gateway (`STOP JOB '<id>' [WITH SAVEPOINT]`, retried while
 * its tasks are still starting), then waits until the JobManager reports it ended.
 * @param jobId - 32 hex digits
 * @returns the savepoint path when one was asked for
 * @throws UsageError (exit code 2) for a malformed job id; GatewayError (3) when the gateway or
 *   JobManager fails, reports no savepoint, or the job still runs 60 s later
 */
export async function stopClusterJob(config: LoadedConfig, jobId: string, options: { savepoint: boolean }): Promise<string | undefined> {
  if (!/^[0-9a-f]{32}$/.test(jobId)) throw new UsageError(`"${jobId}" is not a Flink job id (32 hex digits)`);
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
  const result = await poll(() => executeAndWait(session, statement), {
    timeoutMs,
    intervalMs: 1000,
    retryOn: (error) => error instanceof TallyError && /Not all required tasks are currently running|is not being executed at the moment/.test(error.message),
    onTimeout: (_, lastError) => (lastError instanceof Error ? lastError : new GatewayError(`${statement} did not succeed within ${timeoutMs / 1000}s`)),
  });
  return result!;
}

async function waitUntilEnded(config: LoadedConfig, jobId: string, timeoutMs = 60_000): Promise<void> {
  const jm = jobManagerEndpoint(config.env.flink);
  await poll(() => jobState(jm, jobId), {
    timeoutMs,
    intervalMs: 300,
    until: (state) => !isActive(state),
    onTimeout: () => new GatewayError(`job ${jobId} is still running ${timeoutMs / 1000}s after it was asked to stop`),
  });
}

export interface StopResult {
  job: string;
  jobId: string;
  savepoint?: string;
}

/**
 * `tally stop`: stops every running copy of the Tally job `job` (by name), recording it as stopped
 * (and its savepoint) in its deployment state, so the next deploy resumes from there.
 * @throws UsageError (exit code 2) when no job of that name runs; GatewayError (3) as stopClusterJob
 */
export async function stopJob(config: LoadedConfig, job: string, options: { savepoint?: boolean } = {}): Promise<StopResult[]> {
  const running = (await tallyJobsOnCluster(jobManagerEndpoint(config.env.flink))).filter((j) => j.job === job);
  if (running.length === 0) throw new UsageError(`no running job named ${job} (see \`tally jobs\`)`);
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
