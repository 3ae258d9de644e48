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
  busy: number;
  backpressured: number;
}

interface JobDetail { vertices: { id: string; name: string }[] }
interface Backpressure { subtasks?: { busyRatio?: number; backPressuredRatio?: number; backpressureRatio?: number }[] }

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
        busy: Math.max(0, ...subtasks.map((s) => s.busyRatio ?? 0)),
        backpressured: Math.max(0, ...subtasks.map((s) => s.backPressuredRatio ?? s.backpressureRatio ?? 0)),
      };
    }));
  }));
  return loads.flat().sort((a, b) => b.busy - a.busy);
}

/** Vertex names are whole plans; the first operator names it well enough. */
function shortName(name: string): string {
  const first = name.replace(/<br\/>/g, ' ').replace(/\s+/g, ' ').trim();
  return first.length > 90 ? `${first.slice(0, 89)}…` : first;
}

/** The busiest vertices, for a report line. */
export function busiest(loads: VertexLoad[], count = 3): VertexLoad[] {
  return loads.slice(0, count).map((l) => ({ ...l, busy: Math.round(l.busy * 100) / 100, backpressured: Math.round(l.backpressured * 100) / 100 }));
}
