import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { formatTable, printResult } from '../output.ts';
import { listJobs } from '../sql/cluster-jobs.ts';

export function register(program: Command): void {
  program
    .command('jobs')
    .description('list Tally jobs on the cluster with their state, restarts and last checkpoint')
    .option('--all', 'include finished, cancelled and failed jobs')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { all?: boolean; json?: boolean }, command: Command) => {
      const jobs = await listJobs(configFor(command).env.flink, { all: opts.all });
      printResult(Boolean(opts.json), jobs, () =>
        formatTable(
          jobs.map((j) => ({
            job: j.job,
            'job id': j.jobId,
            status: j.state,
            started: new Date(j.startTime).toISOString(),
            restarts: j.restarts ?? '',
            checkpoint: j.checkpoint ? `#${j.checkpoint.id} ${new Date(j.checkpoint.completedAt).toISOString()} ${formatBytes(j.checkpoint.sizeBytes)}` : '',
            hash: j.hash,
          })),
          ['job', 'job id', 'status', 'started', 'restarts', 'checkpoint', 'hash'],
        ),
      );
    });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
