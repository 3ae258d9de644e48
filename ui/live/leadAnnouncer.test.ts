import { describe, expect, it } from 'vitest';
import { sampleSnapshot, T0 } from '../testing/sampleElection.ts';
import { LeadAnnouncer, SUMMARY_EVERY_MS } from './leadAnnouncer.ts';
import type { ResultsSnapshot } from './resultsSnapshot.ts';

function withLeader(snapshot: ResultsSnapshot, index: number): ResultsSnapshot {
  const candidate = snapshot.candidates[index]!;
  return { ...snapshot, leader: { candidate, runnerUp: snapshot.candidates[0]!, marginOverSecond: 3, tied: false } };
}

describe('the polite live announcement', () => {
  it('stays the same while the leader does, for up to a minute, then gives a new summary', () => {
    const announcer = new LeadAnnouncer();
    const first = announcer.announce(sampleSnapshot(T0));
    expect(first).toContain('Ada Lovelace');
    for (let s = 1; s < 60; s++) {
      const later = { ...sampleSnapshot(T0 + s * 1000), headline: { ...sampleSnapshot(T0).headline, turnout: s / 100 } };
      expect(announcer.announce(later)).toBe(first);
    }
    const minuteLater = { ...sampleSnapshot(T0 + SUMMARY_EVERY_MS), headline: { ...sampleSnapshot(T0).headline, turnout: 0.6 } };
    expect(announcer.announce(minuteLater)).not.toBe(first);
  });

  it('speaks at once when the leader changes', () => {
    const announcer = new LeadAnnouncer();
    announcer.announce(sampleSnapshot(T0));
    const changed = announcer.announce(withLeader(sampleSnapshot(T0 + 1_000), 2));
    expect(changed).toContain('now leads');
  });
});
