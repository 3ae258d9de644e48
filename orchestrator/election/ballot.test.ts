import { describe, expect, it } from 'vitest';
import { createBallot } from './ballot.ts';
import { generateCandidates } from './candidates.ts';
import { ukRegions } from '../../shared/election/regions.ts';

const parties = ['AAA', 'BBB', 'CCC'].map((id) => ({ party_id: id, name: id, color: '#000000' }));
const candidates = generateCandidates({ seed: 3, locale: 'en_GB', parties, perParty: 2 });

describe('createBallot', () => {
  it('gives a voter the same choice every time', () => {
    const a = createBallot(3, ukRegions(), candidates);
    const b = createBallot(3, ukRegions(), candidates);
    for (let i = 0; i < 100; i++) expect(a.choose(`voter-${i}`, 'london')).toBe(b.choose(`voter-${i}`, 'london'));
  });

  it('makes each region lean to its preferred party, so results differ by region', () => {
    const ballot = createBallot(3, ukRegions(), candidates);
    const leaders = new Set<string>();
    for (const region of ukRegions()) {
      const votes = new Map<string, number>();
      for (let i = 0; i < 3000; i++) {
        const party = ballot.choose(`voter-${i}`, region.region_id).party_id;
        votes.set(party, (votes.get(party) ?? 0) + 1);
      }
      const leader = [...votes].sort((x, y) => y[1] - x[1])[0]![0];
      expect(leader).toBe(ballot.preferredParty[region.region_id]);
      leaders.add(leader);
    }
    expect(leaders.size).toBeGreaterThan(1);
  });
});
