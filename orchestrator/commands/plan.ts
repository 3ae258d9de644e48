import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { formatTable, printResult } from '../output.ts';
import { planJobs, type JobPlan } from '../sql/plan.ts';

/** Adds `tally plan` (see its --help) to `program`; numeric flags go through shared/flags.ts. */
export function register(program: Command): void {
  program
    .command('plan')
    .description('show what `tally deploy` would change: new, changed (with a diff), unchanged and orphaned jobs')
    .argument('[job...]', 'job names (default: all)')
    .option('--sql-dir <dir>', 'the flink-sql folder (default: flink-sql/ next to the config file)')
    .option('--json', 'print the plan as JSON')
    .action(async (jobs: string[], opts: { sqlDir?: string; json?: boolean }, command: Command) => {
      const plan = await planJobs(configFor(command), { jobs, sqlDir: opts.sqlDir });
      const view = plan.jobs.map((p) => ({ job: p.job, action: p.action, hash: p.hash, running: p.running, resumeFrom: p.resumeFrom, note: p.note, diff: p.diff }));
      printResult(Boolean(opts.json), view, () => renderPlan(plan.jobs));
    });
}

/** The plan as `tally plan` prints it: a table of jobs (action, hash, running job, note), then each changed job's diff. */
export function renderPlan(plans: JobPlan[]): string {
  const table = formatTable(plans.map((p) => ({ job: p.job, action: p.action, hash: p.hash ?? '', 'running job': p.running?.jobId ?? '', note: p.note ?? '' })));
  const diffs = plans.filter((p) => p.diff).map((p) => `\n${p.job}:\n${p.diff}`);
  return [table, ...diffs].join('\n');
}
