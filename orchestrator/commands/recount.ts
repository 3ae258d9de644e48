import type { Command } from 'commander';
import { recount } from '../checks/recount.ts';
import { configFor } from '../context.ts';
import { CheckFailedError } from '../../shared/errors.ts';
import { formatTable, printResult } from '../output.ts';

export function register(program: Command): void {
  program.command('recount')
    .description('recount every vote from the raw log with the same tally SQL in Flink batch mode, and compare with the live tallies and Postgres')
    .option('--json', 'machine-readable output')
    .option('--sql-dir <dir>', 'the flink-sql folder (default: flink-sql/ beside the config file)')
    .option('--timeout <seconds>', 'how long the batch job may run', '600')
    .action(async (opts: { json?: boolean; sqlDir?: string; timeout: string }, command: Command) => {
      const config = configFor(command);
      const result = await recount(config, { sqlDir: opts.sqlDir, timeoutMs: Number(opts.timeout) * 1000, log: (l) => process.stderr.write(`${l}\n`) });
      printResult(Boolean(opts.json), result, () => `${formatTable(result.rows.map((r) => ({ tally: r.tally, recount: r.recount, live: r.live, postgres: r.postgres ?? '-', result: r.ok ? 'ok' : 'DIFF', detail: r.detail })))}\nrecounted up to ${result.boundedAt} in ${result.seconds.toFixed(1)}s (job ${result.jobId})`);
      const failed = result.rows.filter((r) => !r.ok);
      if (failed.length > 0) throw new CheckFailedError(`the recount differs for ${failed.map((r) => r.tally).join(', ')}`);
    });
}
