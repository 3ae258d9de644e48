import { describe, expect, it } from 'vitest';
import { buildChaosEvent, CHAOS_KINDS, HOSTILE_STRINGS, type ProducedVote } from './chaos.ts';
import type { Candidate } from '../../shared/election/model.ts';
import { seededRandom } from './seeded-random.ts';
import { judgeEvent } from './vote-rules.ts';

const candidates: Candidate[] = ['c1', 'c2'].map((id) => ({
  candidate_id: id, name: id, gender: 'male', party_id: 'P', biography: '', campaign_platform: '', photo_url: '',
}));
const vote = { vote_id: 'v1', voter_id: 'voter-1', candidate_id: 'c1', cast_at: 1_700_000_000_000, region_id: 'london' };
const earlier: ProducedVote = { key: 'voter-1', raw: JSON.stringify(vote), vote };
const register = { isVoter: (id: string) => id === 'voter-1', isCandidate: (id: string) => id === 'c1' || id === 'c2' };

describe('buildChaosEvent', () => {
  it('builds, for every kind and many draws, an event the rules reject with that kind as reason', () => {
    const random = seededRandom(1);
    for (const kind of CHAOS_KINDS) {
      for (let serial = 0; serial < 50; serial++) {
        const event = buildChaosEvent(kind, { seed: 1, random, recent: [earlier], candidates, serial, now: 1_700_000_002_000 });
        const verdict = judgeEvent(event.value, register, new Map([['voter-1', 'v1']]));
        expect(verdict, `${kind}/${event.variant}: ${event.value.slice(0, 80)}`).toEqual({ valid: false, reason: kind });
      }
    }
  });

  it('re-sends the exact bytes and key of an earlier vote as a duplicate delivery', () => {
    const event = buildChaosEvent('duplicate_delivery', { seed: 1, random: seededRandom(2), recent: [earlier], candidates, serial: 0, now: 1_700_000_000_000 });
    expect(event).toMatchObject({ key: earlier.key, value: earlier.raw });
  });

  it('pads an oversized vote beyond 8 KiB', () => {
    const event = buildChaosEvent('oversized', { seed: 1, random: seededRandom(3), recent: [earlier], candidates, serial: 0, now: 1_700_000_000_000 });
    expect(event.value.length).toBeGreaterThan(8192);
    expect(JSON.parse(event.value)).toMatchObject({ voter_id: 'voter-1' });
  });

  it('puts hostile strings into unknown voter and candidate ids', () => {
    const random = seededRandom(4);
    const ids = new Set<string>();
    for (let serial = 0; serial < 200; serial++) {
      const event = buildChaosEvent(serial % 2 ? 'unknown_voter' : 'unknown_candidate', { seed: 1, random, recent: [earlier], candidates, serial, now: 1_700_000_000_000 });
      const parsed = JSON.parse(event.value) as { voter_id: string; candidate_id: string };
      ids.add(parsed.voter_id).add(parsed.candidate_id);
    }
    for (const hostile of ['<script>alert(1)</script>', "'; DROP TABLE votes;--", '\u202Egnp.exe\u202C']) {
      expect(HOSTILE_STRINGS).toContain(hostile);
      expect(ids.has(hostile)).toBe(true);
    }
  });

  it('gives a duplicate vote a new vote id', () => {
    const event = buildChaosEvent('duplicate_vote', { seed: 1, random: seededRandom(5), recent: [earlier], candidates, serial: 7, now: 1_700_000_000_000 });
    const parsed = JSON.parse(event.value) as { vote_id: string; voter_id: string };
    expect(parsed.voter_id).toBe('voter-1');
    expect(parsed.vote_id).not.toBe('v1');
  });
});
