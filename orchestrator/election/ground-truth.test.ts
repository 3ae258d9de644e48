import { describe, expect, it } from 'vitest';
import { buildChaosEvent } from './chaos.ts';
import { GroundTruth } from './ground-truth.ts';
import type { Candidate } from '../../shared/election/model.ts';
import { seededRandom } from './seeded-random.ts';

const candidates: Candidate[] = [
  { candidate_id: 'c1', name: 'A', gender: 'male', party_id: 'LAB', biography: '', campaign_platform: '', photo_url: '' },
  { candidate_id: 'c2', name: 'B', gender: 'female', party_id: 'CON', biography: '', campaign_platform: '', photo_url: '' },
];
const voters = new Set(['v1', 'v2', 'v3']);
const register = { isVoter: (id: string) => voters.has(id), isCandidate: (id: string) => id === 'c1' || id === 'c2' };
const vote = (voter: string, candidate: string, region: string, id = `vote-${voter}`): string =>
  JSON.stringify({ vote_id: id, voter_id: voter, candidate_id: candidate, cast_at: 1_700_000_000_000, region_id: region });

describe('GroundTruth', () => {
  it('counts valid votes per candidate, per region and candidate, and per party', () => {
    const truth = new GroundTruth(candidates, register);
    truth.record('v1', vote('v1', 'c1', 'london'));
    truth.record('v2', vote('v2', 'c1', 'wales'));
    truth.record('v3', vote('v3', 'c2', 'london'));
    const file = truth.toFile('votes', new Date(0));
    expect(file.total_valid).toBe(3);
    expect(file.by_candidate).toEqual({ c1: 2, c2: 1 });
    expect(file.by_region_candidate).toEqual({ london: { c1: 1, c2: 1 }, wales: { c1: 1 } });
    expect(file.by_party).toEqual({ LAB: 2, CON: 1 });
    expect(file.rejected).toEqual([]);
  });

  it('books every injected event with its expected reason and exact payload', () => {
    const truth = new GroundTruth(candidates, register);
    const first = vote('v1', 'c1', 'london');
    truth.record('v1', first);
    const recent = [{ key: 'v1', raw: first, vote: JSON.parse(first) as never }];
    const dup = buildChaosEvent('duplicate_delivery', { seed: 1, random: seededRandom(1), recent, candidates, serial: 0, now: 1_700_000_000_002 });
    const second = buildChaosEvent('duplicate_vote', { seed: 1, random: seededRandom(1), recent, candidates, serial: 1, now: 1_700_000_000_002 });
    truth.record(dup.key, dup.value, dup);
    truth.record(second.key, second.value, second);
    truth.record('x', 'not json at all');
    const file = truth.toFile('votes');
    expect(file.total_valid).toBe(1);
    expect(file.events_produced).toBe(4);
    expect(file.rejected_by_reason).toMatchObject({ duplicate_delivery: 1, duplicate_vote: 1, malformed: 1, oversized: 0 });
    expect(file.rejected[0]).toEqual({ reason: 'duplicate_delivery', injected_as: 'duplicate_delivery', variant: 'same_bytes', key: 'v1', payload: first });
    expect(file.rejected[2]).toMatchObject({ reason: 'malformed', injected_as: null, payload: 'not json at all' });
    expect(file.surprises).toEqual([]);
  });

  it('counts the voter whose first vote was invalid when a later valid vote arrives', () => {
    const truth = new GroundTruth(candidates, register);
    truth.record('v1', vote('v1', 'ghost', 'london', 'a'));
    truth.record('v1', vote('v1', 'c2', 'london', 'b'));
    expect(truth.toFile('votes').by_candidate).toEqual({ c2: 1 });
  });
});
