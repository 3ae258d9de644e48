import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { formatTable, printResult } from '../output.ts';
import { stopJob } from '../sql/stop.ts';

/** Adds `tally stop` (see its --help) to `program`; numeric flags go through shared/flags.ts. */
export function register(program: Command): void {
  program
    .command('stop')
    .description('stop a Tally job by name; with --savepoint the next deploy resumes from its state')
    .argument('<job>', 'job name (as in `tally jobs`)')
    .option('--savepoint', 'take a savepoint while stopping')
    .option('--json', 'print the result as JSON')
    .action(async (job: string, opts: { savepoint?: boolean; json?: boolean }, command: Command) => {
      const results = await stopJob(configFor(command), job, { savepoint: opts.savepoint });
      printResult(Boolean(opts.json), results, () => formatTable(results.map((r) => ({ job: r.job, 'job id': r.jobId, savepoint: r.savepoint ?? '(none)' }))));
    });
}
