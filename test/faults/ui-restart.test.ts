import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../shared/config/load.ts';
import { TALLIES, tallyFromTopic } from '../../orchestrator/checks/tallies.ts';
import { LIVE_PANELS } from '../../ui/views/livePanels.ts';
import { runElectionUnderFault } from './support/election.ts';
import { firstServerSentEvents, openPage, pageResults } from './support/page.ts';
import { ELECTION } from './support/sizes.ts';
import { expectEveryVoteCountedOnce } from './support/verdict.ts';
import { kafkaSettings } from '../../shared/config/settings.ts';

const config = loadConfig();

describe('the results page restarts mid-election', () => {
  it('a restarted page server reads the tally topics again from the start and shows every client the full, exact state', async () => {
    const run = await runElectionUnderFault(config, ELECTION, 'ui', async (context) => {
      const port = Number(new URL(context.page.url).port);
      const stoppedAt = Date.now();
      await context.page.close();
      context.page = await openPage(config, port);
      // A reconnecting browser (EventSource retries after `retry: 1000`) gets every panel at once.
      const events = await firstServerSentEvents(context.page, LIVE_PANELS.length);
      const recoveryMs = Date.now() - stoppedAt;
      expect(events.map((e) => e.event).sort()).toEqual(LIVE_PANELS.map((p) => p.name).sort());
      return { recoveryMs, recoveredWhen: 'SSE client has full state' };
    });
    await expectEveryVoteCountedOnce('UI server restart', 'close and restart the page server', run);

    // What the restarted page shows equals the tally topics (its reader catches up within seconds).
    const byName = (name: string): (typeof TALLIES)[number] => TALLIES.find((t) => t.name === name)!;
    const page = await openPage(config);
    try {
      const topicCandidates = await tallyFromTopic(kafkaSettings(config), byName('tally_by_candidate'));
      const topicParties = await tallyFromTopic(kafkaSettings(config), byName('tally_by_party'));
      let shown = await pageResults(page);
      for (let i = 0; i < 300 && shown.candidates.reduce((s, c) => s + c.votes, 0) < run.truth.total_valid; i++) {
        await sleep(100);
        shown = await pageResults(page);
      }
      expect(new Map(shown.candidates.map((c) => [c.candidate_id, c.votes]))).toEqual(topicCandidates);
      expect(new Map(shown.parties.filter((p) => p.votes > 0).map((p) => [p.party_id, p.votes]))).toEqual(topicParties);
      const sse = await firstServerSentEvents(page, LIVE_PANELS.length);
      const candidatesPanel = sse.find((e) => e.event === 'candidates')!.data;
      for (const votes of topicCandidates.values()) expect(candidatesPanel).toContain(votes.toLocaleString('en-GB'));
    } finally {
      await page.close();
    }
  });
});
