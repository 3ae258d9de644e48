import type { LoadedConfig } from '../../shared/config/load.ts';
import { listJobs } from '../sql/cluster-jobs.ts';
import type { PipelineHealth, QualityCheck } from '../../ui/index.ts';
import { runChecks } from './quality.ts';

// What the results page shows about the pipeline itself: Flink job health and `tally check`, in
// the shapes the page's OperationsProviders ask for.

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

/** `tally check` reads whole topics, so the page runs it at most every minIntervalMs. */
export function qualityChecksProvider(config: LoadedConfig, minIntervalMs = 30_000): () => Promise<QualityCheck[] | null> {
  let last: { at: number; checks: QualityCheck[] | null } | undefined;
  let running: Promise<QualityCheck[] | null> | undefined;
  return async () => {
    if (last && Date.now() - last.at < minIntervalMs) return last.checks;
    running ??= runChecks(config)
      .then((results) => results.map((r) => ({ name: r.check, ok: r.ok, detail: r.detail })))
      .catch(() => null)
      .then((checks) => {
        last = { at: Date.now(), checks };
        running = undefined;
        return checks;
      });
    return running;
  };
}
