import type { LoadedConfig } from '../shared/config/load.ts';
import { firstLine } from '../shared/errors.ts';
import { resetElection } from '../orchestrator/demo/reset.ts';
import { registerElection, type RegistrationSummary } from '../orchestrator/election/registration.ts';
import { castVotes } from '../orchestrator/election/simulator.ts';
import { deployJobs } from '../orchestrator/sql/deploy.ts';
import { openProgressProbe, waitForDrain } from './pipeline-progress.ts';
import { startUiProcess, type UiProcess } from './ui-process.ts';
import { BENCH_VOTER_GROUP } from './vote-load.ts';

// The election the pipeline benchmarks vote in. Each voter votes once, so the benchmarks draw
// voters from a budget; when it runs out the election is reset and registered again (a fresh
// election: jobs cancelled, topics recreated), the jobs deployed and the results page restarted.

export const WARM_UP_VOTES = 3_000;

export class BenchElection {
  readonly #config: LoadedConfig;
  readonly #log: (line: string) => void;
  readonly #voters: number;
  #registered = 0;
  #used = 0;
  #deployed = false;
  #ui: UiProcess | undefined;

  constructor(config: LoadedConfig, voters: number, log: (line: string) => void) {
    this.#config = config;
    this.#voters = voters;
    this.#log = log;
  }

  /** Resets the environment and registers `voters` voters; returns registration's own summary. */
  async register(voters = this.#voters): Promise<RegistrationSummary> {
    await this.#ui?.stop();
    this.#ui = undefined;
    this.#deployed = false;
    let summary: RegistrationSummary | undefined;
    for (let attempt = 1; summary === undefined; attempt++) {
      this.#log('resetting the bench election');
      await resetElection(this.#config);
      // Recreated topics can refuse writes for a moment ("does not host this topic-partition").
      await new Promise((r) => setTimeout(r, 2_000));
      this.#log(`registering ${voters} voters`);
      try {
        summary = await registerElection(this.#config, { voters, progress: false });
      } catch (error) {
        if (attempt >= 3) throw error;
        this.#log(`  registration failed (${firstLine(error)}); resetting and trying again`);
      }
    }
    this.#registered = voters;
    this.#used = 0;
    return summary;
  }

  /** Registered voters, deployed jobs and a connected results page, with `votes` voters yet to vote. */
  async ready(votes: number): Promise<UiProcess> {
    if (this.#registered - this.#used < votes + (this.#deployed ? 0 : WARM_UP_VOTES)) await this.register(Math.max(this.#voters, votes + WARM_UP_VOTES));
    if (!this.#deployed) {
      this.#log('deploying the Flink SQL jobs');
      await deployJobs(this.#config, { log: (line) => this.#log(`  ${line}`) });
      this.#deployed = true;
      await this.#warmUp();
    }
    this.#ui ??= await startUiProcess(this.#config, this.#log);
    return this.#ui;
  }

  /** Stops the results page and starts it again; resolves once the new one is healthy. */
  async restartUi(): Promise<UiProcess> {
    await this.#ui?.stop();
    this.#ui = await startUiProcess(this.#config, this.#log);
    return this.#ui;
  }

  /** Freshly started jobs are slow for their first seconds (JIT, connections): a few votes first. */
  async #warmUp(): Promise<void> {
    this.#log(`warming the jobs up with ${WARM_UP_VOTES} votes`);
    const summary = await castVotes(this.#config, { rate: 1_000, count: WARM_UP_VOTES, chaos: 0, groupId: BENCH_VOTER_GROUP, groundTruthFile: false, progress: false });
    this.used(summary.votes);
    const probe = await openProgressProbe(this.#config);
    try {
      const last = await waitForDrain(probe, 180_000);
      if (last.backlog > 0) this.#log(`  the jobs still have ${last.backlog} warm-up votes to validate`);
    } finally {
      await probe.close();
    }
  }

  /** Voters left to vote in this election. */
  get remaining(): number {
    return this.#registered - this.#used;
  }

  /** Counts votes cast (each uses up a voter). */
  used(votes: number): void {
    this.#used += votes;
  }

  async close(): Promise<void> {
    await this.#ui?.stop();
    this.#ui = undefined;
  }
}
