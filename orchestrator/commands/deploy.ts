import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { formatTable, printResult } from '../output.ts';
import { deployJobs, type DeployResult } from '../sql/deploy.ts';

/** Adds `tally deploy` (see its --help) to `program`; numeric flags go through shared/flags.ts. */
export function register(program: Command): void {
  program
    .command('deploy')
    .description('run the jobs in flink-sql/jobs/: submit new ones, upgrade changed ones through a savepoint, leave the rest alone')
    .argument('[job...]', 'job names (default: all)')
    .option('--dry-run', 'show what would be done, change nothing')
    .option('--from-scratch', 'start changed jobs without their previous state (counts restart from zero)')
    .option('--sql-dir <dir>', 'the flink-sql folder (default: flink-sql/ next to the config file)')
    .option('--json', 'print results as JSON')
    .action(async (jobs: string[], opts: { dryRun?: boolean; fromScratch?: boolean; sqlDir?: string; json?: boolean }, command: Command) => {
      const results = await deployJobs(configFor(command), {
        jobs,
        sqlDir: opts.sqlDir,
        dryRun: opts.dryRun,
        fromScratch: opts.fromScratch,
        log: opts.json ? undefined : (line) => process.stderr.write(`${line}\n`),
      });
      printResult(Boolean(opts.json), results, () => renderDeploy(results));
    });
}

function renderDeploy(results: DeployResult[]): string {
  const rows = results.map((r) => ({
    job: r.job,
    action: r.action,
    'job id': r.jobId ?? '',
    name: r.pipelineName,
    detail: r.restoredFrom ? `state from ${r.restoredFrom}` : r.previousJobId ? `replaces ${r.previousJobId}` : '',
  }));
  const diffs = results.filter((r) => r.diff).map((r) => `\n${r.job}:\n${r.diff}`);
  return [formatTable(rows), ...diffs].join('\n');
}
