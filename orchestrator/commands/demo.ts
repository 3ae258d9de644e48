import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { CheckFailedError, UsageError } from '../errors.ts';
import { formatTable } from '../output.ts';
import { stackDown, stackUp } from '../stack/stack.ts';
import { registerElection } from '../election/registration.ts';
import { castVotes } from '../election/simulator.ts';
import { deployJobs } from '../sql/deploy.ts';
import { startUiServer } from '../../ui/server.ts';
import { pipelineHealthProvider, qualityChecksProvider } from '../checks/providers.ts';
import { waitUntilReconciled } from '../demo/reconcile.ts';
import { resetElection } from '../demo/reset.ts';

// `tally demo` (npm start): the whole election on the local stack, live in the browser.

interface DemoOptions {
  voters?: string;
  rate?: string;
  chaos?: string;
  untilDone?: boolean;
  keepStack?: boolean;
  keepElection?: boolean;
  ui: boolean;
  timeout: string;
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${flag} must be a non-negative number, not "${value}"`);
  return n;
}

export function register(program: Command): void {
  program.command('demo')
    .description('run a live election: stack up, register voters, deploy the Flink SQL jobs, cast votes, serve the results page')
    .option('--voters <n>', 'voters to register (default: election.voters)')
    .option('--rate <r>', 'votes per second, 0 = as fast as possible (default: election.voteRate)')
    .option('--chaos <ratio>', 'share of injected bad events, 0..1 (default: election.chaosRatio)')
    .option('--until-done', 'do not wait for Ctrl-C: exit once every vote is tallied; exit 0 only if the tallies equal Postgres')
    .option('--keep-stack', 'leave the services running when the demo ends')
    .option('--keep-election', 'carry on with the election already in this environment instead of starting a fresh one')
    .option('--no-ui', 'do not serve the results page')
    .option('--timeout <seconds>', 'with --until-done: how long to wait for the tallies to reconcile', '300')
    .action(async (opts: DemoOptions, command: Command) => {
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

      say('starting the local stack');
      await stackUp(config, (line) => say(`  ${line}`));
      if (!opts.keepElection) {
        say('starting a fresh election (tally reset)');
        await resetElection(config);
      }
      say('registering the election');
      const registration = await registerElection(config, { voters: number(opts.voters, '--voters'), progress: false });
      say(`  ${registration.voters} voters, ${registration.candidates} candidates, ${registration.parties} parties (${registration.votersPerSecond} voters/s)`);
      say('deploying the Flink SQL jobs through the SQL Gateway');
      const deployed = await deployJobs(config, { log: (line) => say(`  ${line}`) });
      say(`  ${deployed.map((d) => `${d.job}: ${d.action}`).join(', ')}`);

      const ui = opts.ui
        ? await startUiServer(config, { getHealth: pipelineHealthProvider(config), getChecks: qualityChecksProvider(config) })
        : undefined;
      if (ui) say(`results page: ${ui.url}`);

      say('casting votes');
      const votes = await castVotes(config, {
        rate: number(opts.rate, '--rate'),
        chaos: number(opts.chaos, '--chaos'),
        signal: abort.signal,
        progress: false,
      });
      say(`  ${votes.votes} votes and ${votes.badEventsTotal} bad events sent (${votes.votesPerSecond} votes/s); ${votes.alreadyVoted} voters had voted in an earlier run`);

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
      } else if (!abort.signal.aborted) {
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
