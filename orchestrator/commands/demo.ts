import type { Command } from 'commander';
import { durationFlag, FLAG_SCHEMAS, numberFlag } from '../../shared/flags.ts';
import { configFor } from '../context.ts';
import { runDemo } from '../demo/run-demo.ts';

// `tally demo` (npm start): parses the flags and runs the demo workflow (demo/run-demo.ts) until
// it ends or Ctrl-C.

/** Voters the demo registers unless --voters says otherwise. */
export const DEMO_VOTERS = 300_000;
const DEMO_DURATION = '5min';
const DEMO_TURNOUT = 0.65;
/** Bad events the demo mixes in by default (one per 200 votes), so the page shows rejections and their reasons. */
const DEMO_CHAOS = 0.005;

/** The flags as commander parses them (durations in ms, --timeout in seconds). */
interface DemoFlags {
  voters: number;
  seed?: number;
  duration: number;
  turnout: number;
  rate?: number;
  chaos?: number;
  untilDone?: boolean;
  keepStack?: boolean;
  keepElection?: boolean;
  ui: boolean;
  timeout: number;
}

/** Adds `tally demo` (see its --help) to `program`; numeric flags go through shared/flags.ts; fails with CheckFailedError (exit 1) when --until-done and the tallies do not reconcile. */
export function register(program: Command): void {
  program.command('demo')
    .description('run a live election: stack up, register voters, deploy the Flink SQL jobs, cast votes, serve the results page')
    .option('--voters <n>', 'voters to register', numberFlag('--voters', FLAG_SCHEMAS.voters), DEMO_VOTERS)
    .option('--seed <s>', 'the election\'s seed: the same seed gives the same voters, choices and night (default: election.seed)', numberFlag('--seed', FLAG_SCHEMAS.seed))
    .option('--duration <d>', 'how long the polling day lasts, e.g. 90s, 10min', durationFlag('--duration', 1_000), durationFlag('--duration')(DEMO_DURATION))
    .option('--turnout <t>', 'average turnout, 0..1; each region differs by up to 0.1', numberFlag('--turnout', FLAG_SCHEMAS.share), DEMO_TURNOUT)
    .option('--rate <r>', 'no election night: every voter votes, at r votes per second (0 = as fast as possible)', numberFlag('--rate', FLAG_SCHEMAS.voteRate))
    .option('--chaos <ratio>', 'share of injected bad events (duplicates, unknown voters, malformed JSON...), 0..1', numberFlag('--chaos', FLAG_SCHEMAS.chaosRatio), DEMO_CHAOS)
    .option('--until-done', 'do not wait for Ctrl-C: exit once every vote is tallied; exit 0 only if the tallies equal Postgres')
    .option('--keep-stack', 'leave the services running when the demo ends')
    .option('--keep-election', 'carry on with the election already in this environment instead of starting a fresh one')
    .option('--no-ui', 'do not serve the results page')
    .option('--timeout <seconds>', 'with --until-done: how long to wait for the tallies to reconcile', numberFlag('--timeout', FLAG_SCHEMAS.positiveSeconds), 300)
    .action(async (opts: DemoFlags, command: Command) => {
      const config = configFor(command);
      const t0 = Date.now();
      const say = (line: string): void => { process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${line}\n`); };
      const abort = new AbortController();
      let closing = false;
      const stopOnSignal = (): void => {
        if (closing) return;
        closing = true;
        say('stopping (Ctrl-C again does not hurry it)');
        abort.abort();
      };
      process.on('SIGINT', stopOnSignal);
      process.on('SIGTERM', stopOnSignal);
      try {
        await runDemo(config, {
          // Carrying on an election keeps its register as it is (the default --voters would grow it).
          voters: opts.keepElection && command.getOptionValueSource('voters') === 'default' ? undefined : opts.voters,
          seed: opts.seed,
          durationMs: opts.duration,
          turnout: opts.turnout,
          rate: opts.rate,
          chaos: opts.chaos,
          untilDone: opts.untilDone,
          timeoutMs: opts.timeout * 1000,
          keepStack: opts.keepStack,
          keepElection: opts.keepElection,
          ui: opts.ui,
          signal: abort.signal,
          say,
        });
      } finally {
        process.off('SIGINT', stopOnSignal);
        process.off('SIGTERM', stopOnSignal);
      }
      say('done');
    });
}
