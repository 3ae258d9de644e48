import type { LoadedConfig } from '../../shared/config/load.ts';
import { listJobs } from '../sql/cluster-jobs.ts';
import type { PipelineHealth, QualityReport } from '../../ui/index.ts';
import { scheduleChecks, type CheckScheduleOptions } from './checkSchedule.ts';
import { runChecksInWorker } from './checkThread.ts';

// What the results page shows about the pipeline itself: Flink job health and `tally check`, in
// the shapes the page's OperationsProviders ask for.

/**
 * For the results page: the Tally jobs on the cluster with their state and last checkpoint (epoch
 * ms), or null when the JobManager cannot be asked (the page then shows "unknown").
 */
export function pipelineHealthProvider(config: LoadedConfig): () => Promise<PipelineHealth | null> {
  return async () => {
    try {
      const jobs = await listJobs(config.env.flink);
      return { jobs: jobs.map((j) => ({ name: j.job, status: j.state, lastCheckpoint: j.checkpoint?.completedAt })) };
    } catch {
      return null;
    }
  };
}

/**
 * For the results page: `tally check` as a report of its checks and when they ran, run on a
 * worker thread (checkThread.ts: off the thread that pushes to the browsers) on the schedule of
 * scheduleChecks (one run at a time, a pause of 5 s or more after each), or null when the last run
 * could not reach Postgres or Kafka (the page then shows "not available").
 * @param options - the pause and the clock (see CheckScheduleOptions)
 */
export function qualityChecksProvider(config: LoadedConfig, options: CheckScheduleOptions = {}): () => Promise<QualityReport | null> {
  return scheduleChecks(async () => (await runChecksInWorker(config)).map((r) => ({ name: r.check, ok: r.ok, detail: r.detail, finding: r.finding })), options);
}
