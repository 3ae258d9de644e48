import { describe, expect, it } from 'vitest';
import { judgeEvent, MAX_EVENT_CHARS, parseVote } from './vote-rules.ts';

const register = { isVoter: (id: string) => id.startsWith('voter-'), isCandidate: (id: string) => id.startsWith('cand-') };
const vote = { vote_id: 'v1', voter_id: 'voter-1', candidate_id: 'cand-1', cast_at: 1_700_000_000_000, region_id: 'london' };
const raw = (fields: Record<string, unknown>): string => JSON.stringify({ ...vote, ...fields });

describe('judgeEvent', () => {
  it('counts the first valid vote of a voter', () => {
    const counted = new Map<string, string>();
    expect(judgeEvent(raw({}), register, counted)).toEqual({ valid: true, vote });
    expect(counted.get('voter-1')).toBe('v1');
  });

  it('rejects a second vote by the same voter as duplicate_vote and the same vote again as duplicate_delivery', () => {
    const counted = new Map<string, string>();
    judgeEvent(raw({}), register, counted);
    expect(judgeEvent(raw({ vote_id: 'v2', candidate_id: 'cand-2' }), register, counted)).toEqual({ valid: false, reason: 'duplicate_vote' });
    expect(judgeEvent(raw({}), register, counted)).toEqual({ valid: false, reason: 'duplicate_delivery' });
  });

  it('applies the precedence oversized > malformed > unknown_voter > unknown_candidate > duplicate', () => {
    const counted = new Map([['voter-1', 'v1']]);
    const reason = (text: string): string => {
      const verdict = judgeEvent(text, register, counted);
      return verdict.valid ? 'valid' : verdict.reason;
    };
    expect(reason(`{"broken": "${'x'.repeat(MAX_EVENT_CHARS)}`)).toBe('oversized');
    expect(reason(raw({ voter_id: 'ghost', candidate_id: 'ghost', cast_at: 'soon' }))).toBe('malformed');
    expect(reason(raw({ voter_id: 'ghost', candidate_id: 'ghost' }))).toBe('unknown_voter');
    expect(reason(raw({ candidate_id: 'ghost', vote_id: 'v9' }))).toBe('unknown_candidate');
    expect(reason(raw({ vote_id: 'v9' }))).toBe('duplicate_vote');
  });

  it('treats exactly MAX_EVENT_CHARS characters as not oversized', () => {
    const text = raw({ pad: '' });
    const padded = raw({ pad: 'x'.repeat(MAX_EVENT_CHARS - text.length) });
    expect(padded.length).toBe(MAX_EVENT_CHARS);
    expect(judgeEvent(padded, register, new Map()).valid).toBe(true);
  });
});

describe('judgeEvent given the object the event was built from', () => {
  it('judges it exactly as the parsed text, whatever the rule', () => {
    const cases: Record<string, unknown>[] = [
      {}, { vote_id: 'v2' }, { voter_id: 'stranger' }, { candidate_id: 'nobody' }, { cast_at: -1 }, { cast_at: 1.5 },
      { cast_at: '1700000000000' }, { vote_id: 'x'.repeat(65) }, { vote_id: 'v\u0000x' }, { region_id: undefined }, { extra: [1] },
    ];
    const fromText = new Map<string, string>();
    const fromObject = new Map<string, string>();
    for (const fields of cases) {
      const built = { ...vote, ...fields };
      const text = JSON.stringify(built);
      expect(judgeEvent(text, register, fromObject, built), text).toEqual(judgeEvent(text, register, fromText));
    }
    expect([...fromObject]).toEqual([...fromText]);
  });
});

describe('parseVote', () => {
  it('rejects non-objects, missing or null fields and a non-numeric cast_at', () => {
    expect(parseVote('[1,2]')).toBeNull();
    expect(parseVote('null')).toBeNull();
    expect(parseVote('not json')).toBeNull();
    expect(parseVote(raw({ region_id: undefined }))).toBeNull();
    expect(parseVote(raw({ voter_id: null }))).toBeNull();
    expect(parseVote(raw({ cast_at: '123' }))).toBeNull();
    expect(parseVote(raw({ extra: true }))).toEqual(vote);
  });
});

describe('the time a vote carries', () => {
  it('rejects a cast_at no sink can store as invalid_cast_at, after malformed', () => {
    expect(judgeEvent(raw({ cast_at: 9_300_000_000_000_000 }), register, new Map())).toEqual({ valid: false, reason: 'invalid_cast_at' });
    expect(judgeEvent(raw({ cast_at: -1 }), register, new Map())).toEqual({ valid: false, reason: 'invalid_cast_at' });
    expect(judgeEvent(raw({ cast_at: 1.5 }), register, new Map())).toEqual({ valid: false, reason: 'malformed' });
  });
});

describe('the vote_id', () => {
  it('is malformed unless it is 1-64 of A-Z a-z 0-9 _ . : -', () => {
    expect(judgeEvent(raw({ vote_id: 'v\u0000x' }), register, new Map())).toEqual({ valid: false, reason: 'malformed' });
    expect(judgeEvent(raw({ vote_id: 'x'.repeat(65) }), register, new Map())).toEqual({ valid: false, reason: 'malformed' });
    expect(judgeEvent(raw({ vote_id: '' }), register, new Map())).toEqual({ valid: false, reason: 'malformed' });
    expect(judgeEvent(raw({ vote_id: 'second-1700000000000-3' }), register, new Map()).valid).toBe(true);
  });
});
