import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedConfig } from '../../../shared/config/load.ts';
import { TALLIES, tallyFromTopic, total } from '../../../orchestrator/checks/tallies.ts';
import { waitUntilReconciled, type Reconciliation } from '../../../orchestrator/demo/reconcile.ts';
import { resetElection } from '../../../orchestrator/demo/reset.ts';
import type { GroundTruthFile } from '../../../orchestrator/election/ground-truth.ts';
import { registerElection } from '../../../orchestrator/election/registration.ts';
import { castVotes, type VoteSummary } from '../../../orchestrator/election/simulator.ts';
import { deployJobs } from '../../../orchestrator/sql/deploy.ts';
import type { UiServer } from '../../../ui/index.ts';
import { readGroundTruth } from '../../support/ground-truth.ts';
import { compareWithGroundTruth, type TallyComparison } from './exactness.ts';
import { countedOnPage, openPage, waitForCountBeyond } from './page.ts';
import type { ElectionSize } from './sizes.ts';
import { kafkaSettings } from '../../../shared/config/settings.ts';

// One election with a fault in the middle: a fresh election (reset, register, deploy), votes cast
// at a fixed rate with chaos events, the fault injected once part of the votes is counted, then
// voting finishes and the tallies are compared with the simulator's ground truth.

export interface FaultContext {
  config: LoadedConfig;
  /** The results page, served for the whole election. */
  page: UiServer;
  /** The election's simulator run (still casting when the fault is injected). */
  voting: Promise<VoteSummary>;
}

export interface FaultMeasure {
  recoveryMs: number;
  recoveredWhen: string;
  note?: string;
}

export interface ElectionUnderFault {
  votes: VoteSummary;
  truth: GroundTruthFile;
  measure: FaultMeasure;
  reconciliation: Reconciliation;
  /** How long after the last vote was sent the tallies reconciled. */
  reconciledAfterMs: number;
  comparison: TallyComparison;
}

const byCandidate = TALLIES.find((t) => t.name === 'tally_by_candidate')!;

async function countedOnTopic(config: LoadedConfig): Promise<number> {
  return total(await tallyFromTopic(kafkaSettings(config), byCandidate));
}

export async function runElectionUnderFault(
  config: LoadedConfig,
  size: ElectionSize,
  scenario: string,
  injectFault: (context: FaultContext) => Promise<FaultMeasure>,
): Promise<ElectionUnderFault> {
  await resetElection(config);
  await registerElection(config, { voters: size.voters, progress: false });
  await deployJobs(config);
  let page = await openPage(config);
  try {
    const voting = castVotes(config, { rate: size.rate, chaos: size.chaos, progress: false, groupId: `faults-${scenario}-${Date.now()}` });
    voting.catch(() => undefined);
    const faultAt = Math.round(size.voters * size.faultAt);
    while ((await countedOnTopic(config)) < faultAt) {
      if (await settled(voting)) {
        const outcome = await voting.then((v) => `${v.votes} votes cast, ${v.stoppedBecause}`, (e: unknown) => String(e));
        throw new Error(`voting ended (${outcome}) before ${faultAt} votes were counted (${await countedOnTopic(config)}): the fault would not land mid-election`);
      }
      await sleep(200);
    }
    const context: FaultContext = { config, page, voting };
    const measure = await injectFault(context);
    page = context.page;
    const votes = await voting;
    const lastVoteAt = Date.now();
    if (!votes.groundTruthFile) throw new Error('the simulator wrote no ground truth');
    const reconciliation = await waitUntilReconciled(config, { groundTruthFile: votes.groundTruthFile, timeoutMs: 240_000 });
    const reconciledAfterMs = Date.now() - lastVoteAt;
    const truth = readGroundTruth(votes.groundTruthFile);
    return { votes, truth, measure, reconciliation, reconciledAfterMs, comparison: await compareWithGroundTruth(config, truth) };
  } finally {
    await page.close();
  }
}

async function settled(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => true, () => true), sleep(0).then(() => false)]);
}

/**
 * Recovery as a reader sees it: from the fault until the page shows a count higher than the last
 * one it showed before. `settleMs` after the fault, the page's count is the baseline (what the
 * pipeline produced before the fault and was still on its way to the page).
 */
export async function timeUntilFreshResults(page: UiServer, faultAt: number, options: { settleMs?: number; timeoutMs?: number } = {}): Promise<number> {
  await sleep(Math.max(0, faultAt + (options.settleMs ?? 1_000) - Date.now()));
  const baseline = (await countedOnPage(page)) ?? 0;
  const freshAt = await waitForCountBeyond(page, baseline, options.timeoutMs ?? 240_000);
  return freshAt - faultAt;
}
