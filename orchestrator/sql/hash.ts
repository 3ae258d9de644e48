import { createHash } from 'node:crypto';

/** First 12 hex digits of the sha256 of the parts, each separated so boundaries count. */
export function contentHash(parts: string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\u0000');
  return hash.digest('hex').slice(0, 12);
}

export const PIPELINE_PREFIX = 'tally:';

/** The name a job runs under on the cluster: `tally:<job>:<hash>`. */
export function pipelineName(job: string, hash: string): string {
  return `${PIPELINE_PREFIX}${job}:${hash}`;
}

/** Reads `tally:<job>:<hash>` back; undefined for jobs Tally did not name. */
export function parsePipelineName(name: string): { job: string; hash: string } | undefined {
  const match = /^tally:([a-z0-9][a-z0-9_-]*):([0-9a-f]{12})$/.exec(name);
  return match ? { job: match[1]!, hash: match[2]! } : undefined;
}
