import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedConfig } from '../../shared/config/load.ts';

// Checkpoints Flink retains on disk (externalized, RETAIN_ON_CANCELLATION) outlive the job that
// wrote them. A session cluster without high availability forgets its jobs when the JobManager
// restarts; the last retained checkpoint of such a job is where `tally deploy` resumes it.

/** The local folder of a file:// (or plain absolute) URI; undefined for remote file systems. */
export function localFolder(uri: string): string | undefined {
  if (uri.startsWith('file://')) return fileURLToPath(uri);
  if (uri.startsWith('file:')) return uri.slice('file:'.length);
  if (uri.startsWith('/')) return uri;
  return undefined;
}

/**
 * The newest complete checkpoint (`chk-N` with its `_metadata`) under `<checkpointDir>/<jobId>`,
 * as a file: URI Flink can restore from; undefined when there is none or the folder is not local.
 */
export function latestRetainedCheckpoint(checkpointDir: string, jobId: string): string | undefined {
  const root = localFolder(checkpointDir);
  if (!root) return undefined;
  const jobDir = join(root, jobId);
  if (!existsSync(jobDir)) return undefined;
  const complete = readdirSync(jobDir)
    .map((name) => ({ name, n: /^chk-(\d+)$/.exec(name)?.[1] }))
    .filter((c): c is { name: string; n: string } => c.n !== undefined && existsSync(join(jobDir, c.name, '_metadata')))
    .sort((a, b) => Number(b.n) - Number(a.n));
  const newest = complete[0];
  return newest ? `file:${join(jobDir, newest.name)}` : undefined;
}

/** Where this environment's jobs write checkpoints (flink.checkpointDir, else the local stack's). */
export function checkpointDirOf(config: LoadedConfig): string {
  return config.env.flink.checkpointDir ?? `file://${join(config.dataDir, 'flink', 'checkpoints')}`;
}
