import { describe, expect, it } from 'vitest';
import { voterFromRandomUser, type RandomUserResult } from './randomuser.ts';
import { ukRegions } from '../../shared/election/regions.ts';

// A result in the shape https://randomuser.me/api/?nat=gb returns (written by hand, no network).
const sample: RandomUserResult = {
  gender: 'female',
  name: { title: 'Ms', first: 'Siobhán', last: "O'Neill" },
  location: { street: { number: 4127, name: 'Church Lane' }, city: 'Wolverhampton', state: 'West Midlands', country: 'United Kingdom', postcode: 'W4 7QD' },
  email: 'siobhan.oneill@example.com',
  dob: { date: '1981-03-14T08:21:44.002Z', age: 45 },
  phone: '017683 61466',
  cell: '07949 726314',
  nat: 'GB',
};

describe('voterFromRandomUser', () => {
  it('maps every field of a randomuser.me result to a Voter, keeping the name as it is', () => {
    const voter = voterFromRandomUser(sample, 42, 7);
    expect(voter).toMatchObject({
      name: "Siobhán O'Neill",
      date_of_birth: '1981-03-14',
      gender: 'female',
      nationality: 'GB',
      street: '4127 Church Lane',
      city: 'Wolverhampton',
      country: 'United Kingdom',
      postcode: 'W4 7QD',
      email: 'siobhan.oneill@example.com',
      phone: '017683 61466',
      cell: '07949 726314',
      registered_age: 45,
    });
    expect(voter.picture).toBe(`/photos/voter/${voter.voter_id}.svg`);
    expect(ukRegions().map((r) => r.region_id)).toContain(voter.region_id);
    expect(voter.registration_number).toMatch(/^ER-[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
  });

  it('gives the same id for the same seed and index, another for another index', () => {
    expect(voterFromRandomUser(sample, 42, 7).voter_id).toBe(voterFromRandomUser(sample, 42, 7).voter_id);
    expect(voterFromRandomUser(sample, 42, 8).voter_id).not.toBe(voterFromRandomUser(sample, 42, 7).voter_id);
  });

  it('accepts a numeric postcode and refuses an unreadable date of birth', () => {
    expect(voterFromRandomUser({ ...sample, location: { ...sample.location, postcode: 12345 } }, 1, 0).postcode).toBe('12345');
    expect(() => voterFromRandomUser({ ...sample, dob: { date: 'yesterday', age: 0 } }, 1, 0)).toThrow(/unreadable date of birth/);
  });
});
