import { describe, expect, it } from 'vitest';
import { generateCandidates } from './candidates.ts';

const parties = [
  { party_id: 'MNP', name: 'Management Party', color: '#1f77b4' },
  { party_id: 'SVP', name: 'Savior Party', color: '#d62728' },
  { party_id: 'TBP', name: 'Tech Republic Party', color: '#2ca02c' },
];

describe('generateCandidates', () => {
  it('makes candidatesPerParty candidates for every party', () => {
    const candidates = generateCandidates({ seed: 1, locale: 'en_GB', parties, perParty: 4 });
    expect(candidates).toHaveLength(12);
    for (const p of parties) expect(candidates.filter((c) => c.party_id === p.party_id)).toHaveLength(4);
  });

  it('alternates gender, starting with male, as the original design did', () => {
    const candidates = generateCandidates({ seed: 1, locale: 'en_GB', parties, perParty: 3 });
    candidates.forEach((c, i) => expect(c.gender).toBe(i % 2 === 0 ? 'male' : 'female'));
  });

  it('is the same for the same seed and different for another seed', () => {
    const a = generateCandidates({ seed: 7, locale: 'en_GB', parties, perParty: 2 });
    expect(JSON.stringify(generateCandidates({ seed: 7, locale: 'en_GB', parties, perParty: 2 }))).toBe(JSON.stringify(a));
    expect(generateCandidates({ seed: 8, locale: 'en_GB', parties, perParty: 2 })[0]!.candidate_id).not.toBe(a[0]!.candidate_id);
  });

  it('gives each candidate a biography, a platform and an offline photo path', () => {
    for (const c of generateCandidates({ seed: 1, locale: 'en_GB', parties, perParty: 2 })) {
      expect(c.biography).toContain(c.name);
      expect(c.campaign_platform.split(';')).toHaveLength(3);
      expect(c.photo_url).toBe(`/photos/${c.candidate_id}.svg`);
    }
  });
});
