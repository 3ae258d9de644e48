import { describe, expect, it } from 'vitest';
import { sampleSnapshot, T0 } from '../testing/sampleElection.ts';
import { LeadAnnouncer, SUMMARY_EVERY_MS } from './leadAnnouncer.ts';
import type { ResultsSnapshot } from './resultsSnapshot.ts';

function withLeader(snapshot: ResultsSnapshot, index: number): ResultsSnapshot {
  const candidate = snapshot.candidates[index]!;
  return { ...snapshot, leader: { candidate, runnerUp: snapshot.candidates[0]!, marginOverSecond: 3, tied: false } };
}

/** The sample election at `now` with `votes` counted (turnout of 400 registered) and votes flowing or not. */
function at(now: number, votes: number, flowing = true): ResultsSnapshot {
  const base = sampleSnapshot(now);
  return { ...base, headline: { ...base.headline, votesCounted: votes, turnout: votes / 400, votesFlowing: flowing } };
}

describe('the polite live announcement', () => {
  it('stays the same while nothing newsworthy happens, for up to a minute, then gives a summary of the current figures', () => {
    const announcer = new LeadAnnouncer();
    const first = announcer.announce(at(T0, 100));
    expect(first).toBe('Ada Lovelace (Management Party) leads by 20 votes with 50.0% of the vote. 25.0% of registered voters counted; 0 of 3 regions complete.');
    for (let s = 1; s < 60; s++) expect(announcer.announce(at(T0 + s * 1000, 100 + s))).toBe(first);
    expect(announcer.announce(at(T0 + SUMMARY_EVERY_MS, 240))).toContain('60.0% of registered voters counted');
  });

  it('speaks at once when the leader changes, with the figures of that moment', () => {
    const announcer = new LeadAnnouncer();
    announcer.announce(at(T0, 100));
    const changed = announcer.announce(withLeader(at(T0 + 1_000, 120), 2));
    expect(changed).toMatch(/^Grace Hopper \(Tech Republic Party\) now leads .* 30\.0% of registered voters counted/);
  });

  it('speaks when a region completes, naming it', () => {
    const announcer = new LeadAnnouncer();
    const before = at(T0, 100);
    announcer.announce(before);
    const regions = before.regions.map((r) => (r.region_id === 'north' ? { ...r, count: 'complete' as const } : r));
    const text = announcer.announce({ ...at(T0 + 1_000, 110), regions });
    expect(text).toMatch(/^Count complete in North\. .*1 of 3 regions complete\.$/);
  });

  it('says the settled figures once votes stop arriving, so the last thing said is not an earlier state', () => {
    const announcer = new LeadAnnouncer();
    const first = announcer.announce(at(T0, 100));
    expect(announcer.announce(at(T0 + 1_000, 180))).toBe(first);
    const settled = announcer.announce(at(T0 + 7_000, 200, false));
    expect(settled).toContain('50.0% of registered voters counted');
    expect(announcer.announce(at(T0 + 8_000, 200, false))).toBe(settled);
  });

  it('says when the polls close and when the count is complete everywhere', () => {
    const announcer = new LeadAnnouncer();
    const polls = { openedAt: T0 - 60_000, closesAt: T0 + 60_000, closedAt: null, countCaughtUp: false };
    announcer.announce({ ...at(T0, 100), polls });
    const closed = { ...polls, closedAt: T0 + 60_000 };
    expect(announcer.announce({ ...at(T0 + 61_000, 150), polls: closed })).toMatch(/^The polls have closed\. /);
    const done = at(T0 + 70_000, 160);
    const text = announcer.announce({ ...done, polls: { ...closed, countCaughtUp: true }, regions: done.regions.map((r) => ({ ...r, count: 'complete' as const })) });
    expect(text).toMatch(/^The count is complete in every region\. .*3 of 3 regions complete\.$/);
  });
});
