import type { LoadedConfig } from '../../shared/config/load.ts';
import { GatewayError, TallyError } from '../../shared/errors.ts';
import { cancelJob, jobManagerEndpoint, JobNotRunningError, waitForJobRunning } from '../gateway/jobmanager.ts';
import { executeAndWait } from '../gateway/statements.ts';
import { ensureTopics } from '../../shared/kafka/client.ts';
import { withJobSession } from './job-session.ts';
import { planJobs, type JobPlan } from './plan.ts';
import type { JobDefinition } from './project.ts';
import { readDeploymentState, writeDeploymentState, type DeploymentState, type SavepointRecord } from './state.ts';
import { stopClusterJob } from './stop.ts';
import { kafkaSettings } from '../../shared/config/settings.ts';

// `tally deploy`: make the cluster run what the files say. Unchanged jobs are left alone; new ones
// are submitted; changed ones are stopped with a savepoint and resubmitted from it, so their state
// (the counts) carries over. Every job is named `tally:<job>:<hash>` on the cluster.

export type DeployAction = 'unchanged' | 'submitted' | 'resumed' | 'upgraded' | 'would-submit' | 'would-upgrade';

export interface DeployResult {
  job: string;
  action: DeployAction;
  pipelineName: string;
  jobId?: string;
  previousJobId?: string;
  /** The savepoint the new job started from. */
  restoredFrom?: string;
  /** The savepoint taken from the previous version. */
  savepoint?: string;
  diff?: string;
}

export interface DeployOptions {
  jobs?: string[];
  sqlDir?: string;
  dryRun?: boolean;
  /** Start changed jobs without their previous state. */
  fromScratch?: boolean;
  /** Create the Kafka topics named in config first (default true). */
  ensureTopics?: boolean;
  /** How long to wait for each job to run. */
  runningTimeoutMs?: number;
  /** Progress lines ("stopping x with a savepoint..."). */
  log?: (line: string) => void;
}

const DEPLOY_CONCURRENCY = 4;

/** The savepoint exists but the changed SQL cannot take its state over. */
export class StateRestoreError extends GatewayError {}

export async function deployJobs(config: LoadedConfig, options: DeployOptions = {}): Promise<DeployResult[]> {
  // Rendering (variables, secrets, splitting) happens here, before anything is sent.
  const plan = await planJobs(config, { jobs: options.jobs, sqlDir: options.sqlDir, resolveSecrets: !options.dryRun });
  const byName = new Map(plan.project.jobs.map((j) => [j.name, j]));
  const todo = plan.jobs.filter((p) => p.action !== 'orphaned');
  if (!options.dryRun && (options.ensureTopics ?? true) && todo.some((p) => p.action !== 'unchanged')) await ensureTopics(kafkaSettings(config));
  // Jobs are independent: submit a few at a time (planning a job takes the gateway seconds).
  const results: DeployResult[] = new Array(todo.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const index = next++;
      const jobPlan = todo[index]!;
      results[index] = await deployOne(config, byName.get(jobPlan.job)!, jobPlan, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DEPLOY_CONCURRENCY, todo.length) }, worker));
  return results;
}

