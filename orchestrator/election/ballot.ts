import { hash32 } from '../../shared/election/ids.ts';
import type { Candidate, Region } from '../../shared/election/model.ts';
import { weightedIndex } from './seeded-random.ts';

// How a voter chooses: each region prefers one party (picked from the seed), so results differ by
// region, and every candidate also gets a seeded base appeal. The choice is a hash of the seed and
// the voter id: a voter always picks the same candidate, in whatever order voters are consumed.

export interface Ballot {
  /** The candidate a voter of `regionId` with `voterId` picks. */
  choose(voterId: string, regionId: string): Candidate;
  /** Each region's preferred party. */
  preferredParty: Record<string, string>;
  /** The expected share (0..1) of a region's votes for each party id. */
  partyShares(regionId: string): Record<string, number>;
}

const PREFERRED_PARTY_FACTOR = 2.5;

/** The seed's ballot over `regions` and `candidates`. @throws Error when there are no candidates */
export function createBallot(seed: number, regions: Region[], candidates: Candidate[]): Ballot {
  if (candidates.length === 0) throw new Error('a ballot needs at least one candidate');
  const partyIds = [...new Set(candidates.map((c) => c.party_id))];
  const appeal = candidates.map((c) => 1 + (hash32('appeal', seed, c.candidate_id) % 1000) / 1000);
  const preferredParty: Record<string, string> = {};
  const weightsByRegion = new Map<string, number[]>();
  for (const region of regions) {
    const preferred = partyIds[hash32('preferred-party', seed, region.region_id) % partyIds.length]!;
    preferredParty[region.region_id] = preferred;
    weightsByRegion.set(region.region_id, candidates.map((c, i) => appeal[i]! * (c.party_id === preferred ? PREFERRED_PARTY_FACTOR : 1)));
  }
  return {
    preferredParty,
    partyShares(regionId) {
      const weights = weightsByRegion.get(regionId) ?? appeal;
      const total = weights.reduce((sum, w) => sum + w, 0);
      const shares: Record<string, number> = {};
      candidates.forEach((c, i) => { shares[c.party_id] = (shares[c.party_id] ?? 0) + weights[i]! / total; });
      return shares;
    },
    choose(voterId, regionId) {
      const weights = weightsByRegion.get(regionId) ?? appeal;
      return candidates[weightedIndex(weights, hash32('choice', seed, voterId) / 2 ** 32)]!;
    },
  };
}
