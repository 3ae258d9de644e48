import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { UsageError } from '../../shared/errors.ts';
import { printResult } from '../output.ts';
import { resetElection } from '../demo/reset.ts';

export function register(program: Command): void {
  program.command('reset')
    .description('start a fresh election: cancel the tally jobs, recreate the topics, empty the Postgres tables (services keep running)')
    .option('--yes', 'confirm: every vote and registration of this environment is deleted')
    .option('--json', 'machine-readable output')
    .action(async (opts: { yes?: boolean; json?: boolean }, command: Command) => {
      const config = configFor(command);
      if (!opts.yes) throw new UsageError(`reset deletes the whole election of environment "${config.name}"; run again with --yes to confirm`);
      const summary = await resetElection(config);
      printResult(Boolean(opts.json), summary, () => `environment "${config.name}" reset: ${summary.jobsCancelled} job(s) cancelled, ${summary.topicsDeleted} topic(s) recreated, tables emptied: ${summary.tablesEmptied.join(', ')}`);
    });
}
