import type { LoadedConfig } from '../shared/config/load.ts';
import { request, type Endpoint } from '../orchestrator/gateway/http.ts';
import { jobManagerEndpoint } from '../orchestrator/gateway/jobmanager.ts';

// The TaskManager's heap, from the JobManager REST API. With the hashmap state backend every
// job's state (per-voter ranks, joins, changelog normalisation, lookup caches) lives on this heap,
// so a full heap and a high GC share mean the state, not the operators, is the limit.

export interface HeapLoad {
  heapUsedMb: number;
  heapMaxMb: number;
  /** Milliseconds per second spent in garbage collection (all collectors) at the time of the sample. */
  gcMsPerSecond: number;
}

/** The first TaskManager's heap and GC share (Flink REST /taskmanagers/:id/metrics), or null when none runs. */
export async function taskManagerHeap(config: LoadedConfig): Promise<HeapLoad | null> {
  return (await taskManagerHeaps(config))[0] ?? null;
}

/** The heap and GC share of every TaskManager, in the JobManager's order. */
export async function taskManagerHeaps(config: LoadedConfig): Promise<HeapLoad[]> {
  const jm = jobManagerEndpoint(config.env.flink);
  const { taskmanagers } = await request<{ taskmanagers: { id: string }[] }>(jm, 'GET', '/taskmanagers');
  return Promise.all(taskmanagers.map((tm) => heapOf(jm, tm.id)));
}

async function heapOf(jm: Endpoint, id: string): Promise<HeapLoad> {
  const names = ['Status.JVM.Memory.Heap.Used', 'Status.JVM.Memory.Heap.Max', 'Status.JVM.GarbageCollector.All.TimeMsPerSecond'];
  const metrics = await request<{ id: string; value: string }[]>(jm, 'GET', `/taskmanagers/${encodeURIComponent(id)}/metrics?get=${names.join(',')}`);
  const value = (name: string): number => Number(metrics.find((m) => m.id === name)?.value ?? 0);
  const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
  return { heapUsedMb: mb(value(names[0]!)), heapMaxMb: mb(value(names[1]!)), gcMsPerSecond: Math.round(value(names[2]!)) };
}
