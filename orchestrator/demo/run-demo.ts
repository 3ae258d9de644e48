import type { LoadedConfig } from '../../shared/config/load.ts';
import { CheckFailedError } from '../../shared/errors.ts';
import { resultsPageSettings, startUiServer } from '../../ui/index.ts';
import { pipelineHealthProvider, qualityChecksProvider } from '../checks/providers.ts';
import { registerElection } from '../election/registration.ts';
import { castVotes } from '../election/simulator.ts';
import { formatTable } from '../output.ts';
import { deployJobs } from '../sql/deploy.ts';
import { stackDown, stackUp } from '../stack/stack.ts';
import { describeNight, nothingLeftMessage } from './night-summary.ts';
import { startProgressLine } from './progress-line.ts';
import { waitUntilReconciled } from './reconcile.ts';
import { resetElection } from './reset.ts';
import { formatCount, formatCountOf } from '../../shared/format.ts';

// The demo workflow (`tally demo`, npm start): the whole election on the local stack, live in the
// browser. By default an election night (election/polling-day.ts): a few hundred thousand voters,
// turnout well below 100% and different per region, votes arriving on the polling day's curve
// over a few minutes, some regions reporting late. With `rate`, every voter votes at a flat rate.

export interface DemoOptions {
  /** Voters to register; undefined keeps the register as it is (only with keepElection). */
  voters?: number;
  /** The election's seed (default: election.seed). */
  seed?: number;
  /** How long the polling day lasts, in ms (an election night; ignored with `rate`). */
  durationMs: number;
  /** Average turnout, 0..1 (an election night; ignored with `rate`). */
  turnout: number;
  /** No election night: every voter votes, at this many votes per second (0 = as fast as possible). */
  rate?: number;
  /** Share of injected bad events, 0..1 (default: election.chaosRatio). */
  chaos?: number;
  /** End once every vote is tallied; fail unless the tallies reconcile within `timeoutMs`. */
  untilDone?: boolean;
  /** With untilDone: how long to wait for the tallies to reconcile, in ms. */
  timeoutMs: number;
  /** Leave the services running when the demo ends. */
  keepStack?: boolean;
  /** Carry on with the election already in this environment instead of a fresh one (no reset). */
  keepElection?: boolean;
  /** Serve the results page. */
  ui: boolean;
  /** Ends the night early (Ctrl-C): the simulator stops, the page closes, the stack stops. */
  signal: AbortSignal;
  /** Where the progress lines go (the command prints them on stderr with the time since start). */
  say: (line: string) => void;
}

/**
 * Runs the demo: stack up, a fresh election (unless keepElection), registration, deploy, the
 * results page, the votes; then, with untilDone, waits until the tallies reconcile (printing the
 * checks as a table on stdout), else keeps the page live until `signal` aborts; finally closes the
 * page and (unless keepStack) stops the stack.
 * @throws CheckFailedError (exit code 1) when untilDone and the tallies did not reconcile in time;
 *   whatever the steps throw (StackError, GatewayError, SqlFileError, ...) when one fails
 */
export async function runDemo(config: LoadedConfig, options: DemoOptions): Promise<void> {
  const { say, signal } = options;
  const night = options.rate === undefined ? { durationMs: options.durationMs, turnout: options.turnout } : undefined;

  if (options.ui) say(`results page (once the stack is up): http://${config.env.ui.host}:${config.env.ui.port}/`);
  say('starting the local stack');
  await stackUp(config, (line) => say(`  ${line}`));
  if (!options.keepElection) {
    say('starting a fresh election (tally reset)');
    await resetElection(config);
  }
  if (options.voters === undefined) {
    say('keeping the register of the election already here');
  } else {
    say('registering the election');
    const registration = await registerElection(config, { voters: options.voters, seed: options.seed, progress: false });
    say(`  ${formatCount(registration.voters)} voters, ${registration.candidates} candidates, ${registration.parties} parties (${formatCount(registration.votersPerSecond)} voters/s)`);
  }
  say('deploying the Flink SQL jobs through the SQL Gateway');
  const deployed = await deployJobs(config, { log: (line) => say(`  ${line}`) });
  say(`  ${deployed.map((d) => `${d.job}: ${d.action}`).join(', ')}`);

  const ui = options.ui
    ? await startUiServer(resultsPageSettings(config), { getHealth: pipelineHealthProvider(config), getChecks: qualityChecksProvider(config) })
    : undefined;
  if (ui) say(`results page: ${ui.url}`);

  say(night ? `polls open: a polling day (07:00-22:00) in ${(night.durationMs / 1000).toFixed(0)}s, turnout around ${(night.turnout * 100).toFixed(0)}%` : 'casting votes');
  const progressLine = startProgressLine(config, night ? { startedAt: Date.now(), durationMs: night.durationMs } : undefined);
  const votes = await castVotes(config, {
    rate: options.rate,
    chaos: options.chaos,
    seed: options.seed,
    pollingDay: night,
    signal,
    progress: false,
  }).catch(async (error: unknown) => {
    await progressLine.stop();
    throw error;
  });
  const nothingLeft = nothingLeftMessage(votes);
  // With the page up, the line keeps going until the count has caught up, and says so: then the
  // tallies are final, and `tally check` and `tally recount` have nothing left to wait for.
  const counted = ui && !options.untilDone && !signal.aborted && !nothingLeft ? await progressLine.untilCounted(signal) : undefined;
  await progressLine.stop();
  const earlier = votes.alreadyVoted > 0 ? `; ${formatCountOf(votes.alreadyVoted, 'voter')} had voted in an earlier run` : '';
  say(`  ${formatCount(votes.votes)} votes and ${formatCount(votes.badEventsTotal)} bad events sent (${formatCount(votes.votesPerSecond)} votes/s)${earlier}`);
  for (const line of describeNight(votes)) say(`  ${line}`);
  if (nothingLeft) say(nothingLeft);
  if (counted) say(`the count is complete: ${formatCount(counted.counted)} votes counted, ${formatCount(counted.rejected)} events rejected (tally check and tally recount can run now)`);

  let failure: Error | undefined;
  if (options.untilDone && !signal.aborted) {
    say('waiting until every vote is tallied');
    const result = await waitUntilReconciled(config, {
      groundTruthFile: votes.alreadyVoted === 0 && votes.groundTruthFile ? votes.groundTruthFile : undefined,
      timeoutMs: options.timeoutMs,
    });
    process.stdout.write(`${formatTable(result.checks.map((c) => ({ check: c.check, result: c.ok ? 'ok' : 'FAIL', detail: c.detail })))}\n`);
    say(result.ok ? `every vote tallied and reconciled (${result.waitedSeconds.toFixed(1)}s after the last vote)` : 'the tallies did not reconcile');
    if (!result.ok) failure = new CheckFailedError(`tallies did not reconcile within ${options.timeoutMs / 1000}s: ${result.checks.filter((c) => !c.ok).map((c) => c.check).join('; ')}`);
  } else if (ui && !signal.aborted && !nothingLeft) {
    // (Without the page nothing would keep Node's event loop alive: it would exit with code 13.)
    say('voting finished; the page stays live until Ctrl-C');
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  await ui?.close();
  if (!options.keepStack) {
    say('stopping the stack');
    await stackDown(config);
  }
  if (failure) throw failure;
}