async function deployOne(config: LoadedConfig, job: JobDefinition, plan: JobPlan, options: DeployOptions): Promise<DeployResult> {
  const log = options.log ?? (() => undefined);
  const base = { job: job.name, pipelineName: job.pipelineName };
  if (plan.action === 'unchanged') return { ...base, action: 'unchanged', jobId: plan.running?.jobId };
  if (options.dryRun) {
    return plan.action === 'changed'
      ? { ...base, action: 'would-upgrade', previousJobId: plan.running?.jobId, diff: plan.diff }
      : { ...base, action: 'would-submit', restoredFrom: options.fromScratch ? undefined : plan.resumeFrom };
  }

  const previous = readDeploymentState(config, job.name);
  const savepoints: SavepointRecord[] = [...(previous?.savepoints ?? [])];
  let restoreFrom = options.fromScratch ? undefined : plan.resumeFrom;
  let taken: string | undefined;
  if (plan.action === 'changed' && plan.running) {
    log(`${job.name}: stopping ${plan.running.jobId} with a savepoint`);
    taken = await stopClusterJob(config, plan.running.jobId, { savepoint: true });
    if (taken) {
      savepoints.push({ path: taken, takenAt: new Date().toISOString(), jobId: plan.running.jobId, hash: plan.running.hash, reason: 'upgrade' });
      // Remember the savepoint at once: if the new version cannot start, it is the way back.
      writeDeploymentState(config, {
        ...(previous ?? emptyState(job)),
        stopped: { at: new Date().toISOString(), savepoint: taken },
        savepoints,
      });
    }
    restoreFrom = options.fromScratch ? undefined : taken;
  }

  log(`${job.name}: submitting ${job.pipelineName}${restoreFrom ? ` from ${restoreFrom}` : ''}`);
  const jobId = await submitJob(config, job, restoreFrom);
  try {
    await waitForJobRunning(jobManagerEndpoint(config.env.flink), jobId, { timeoutMs: options.runningTimeoutMs });
  } catch (error) {
    // Never leave a job that could not start restarting on the cluster, holding slots.
    await cancelJob(jobManagerEndpoint(config.env.flink), jobId).catch(() => undefined);
    throw restoreFrom && isStateMappingFailure(error) ? stateRestoreError(job, restoreFrom, error) : error;
  }
  writeDeploymentState(config, {
    job: job.name,
    hash: job.hash,
    pipelineName: job.pipelineName,
    jobId,
    deployedAt: new Date().toISOString(),
    renderedText: job.renderedText,
    restoredFrom: restoreFrom,
    savepoints,
  });
  const action: DeployAction = plan.action === 'changed' ? 'upgraded' : restoreFrom ? 'resumed' : 'submitted';
  return { ...base, action, jobId, previousJobId: plan.running?.jobId, restoredFrom: restoreFrom, savepoint: taken };
}

/** Submits the job in a fresh session and returns its cluster job id. */
export async function submitJob(config: LoadedConfig, job: JobDefinition, savepoint: string | undefined): Promise<string> {
  return withJobSession(config, job.tables, async (session) => {
    for (const setting of job.settings) await executeAndWait(session, setting.statement.sql, { source: setting.statement });
    await executeAndWait(session, `SET 'pipeline.name' = '${job.pipelineName}'`);
    if (savepoint) {
      await executeAndWait(session, `SET 'execution.savepoint.path' = '${savepoint}'`);
      await executeAndWait(session, `SET 'execution.savepoint.ignore-unclaimed-state' = 'false'`);
    }
    try {
      const result = await executeAndWait(session, job.statement.sql, { source: job.statement });
      if (!result.jobId) throw new GatewayError(`${job.file}: the gateway started no job for this statement`);
      return result.jobId;
    } catch (error) {
      throw savepoint && isStateMappingFailure(error) ? stateRestoreError(job, savepoint, error) : error;
    }
  }, { name: `tally-deploy-${job.name}` });
}

const STATE_MAPPING = /allowNonRestoredState|Cannot map (checkpoint\/)?savepoint state|not available in the new program|incompatible|StateMigrationException|could not be restored|Failed to rollback to checkpoint\/savepoint/i;

function isStateMappingFailure(error: unknown): boolean {
  if (error instanceof JobNotRunningError) return STATE_MAPPING.test(`${error.rootMessage ?? ''}\n${error.trace ?? ''}`);
  if (error instanceof TallyError) return STATE_MAPPING.test(`${error.message}\n${error.detail ?? ''}`);
  return false;
}

function stateRestoreError(job: JobDefinition, savepoint: string, error: unknown): StateRestoreError {
  const reason = error instanceof JobNotRunningError ? error.rootMessage : error instanceof Error ? error.message : String(error);
  return new StateRestoreError(
    `${job.name}: the changed SQL cannot take over the state in savepoint ${savepoint} (${firstLine(reason ?? 'state cannot be mapped')}); ` +
      `the previous version is stopped and its state is kept there; run \`tally deploy ${job.name} --from-scratch\` to start without it`,
    { cause: error, detail: error instanceof TallyError ? error.detail : undefined },
  );
}

function emptyState(job: JobDefinition): DeploymentState {
  return { job: job.name, hash: '', pipelineName: '', jobId: '', deployedAt: '', renderedText: '', savepoints: [] };
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
