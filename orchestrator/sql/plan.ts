import type { LoadedConfig } from '../../shared/config/load.ts';
import { jobManagerEndpoint } from '../gateway/jobmanager.ts';
import { checkpointDirOf, latestRetainedCheckpoint } from './checkpoints.ts';
import { tallyJobsOnCluster, type ClusterJob } from './cluster-jobs.ts';
import { unifiedDiff } from './diff.ts';
import { loadSqlProject, type JobDefinition, type SqlProject } from './project.ts';
import { readDeploymentState, type DeploymentState } from './state.ts';

// `tally plan`: what `tally deploy` would do, per job. The cluster is the truth for what runs
// (pipeline names carry the hash); the state file supplies the SQL for the diff.

export type PlanAction = 'new' | 'changed' | 'unchanged' | 'orphaned';

export interface JobPlan {
  job: string;
  action: PlanAction;
  /** Hash of the files (absent for orphans). */
  hash?: string;
  running?: ClusterJob;
  /** Unified diff of the rendered SQL, running -> files (secrets masked). */
  diff?: string;
  /**
   * A savepoint a new job would resume from (left by `tally stop --savepoint`), or the last retained
   * checkpoint of a deployed job the cluster lost without being asked to stop it.
   */
  resumeFrom?: string;
  note?: string;
}

export interface Plan {
  project: SqlProject;
  jobs: JobPlan[];
}

export interface PlanOptions {
  jobs?: string[];
  sqlDir?: string;
  /** Secrets are only needed when the plan is about to be deployed. */
  resolveSecrets?: boolean;
}

export async function planJobs(config: LoadedConfig, options: PlanOptions = {}): Promise<Plan> {
  const project = loadSqlProject(config, { sqlDir: options.sqlDir, jobs: options.jobs, resolveSecrets: options.resolveSecrets ?? false });
  const running = await tallyJobsOnCluster(jobManagerEndpoint(config.env.flink));
  const checkpointDir = checkpointDirOf(config);
  const plans = project.jobs.map((job) => planJob(job, running.filter((r) => r.job === job.name), readDeploymentState(config, job.name), checkpointDir));
  if (!options.jobs || options.jobs.length === 0) {
    const known = new Set(project.jobs.map((j) => j.name));
    for (const orphan of running.filter((r) => !known.has(r.job))) {
      plans.push({ job: orphan.job, action: 'orphaned', running: orphan, note: `runs on the cluster (${orphan.jobId}) but jobs/${orphan.job}.sql does not exist; \`tally stop ${orphan.job}\` to stop it` });
    }
  }
  return { project, jobs: plans };
}

function planJob(job: JobDefinition, running: ClusterJob[], state: DeploymentState | undefined, checkpointDir: string): JobPlan {
  const current = running[0];
  const extra = running.length > 1 ? ` (${running.length} copies run: ${running.map((r) => r.jobId).join(', ')})` : '';
  if (!current) {
    const savepoint = state?.stopped?.savepoint;
    // Deployed and never stopped on purpose, yet gone: the cluster lost it (a JobManager restart
    // without high availability). Its retained checkpoint holds the counts.
    const lost = state && !state.stopped && state.jobId ? latestRetainedCheckpoint(checkpointDir, state.jobId) : undefined;
    const resumeFrom = savepoint ?? lost;
    return {
      job: job.name,
      action: 'new',
      hash: job.hash,
      resumeFrom,
      note: savepoint
        ? 'not running; will resume from the savepoint taken when it was stopped'
        : lost ? `not running (the cluster lost ${state!.jobId}); will resume from its last retained checkpoint` : 'not running',
    };
  }
  if (current.hash === job.hash) return { job: job.name, action: 'unchanged', hash: job.hash, running: current, note: `running as ${current.jobId}${extra}` };
  const known = state && state.hash === current.hash ? state.renderedText : undefined;
  return {
    job: job.name,
    action: 'changed',
    hash: job.hash,
    running: current,
    diff: known
      ? unifiedDiff(known, job.renderedText, { from: `running ${current.name}`, to: `files ${job.pipelineName}` })
      : undefined,
    note: known
      ? `running ${current.hash} -> ${job.hash}; upgrade through a savepoint${extra}`
      : `running ${current.hash} -> ${job.hash}; no local record of the running SQL under deployments/, so no diff${extra}`,
  };
}
