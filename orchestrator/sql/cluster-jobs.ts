import type { FlinkEndpoints } from '../../shared/config/settings.ts';
import { jobManagerEndpoint, jobRestarts, latestCheckpoint, listJobOverviews, type JobOverview, type LatestCheckpoint } from '../gateway/jobmanager.ts';
import type { Endpoint } from '../gateway/http.ts';
import { parsePipelineName } from './hash.ts';

// The Tally jobs the cluster knows, identified by their `tally:<job>:<hash>` pipeline names.

export interface ClusterJob {
  job: string;
  hash: string;
  jobId: string;
  name: string;
  state: string;
  startTime: number;
}

const ENDED = new Set(['FINISHED', 'CANCELED', 'FAILED']);

export function isActive(state: string): boolean {
  return !ENDED.has(state);
}

export async function tallyJobsOnCluster(jm: Endpoint, options: { includeEnded?: boolean } = {}): Promise<ClusterJob[]> {
  const overviews = await listJobOverviews(jm);
  return overviews
    .flatMap((o: JobOverview) => {
      const parsed = parsePipelineName(o.name);
      return parsed ? [{ ...parsed, jobId: o.jid, name: o.name, state: o.state, startTime: o['start-time'] }] : [];
    })
    .filter((j) => options.includeEnded || isActive(j.state))
    .sort((a, b) => a.job.localeCompare(b.job) || b.startTime - a.startTime);
}

export interface JobListing extends ClusterJob {
  restarts?: number;
  checkpoint?: LatestCheckpoint;
}

/**
 * Tally jobs with their restarts and last completed checkpoint (for `tally jobs`), from the
 * JobManager's REST API (/jobs/overview, /jobs/:id, /jobs/:id/checkpoints).
 * @param flink - restUrl (flink.restUrl)
 * @param options - `all`: ended jobs too, not only running ones
 * @throws GatewayError when the JobManager is unreachable or answers with an error
 */
export async function listJobs(flink: Pick<FlinkEndpoints, 'restUrl'>, options: { all?: boolean } = {}): Promise<JobListing[]> {
  const jm = jobManagerEndpoint(flink);
  const jobs = await tallyJobsOnCluster(jm, { includeEnded: options.all });
  return Promise.all(
    jobs.map(async (job) => {
      if (!isActive(job.state)) return job;
      const [restarts, checkpoint] = await Promise.all([
        jobRestarts(jm, job.jobId).catch(() => undefined),
        latestCheckpoint(jm, job.jobId).catch(() => undefined),
      ]);
      return { ...job, restarts, checkpoint };
    }),
  );
}
