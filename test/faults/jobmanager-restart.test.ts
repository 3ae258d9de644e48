import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { jobManagerEndpoint } from '../../orchestrator/gateway/jobmanager.ts';
import { tallyJobsOnCluster } from '../../orchestrator/sql/cluster-jobs.ts';
import { deployJobs, type DeployResult } from '../../orchestrator/sql/deploy.ts';
import { runElectionUnderFault } from './support/election.ts';
import { killService, restartDownServices } from './support/services.ts';
import { ELECTION } from './support/sizes.ts';
import { expectEveryVoteCountedOnce } from './support/verdict.ts';

const config = loadConfig();

describe('the JobManager dies mid-election', () => {
  it('kill -9 of the JobManager (no HA) loses the jobs; tally deploy resumes each from its last retained checkpoint, no vote is lost or counted twice', async () => {
    const jm = jobManagerEndpoint(config.env.flink);
    let jobsAfterRestart: string[] = [];
    let redeployed: DeployResult[] = [];
    const run = await runElectionUnderFault(config, ELECTION, 'jobmanager', async () => {
      const killedAt = Date.now();
      await killService(config, 'jobmanager', 'SIGKILL');
      await restartDownServices(config);
      // Without ZooKeeper/Kubernetes HA the new JobManager knows no jobs: that is the honest state.
      jobsAfterRestart = (await tallyJobsOnCluster(jm, { includeEnded: true })).map((j) => j.jobId);
      redeployed = await deployJobs(config);
      // The TaskManager keeps the old tasks running until its JobManager heartbeat times out, so the
      // page moving is no sign of recovery here; the pipeline is back when every job runs again.
      return { recoveryMs: Date.now() - killedAt, recoveredWhen: 'all jobs running again after tally deploy', note: 'jobs resumed from retained checkpoints by tally deploy' };
    });
    expect(jobsAfterRestart).toEqual([]);
    expect(redeployed.map((r) => r.action)).toEqual(redeployed.map(() => 'resumed'));
    expect(redeployed.every((r) => /\/chk-\d+$/.test(r.restoredFrom ?? ''))).toBe(true);
    await expectEveryVoteCountedOnce('JobManager kill -9', 'SIGKILL jobmanager, stackUp, tally deploy', run);
  });
});
