import type { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { runChecks, type CheckResult } from '../checks/quality.ts';
import { configFor } from '../context.ts';
import { CheckFailedError } from '../../shared/errors.ts';
import { formatTable, printResult } from '../output.ts';

export function register(program: Command): void {
  program.command('check')
    .description('data quality: referential integrity, row counts, one vote per voter, turnout <= 100%, tallies equal Postgres, every event accounted for')
    .option('--json', 'machine-readable output')
    .option('--wait <seconds>', 'retry until every check passes or this many seconds pass (the pipeline may still be catching up)', '0')
    .action(async (opts: { json?: boolean; wait: string }, command: Command) => {
      const config = configFor(command);
      const deadline = Date.now() + Number(opts.wait) * 1000;
      let results: CheckResult[] = await runChecks(config);
      while (results.some((r) => !r.ok) && Date.now() < deadline) {
        await sleep(2_000);
        results = await runChecks(config);
      }
      printResult(Boolean(opts.json), results, () => formatTable(results.map((r) => ({ check: r.check, result: r.ok ? 'ok' : 'FAIL', detail: r.detail }))));
      const failed = results.filter((r) => !r.ok);
      if (failed.length > 0) throw new CheckFailedError(`${failed.length} check(s) failed: ${failed.map((r) => r.check).join('; ')}`);
    });
}
