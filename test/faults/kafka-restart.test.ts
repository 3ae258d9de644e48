import { describe, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { runElectionUnderFault, timeUntilFreshResults } from './support/election.ts';
import { killService, restartDownServices } from './support/services.ts';
import { ELECTION } from './support/sizes.ts';
import { expectEveryVoteCountedOnce } from './support/verdict.ts';

const config = loadConfig();

describe('the Kafka broker dies mid-election', () => {
  it('kill -9 of the only Kafka broker: producers retry through the outage, the jobs recover, no vote is lost or counted twice', async () => {
    const run = await runElectionUnderFault(config, ELECTION, 'kafka', async ({ page }) => {
      const killedAt = Date.now();
      await killService(config, 'kafka', 'SIGKILL');
      const fresh = timeUntilFreshResults(page, killedAt);
      await restartDownServices(config);
      return { recoveryMs: await fresh, recoveredWhen: 'page shows new votes' };
    });
    await expectEveryVoteCountedOnce('Kafka broker kill -9', 'SIGKILL kafka, stackUp', run);
  });
});
