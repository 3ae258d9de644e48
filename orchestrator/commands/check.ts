import type { Command } from 'commander';
import { runChecks } from '../checks/quality.ts';
import { poll } from '../../shared/poll.ts';
import { configFor } from '../context.ts';
import { CheckFailedError } from '../../shared/errors.ts';
import { FLAG_SCHEMAS, numberFlag } from '../../shared/flags.ts';
import { formatTable, printResult } from '../output.ts';

/** Adds `tally check` (see its --help) to `program`; numeric flags go through shared/flags.ts; fails with CheckFailedError (exit 1) when a check fails. */
export function register(program: Command): void {
  program.command('check')
    .description('data quality: referential integrity, row counts, one vote per voter, turnout <= 100%, tallies equal Postgres, every event accounted for')
    .option('--json', 'machine-readable output')
    .option('--wait <seconds>', 'retry until every check passes or this many seconds pass (the pipeline may still be catching up)', numberFlag('--wait', FLAG_SCHEMAS.seconds), 0)
    .action(async (opts: { json?: boolean; wait: number }, command: Command) => {
      const config = configFor(command);
      // The pipeline may still be catching up: run the checks again until all pass or --wait is over.
      const results = (await poll(() => runChecks(config), { timeoutMs: opts.wait * 1000, intervalMs: 2_000, until: (rs) => rs.every((r) => r.ok) }))!;
      printResult(Boolean(opts.json), results, () => formatTable(results.map((r) => ({ check: r.check, result: r.ok ? 'ok' : 'FAIL', detail: r.detail }))));
      const failed = results.filter((r) => !r.ok);
      if (failed.length > 0) throw new CheckFailedError(`${failed.length} check(s) failed: ${failed.map((r) => r.check).join('; ')}`);
    });
}
