import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { request } from '../gateway/http.ts';
import { jobManagerEndpoint } from '../gateway/jobmanager.ts';
import { listDeploymentStates } from './state.ts';

// `tally savepoints`: the savepoints Tally recorded while upgrading and stopping jobs, plus any
// others found in a local savepoint folder (flink.savepointDir, else the cluster's default).

export interface SavepointListing {
  path: string;
  job?: string;
  takenAt?: string;
  reason?: string;
  /** Whether the path still exists (only knowable for local file:// folders). */
  exists?: boolean;
  recorded: boolean;
}

export async function listSavepoints(config: LoadedConfig): Promise<SavepointListing[]> {
  const listings: SavepointListing[] = [];
  for (const state of listDeploymentStates(config)) {
    for (const sp of state.savepoints) {
      listings.push({ path: sp.path, job: state.job, takenAt: sp.takenAt, reason: sp.reason, exists: localExists(sp.path), recorded: true });
    }
  }
  const dir = config.env.flink.savepointDir ?? (await clusterSavepointDir(config));
  const local = dir ? localPath(dir) : undefined;
  if (local && existsSync(local)) {
    const recorded = new Set(listings.map((l) => localPath(l.path)));
    for (const name of readdirSync(local).filter((n) => n.startsWith('savepoint-')).sort()) {
      const path = join(local, name);
      if (recorded.has(path)) continue;
      listings.push({ path: `file:${path}`, takenAt: statSync(path).mtime.toISOString(), exists: true, recorded: false });
    }
  }
  return listings.sort((a, b) => (a.takenAt ?? '').localeCompare(b.takenAt ?? ''));
}

async function clusterSavepointDir(config: LoadedConfig): Promise<string | undefined> {
  try {
    const entries = await request<{ key: string; value: string }[]>(jobManagerEndpoint(config.env.flink), 'GET', '/jobmanager/config');
    return entries.find((e) => e.key === 'state.savepoints.dir')?.value;
  } catch {
    return undefined;
  }
}

function localPath(uri: string): string | undefined {
  if (uri.startsWith('file:')) return fileURLToPath(uri.startsWith('file://') ? uri : `file://${uri.slice('file:'.length)}`);
  if (uri.startsWith('/')) return uri;
  return undefined;
}

function localExists(uri: string): boolean | undefined {
  const path = localPath(uri);
  return path === undefined ? undefined : existsSync(path);
}
