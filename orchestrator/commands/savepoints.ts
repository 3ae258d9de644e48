import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { formatTable, printResult } from '../output.ts';
import { listSavepoints } from '../sql/savepoints.ts';

/** Adds `tally savepoints` (see its --help) to `program`; numeric flags go through shared/flags.ts. */
export function register(program: Command): void {
  program
    .command('savepoints')
    .description('list savepoints recorded by deploy/stop and found in the savepoint folder')
    .option('--json', 'print the list as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const savepoints = await listSavepoints(configFor(command));
      printResult(Boolean(opts.json), savepoints, () =>
        formatTable(
          savepoints.map((s) => ({ job: s.job ?? '', taken: s.takenAt ?? '', reason: s.reason ?? (s.recorded ? '' : 'found in folder'), exists: s.exists === undefined ? '?' : s.exists ? 'yes' : 'no', path: s.path })),
          ['job', 'taken', 'reason', 'exists', 'path'],
        ),
      );
    });
}
