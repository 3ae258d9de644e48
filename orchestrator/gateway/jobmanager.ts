import type { FlinkEndpoints } from '../../shared/config/settings.ts';
import { GatewayError } from '../../shared/errors.ts';
import { createEndpoint, request, type Endpoint } from './http.ts';
import { ServerSideError } from './errors.ts';
import { digRootCause } from './root-cause.ts';

// The JobManager REST API: what runs on the cluster, its health and checkpoints.

export interface JobOverview {
  jid: string;
  name: string;
  state: string;
  'start-time': number;
  'end-time': number;
}

export interface LatestCheckpoint {
  id: number;
  completedAt: number;
  sizeBytes: number;
  externalPath?: string;
}

/**
 * The JobManager's REST endpoint (15 s per request).
 * @param flink - restUrl (flink.restUrl, e.g. http://127.0.0.1:18081)
 */
export function jobManagerEndpoint(flink: Pick<FlinkEndpoints, 'restUrl'>): Endpoint {
  return createEndpoint('Flink JobManager REST API', flink.restUrl, 'flink.restUrl', 15_000);
}

export async function listJobOverviews(jm: Endpoint): Promise<JobOverview[]> {
  const answer = await request<{ jobs: JobOverview[] }>(jm, 'GET', '/jobs/overview');
  return answer.jobs;
}

export async function jobState(jm: Endpoint, jobId: string): Promise<string> {
  const answer = await request<{ state: string }>(jm, 'GET', `/jobs/${jobId}`);
  return answer.state;
}

export async function jobRestarts(jm: Endpoint, jobId: string): Promise<number | undefined> {
  const answer = await request<{ id: string; value: string }[]>(jm, 'GET', `/jobs/${jobId}/metrics?get=numRestarts`);
  const value = answer.find((m) => m.id === 'numRestarts')?.value;
  return value === undefined ? undefined : Number(value);
}

export async function latestCheckpoint(jm: Endpoint, jobId: string): Promise<LatestCheckpoint | undefined> {
  interface Completed { id: number; latest_ack_timestamp: number; state_size?: number; checkpointed_size?: number; external_path?: string }
  const answer = await request<{ latest?: { completed?: Completed | null } }>(jm, 'GET', `/jobs/${jobId}/checkpoints`);
  const done = answer.latest?.completed;
  if (!done) return undefined;
  return { id: done.id, completedAt: done.latest_ack_timestamp, sizeBytes: done.state_size ?? done.checkpointed_size ?? 0, externalPath: done.external_path };
}

/** The job's root exception, as one line plus the full trace. */
export async function jobFailure(jm: Endpoint, jobId: string): Promise<{ message: string; trace: string } | undefined> {
  const answer = await request<{ 'root-exception'?: string | null; exceptionHistory?: { entries?: { stacktrace?: string }[] } }>(jm, 'GET', `/jobs/${jobId}/exceptions`);
  const trace = answer['root-exception'] ?? answer.exceptionHistory?.entries?.[0]?.stacktrace ?? '';
  return trace ? { message: digRootCause(trace).message, trace } : undefined;
}

/** Cancels a job through the JobManager (used to clean up a job that could not start). */
export async function cancelJob(jm: Endpoint, jobId: string): Promise<void> {
  await request(jm, 'PATCH', `/jobs/${jobId}?mode=cancel`);
}

export interface WaitOptions {
  timeoutMs?: number;
  /** Also wait until every task runs, not just the job (sources then really consume). */
  allTasks?: boolean;
}

/** Waits until the job runs; throws with the job's root exception if it fails or ends instead. */
export async function waitForJobRunning(jm: Endpoint, jobId: string, options: WaitOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    let state = 'UNKNOWN';
    let tasksReady = true;
    try {
      const job = await request<{ state: string; vertices?: { status: string }[] }>(jm, 'GET', `/jobs/${jobId}`);
      state = job.state;
      if (options.allTasks ?? true) tasksReady = (job.vertices ?? []).every((v) => v.status === 'RUNNING' || v.status === 'FINISHED');
    } catch (error) {
      // Right after submission the JobManager may not know the job yet.
      if (!(error instanceof ServerSideError && error.status === 404)) throw error;
    }
    if (state === 'RUNNING' && tasksReady) return;
    if (['FAILED', 'CANCELED', 'FINISHED', 'SUSPENDED'].includes(state)) {
      const failure = await jobFailure(jm, jobId).catch(() => undefined);
      throw new JobNotRunningError(jobId, state, failure?.message, failure?.trace);
    }
    if (state === 'RESTARTING' || state === 'FAILING') {
      const failure = await jobFailure(jm, jobId).catch(() => undefined);
      if (failure) throw new JobNotRunningError(jobId, state, failure.message, failure.trace);
    }
    if (Date.now() > deadline) throw new GatewayError(`job ${jobId} is still ${state} after ${Math.round((options.timeoutMs ?? 120_000) / 1000)}s; check free task slots with \`tally jobs --all\``);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export class JobNotRunningError extends GatewayError {
  constructor(readonly jobId: string, readonly state: string, readonly rootMessage: string | undefined, readonly trace: string | undefined) {
    const noSlots = /NoResourceAvailableException|Could not acquire the minimum required resources/.test(`${rootMessage ?? ''}${trace ?? ''}`);
    const hint = noSlots ? ' (no free task slots: stop a job or add TaskManager slots, see `tally jobs`)' : '';
    super(`job ${jobId} is ${state}${rootMessage ? `: ${rootMessage}` : ''}${hint}`, { detail: trace });
  }
}
