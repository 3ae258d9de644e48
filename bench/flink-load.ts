import type { LoadedConfig } from '../shared/config/load.ts';
import { request } from '../orchestrator/gateway/http.ts';
import { jobManagerEndpoint } from '../orchestrator/gateway/jobmanager.ts';
import { tallyJobsOnCluster } from '../orchestrator/sql/cluster-jobs.ts';

// How loaded each Flink operator is, from the JobManager REST API: the busy and back-pressured
// share of time of every vertex of every Tally job (the highest subtask's). The busiest vertex that
// is not itself back-pressured is where a pipeline's throughput is decided.

export interface VertexLoad {
  job: string;
  vertex: string;
  /** Share of time, 0..1; null when Flink measured it for no subtask. */
  busy: number | null;
  backpressured: number | null;
}

interface JobDetail { vertices: { id: string; name: string }[] }
/** Flink REST `GET /jobs/:jobid/vertices/:vertexid/backpressure`: per subtask, `ratio` is the back-pressured share. */
interface Backpressure { subtasks?: { busyRatio?: number | string; ratio?: number | string }[] }

/** The highest of the subtasks' ratios Flink could measure (it reports "NaN" for one it could not); null when none. */
function highest(ratios: (number | string | undefined)[]): number | null {
  const measured = ratios.map(Number).filter(Number.isFinite);
  return measured.length === 0 ? null : Math.max(...measured);
}

/**
 * Every vertex of every running Tally job with its busy and back-pressured share of time (0..1,
 * the highest subtask's), busiest first. Flink REST: `GET /jobs/:jobid` and
 * `GET /jobs/:jobid/vertices/:vertexid/backpressure`.
 * @throws GatewayError when the JobManager cannot be reached
 */
export async function flinkVertexLoads(config: LoadedConfig): Promise<VertexLoad[]> {
  const jm = jobManagerEndpoint(config.env.flink);
  const jobs = (await tallyJobsOnCluster(jm)).filter((j) => j.state === 'RUNNING');
  const loads = await Promise.all(jobs.map(async (job) => {
    const detail = await request<JobDetail>(jm, 'GET', `/jobs/${job.jobId}`);
    return Promise.all(detail.vertices.map(async (v) => {
      const bp = await request<Backpressure>(jm, 'GET', `/jobs/${job.jobId}/vertices/${v.id}/backpressure`);
      const subtasks = bp.subtasks ?? [];
      return {
        job: job.job,
        vertex: shortName(v.name),
        busy: highest(subtasks.map((s) => s.busyRatio)),
        backpressured: highest(subtasks.map((s) => s.ratio)),
      };
    }));
  }));
  return loads.flat().sort((a, b) => (b.busy ?? -1) - (a.busy ?? -1));
}

/**
 * flinkVertexLoads once the JobManager has figures: it answers from a metric store it refreshes at
 * most every 10 s and starts sampling back pressure on the first ask, so ask, wait 2 s, ask again.
 * @throws GatewayError when the JobManager cannot be reached
 */
export async function settledVertexLoads(config: LoadedConfig): Promise<VertexLoad[]> {
  await flinkVertexLoads(config).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 2_000));
  return flinkVertexLoads(config);
}

/** Vertex names are whole plans; the first operator names it well enough. */
function shortName(name: string): string {
  const first = name.replace(/<br\/>/g, ' ').replace(/\s+/g, ' ').trim();
  return first.length > 90 ? `${first.slice(0, 89)}…` : first;
}

/** The busiest vertices, for a report line. */
export function busiest(loads: VertexLoad[], count = 3): VertexLoad[] {
  const round = (ratio: number | null): number | null => (ratio === null ? null : Math.round(ratio * 100) / 100);
  return loads.slice(0, count).map((l) => ({ ...l, busy: round(l.busy), backpressured: round(l.backpressured) }));
}
