import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { jobManagerEndpoint } from '../../orchestrator/gateway/jobmanager.ts';
import { tallyJobsOnCluster } from '../../orchestrator/sql/cluster-jobs.ts';
import { runElectionUnderFault, timeUntilFreshResults } from './support/election.ts';
import { killService, restartDownServices } from './support/services.ts';
import { ELECTION } from './support/sizes.ts';
import { expectEveryVoteCountedOnce } from './support/verdict.ts';

const config = loadConfig();

describe('the TaskManager is killed mid-election', () => {
  it('kill -9 of the TaskManager: the jobs restart from their checkpoints on a new TaskManager, no vote is lost or counted twice', async () => {
    const jm = jobManagerEndpoint(config.env.flink);
    let jobIdsBefore: string[] = [];
    const run = await runElectionUnderFault(config, ELECTION, 'taskmanager', async ({ page }) => {
      jobIdsBefore = (await tallyJobsOnCluster(jm)).map((j) => j.jobId).sort();
      const killedAt = Date.now();
      await killService(config, 'taskmanager', 'SIGKILL');
      const fresh = timeUntilFreshResults(page, killedAt);
      await restartDownServices(config);
      return { recoveryMs: await fresh, recoveredWhen: 'page shows new votes' };
    });
    await expectEveryVoteCountedOnce('TaskManager kill -9', 'SIGKILL taskmanager, stackUp', run);
    // The same jobs (ids) recovered in place: the exponential-delay restart strategy, from checkpoints.
    const after = await tallyJobsOnCluster(jm);
    expect(after.map((j) => j.jobId).sort()).toEqual(jobIdsBefore);
    expect(after.every((j) => j.state === 'RUNNING')).toBe(true);
  });
});
