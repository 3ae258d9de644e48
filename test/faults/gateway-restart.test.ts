import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { jobManagerEndpoint } from '../../orchestrator/gateway/jobmanager.ts';
import { openSession } from '../../orchestrator/gateway/session.ts';
import { executeAndWait } from '../../orchestrator/gateway/statements.ts';
import { tallyJobsOnCluster } from '../../orchestrator/sql/cluster-jobs.ts';
import { runTally } from '../support/cli.ts';
import { runElectionUnderFault } from './support/election.ts';
import { killService, restartDownServices } from './support/services.ts';
import { ELECTION } from './support/sizes.ts';
import { expectEveryVoteCountedOnce } from './support/verdict.ts';

const config = loadConfig();

describe('the SQL Gateway dies mid-election', () => {
  it('kill -9 of the SQL Gateway: the jobs keep running untouched, sessions reopen, and tally jobs / deploy / validate work again', async () => {
    const jm = jobManagerEndpoint(config.env.flink);
    let before: string[] = [];
    let reopened = 0;
    const run = await runElectionUnderFault(config, ELECTION, 'gateway', async () => {
      before = (await tallyJobsOnCluster(jm)).map((j) => j.jobId).sort();
      const session = await openSession(config.env.flink, { name: 'tally-faults', heartbeatMs: 0 });
      await executeAndWait(session, "SET 'table.local-time-zone' = 'UTC'");
      const killedAt = Date.now();
      await killService(config, 'sql-gateway', 'SIGKILL');
      await restartDownServices(config);
      // The session the gateway forgot is reopened with its settings replayed.
      await executeAndWait(session, 'SELECT 1');
      reopened = session.reopenCount;
      await session.close();
      const validate = await runTally(['validate', 'count_votes']);
      expect(validate.code, validate.stderr).toBe(0);
      return { recoveryMs: Date.now() - killedAt, recoveredWhen: 'gateway answers tally validate' };
    });
    expect(reopened).toBe(1);
    await expectEveryVoteCountedOnce('SQL Gateway kill -9', 'SIGKILL sql-gateway, stackUp', run);

    const jobs = await runTally(['jobs', '--json']);
    expect(jobs.code, jobs.stderr).toBe(0);
    const listed = JSON.parse(jobs.stdout) as { jobId: string; state: string }[];
    expect(listed.map((j) => j.jobId).sort()).toEqual(before);
    const deploy = await runTally(['deploy', '--json']);
    expect(deploy.code, deploy.stderr).toBe(0);
    const results = JSON.parse(deploy.stdout) as { action: string; jobId: string }[];
    expect(results.map((r) => r.action)).toEqual(results.map(() => 'unchanged'));
    expect(results.map((r) => r.jobId).sort()).toEqual(before);
  });
});
