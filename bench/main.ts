import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { BENCHMARKS, runBench, type BenchmarkName } from './run.ts';
import { writeResults } from './report.ts';
import { configFor } from '../orchestrator/context.ts';
import { UsageError } from '../shared/errors.ts';
import { FLAG_SCHEMAS, numberFlag } from '../shared/flags.ts';
import { reportFailure } from '../orchestrator/output.ts';

// `npm run bench` (tsx bench/main.ts): throughput, latency, registration and fan-out figures of
// this machine, measured on the environment's own stack (npm run bench sets TALLY_ENV=bench).
// Prints figures; never fails on a slow result. Not part of the `tally` CLI: the benchmarks and
// their load generators live here, beside their results (bench/results/).

interface BenchFlags {
  json?: boolean;
  quick?: boolean;
  only?: string;
  keepStack?: boolean;
  countVoters?: number;
  out: string;
}

const program = new Command('bench')
  .description(`measure the pipeline: ${BENCHMARKS.join(', ')}; writes bench/results/<date>.json and latest.md`)
  .option('-c, --config <file>', 'config file', 'tally.yaml')
  .option('-e, --env <name>', 'environment in the config file (default: TALLY_ENV or the file\'s defaultEnvironment)')
  .option('--verbose', 'print stack traces and full server errors')
  .option('--json', 'print the results as JSON')
  .option('--quick', 'small sizes: a smoke run of every benchmark in a few minutes')
  .option('--only <names>', `comma-separated subset of: ${BENCHMARKS.join(',')}`)
  .option('--count-voters <n>', 'voters of the count benchmark\'s election (default 1,000,000; 20,000 with --quick)', numberFlag('--count-voters', FLAG_SCHEMAS.voters))
  .option('--keep-stack', 'leave the services running afterwards')
  .option('--out <dir>', 'where results are written', join('bench', 'results'))
  .action(async (flags: BenchFlags, command: Command) => {
    const config = configFor(command);
    const only = parseOnly(flags.only);
    const log = (line: string): void => { process.stderr.write(`${line}\n`); };
    const sizes = flags.countVoters === undefined ? {} : { countVoters: flags.countVoters };
    const results = await runBench(config, { quick: Boolean(flags.quick), only, keepStack: Boolean(flags.keepStack), sizes, log });
    const files = writeResults(resolve(config.baseDir, flags.out), results);
    if (flags.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    else process.stdout.write(`results: ${files.json}\nsummary: ${files.markdown}\n`);
  })
  .exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error, Boolean(program.opts().verbose));
}

function parseOnly(value: string | undefined): BenchmarkName[] {
  if (value === undefined) return [...BENCHMARKS];
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(BENCHMARKS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new UsageError(`--only takes names from ${BENCHMARKS.join(', ')}; not: ${unknown.join(', ') || '(empty)'}`);
  return names as BenchmarkName[];
}
