import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { CheckFailedError } from '../../shared/errors.ts';
import { formatTable, printResult } from '../output.ts';
import { validateJobs } from '../sql/validate.ts';

export function register(program: Command): void {
  program
    .command('validate')
    .description('check every job (or the named ones) with Flink EXPLAIN, without starting anything')
    .argument('[job...]', 'job names (file names under flink-sql/jobs/ without .sql)')
    .option('--sql-dir <dir>', 'the flink-sql folder (default: flink-sql/ next to the config file)')
    .option('--json', 'print results as JSON')
    .action(async (jobs: string[], opts: { sqlDir?: string; json?: boolean }, command: Command) => {
      const results = await validateJobs(configFor(command), { jobs, sqlDir: opts.sqlDir });
      printResult(Boolean(opts.json), results, () =>
        formatTable(results.map((r) => ({ job: r.job, result: r.ok ? 'OK' : r.error }))),
      );
      const failed = results.filter((r) => !r.ok);
      if (failed.length > 0) throw new CheckFailedError(`${failed.length} of ${results.length} jobs failed validation: ${failed[0]!.error}`);
    });
}
