import { describe, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { runElectionUnderFault, timeUntilFreshResults } from './support/election.ts';
import { killService, restartDownServices } from './support/services.ts';
import { ELECTION } from './support/sizes.ts';
import { expectEveryVoteCountedOnce } from './support/verdict.ts';

const config = loadConfig();

describe('Postgres dies mid-election', () => {
  it('kill -9 of Postgres: lookup joins and the archive sink recover once it is back, no vote is lost or counted twice', async () => {
    const run = await runElectionUnderFault(config, ELECTION, 'postgres', async ({ page }) => {
      const killedAt = Date.now();
      await killService(config, 'postgres', 'SIGKILL');
      const fresh = timeUntilFreshResults(page, killedAt);
      await restartDownServices(config);
      return { recoveryMs: await fresh, recoveredWhen: 'page shows new votes' };
    });
    await expectEveryVoteCountedOnce('Postgres kill -9', 'SIGKILL postgres, stackUp', run);
  });
});
