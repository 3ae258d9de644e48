import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { CheckFailedError } from '../../shared/errors.ts';
import { parseDurationOption, parseIntegerOption, parseNumberOption } from '../election/cli-numbers.ts';
import { formatTable } from '../output.ts';
import { stackDown, stackUp } from '../stack/stack.ts';
import { registerElection } from '../election/registration.ts';
import { castVotes } from '../election/simulator.ts';
import { deployJobs } from '../sql/deploy.ts';
import { resultsPageSettings, startUiServer } from '../../ui/index.ts';
import { pipelineHealthProvider, qualityChecksProvider } from '../checks/providers.ts';
import { waitUntilReconciled } from '../demo/reconcile.ts';
import { resetElection } from '../demo/reset.ts';
import { startProgressLine } from '../demo/progress-line.ts';
import { describeNight, nothingLeftMessage } from '../demo/night-summary.ts';

// `tally demo` (npm start): the whole election on the local stack, live in the browser. By default
// an election night (election/polling-day.ts): a few hundred thousand voters, turnout well below
// 100% and different per region, votes arriving on the polling day's curve over a few minutes,
// some regions reporting late. With --rate, every voter votes at a flat rate instead.

/** Voters the demo registers unless --voters says otherwise. */
export const DEMO_VOTERS = 300_000;
const DEMO_DURATION = '5min';
const DEMO_TURNOUT = 0.65;

interface DemoOptions {
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
  timeout: string;
}

export function register(program: Command): void {
  program.command('demo')
    .description('run a live election: stack up, register voters, deploy the Flink SQL jobs, cast votes, serve the results page')
    .option('--voters <n>', 'voters to register', parseIntegerOption('--voters', 1), DEMO_VOTERS)
    .option('--seed <s>', 'the election\'s seed: the same seed gives the same voters, choices and night (default: election.seed)', parseIntegerOption('--seed', Number.MIN_SAFE_INTEGER))
    .option('--duration <d>', 'how long the polling day lasts, e.g. 90s, 10min', parseDurationOption('--duration', 1_000), parseDurationOption('--duration')(DEMO_DURATION))
    .option('--turnout <t>', 'average turnout, 0..1; each region differs by up to 0.1', parseNumberOption('--turnout', 0, 1), DEMO_TURNOUT)
    .option('--rate <r>', 'no election night: every voter votes, at r votes per second (0 = as fast as possible)', parseNumberOption('--rate', 0))
    .option('--chaos <ratio>', 'share of injected bad events, 0..1 (default: election.chaosRatio)', parseNumberOption('--chaos', 0, 1))
    .option('--until-done', 'do not wait for Ctrl-C: exit once every vote is tallied; exit 0 only if the tallies equal Postgres')
    .option('--keep-stack', 'leave the services running when the demo ends')
    .option('--keep-election', 'carry on with the election already in this environment instead of starting a fresh one')
    .option('--no-ui', 'do not serve the results page')
    .option('--timeout <seconds>', 'with --until-done: how long to wait for the tallies to reconcile', '300')
    .action(async (opts: DemoOptions, command: Command) => {
      const config = configFor(command);
      const t0 = Date.now();
      const night = opts.rate === undefined ? { durationMs: opts.duration, turnout: opts.turnout } : undefined;
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

      if (opts.ui) say(`results page (once the stack is up): http://${config.env.ui.host}:${config.env.ui.port}/`);
      say('starting the local stack');
      await stackUp(config, (line) => say(`  ${line}`));
      if (!opts.keepElection) {
        say('starting a fresh election (tally reset)');
        await resetElection(config);
      }
      if (opts.keepElection && command.getOptionValueSource('voters') === 'default') {
        // Carrying on: the register stays as it is (the default --voters would grow it).
        say('keeping the register of the election already here');
      } else {
        say('registering the election');
        const registration = await registerElection(config, { voters: opts.voters, seed: opts.seed, progress: false });
        say(`  ${registration.voters} voters, ${registration.candidates} candidates, ${registration.parties} parties (${registration.votersPerSecond} voters/s)`);
      }
      say('deploying the Flink SQL jobs through the SQL Gateway');
      const deployed = await deployJobs(config, { log: (line) => say(`  ${line}`) });
      say(`  ${deployed.map((d) => `${d.job}: ${d.action}`).join(', ')}`);

      const ui = opts.ui
        ? await startUiServer(resultsPageSettings(config), { getHealth: pipelineHealthProvider(config), getChecks: qualityChecksProvider(config) })
        : undefined;
      if (ui) say(`results page: ${ui.url}`);

      say(night ? `polls open: a polling day (07:00-22:00) in ${(night.durationMs / 1000).toFixed(0)}s, turnout around ${(night.turnout * 100).toFixed(0)}%` : 'casting votes');
      const progressLine = startProgressLine(config, night ? { startedAt: Date.now(), durationMs: night.durationMs } : undefined);
      const votes = await castVotes(config, {
        rate: opts.rate,
        chaos: opts.chaos,
        seed: opts.seed,
        pollingDay: night,
        signal: abort.signal,
        progress: false,
      }).finally(() => progressLine.stop());
      say(`  ${votes.votes} votes and ${votes.badEventsTotal} bad events sent (${votes.votesPerSecond} votes/s); ${votes.alreadyVoted} voters had voted in an earlier run`);
      for (const line of describeNight(votes)) say(`  ${line}`);
      const nothingLeft = nothingLeftMessage(votes);
      if (nothingLeft) say(nothingLeft);

      let failure: Error | undefined;
      if (opts.untilDone && !abort.signal.aborted) {
        say('waiting until every vote is tallied');
        const result = await waitUntilReconciled(config, {
          groundTruthFile: votes.alreadyVoted === 0 && votes.groundTruthFile ? votes.groundTruthFile : undefined,
          timeoutMs: Number(opts.timeout) * 1000,
        });
        process.stdout.write(`${formatTable(result.checks.map((c) => ({ check: c.check, result: c.ok ? 'ok' : 'FAIL', detail: c.detail })))}\n`);
        say(result.ok ? `every vote tallied and reconciled (${result.waitedSeconds.toFixed(1)}s after the last vote)` : 'the tallies did not reconcile');
        if (!result.ok) failure = new CheckFailedError(`tallies did not reconcile within ${opts.timeout}s: ${result.checks.filter((c) => !c.ok).map((c) => c.check).join('; ')}`);
      } else if (ui && !abort.signal.aborted && !nothingLeft) {
        // (Without the page nothing would keep Node's event loop alive: it would exit with code 13.)
        say('voting finished; the page stays live until Ctrl-C');
        await new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
      }

      await ui?.close();
      if (!opts.keepStack) {
        say('stopping the stack');
        await stackDown(config);
      }
      process.off('SIGINT', stopOnSignal);
      process.off('SIGTERM', stopOnSignal);
      if (failure) throw failure;
      say('done');
    });
}
