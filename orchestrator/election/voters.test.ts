import { describe, expect, it } from 'vitest';
import { ukRegions } from '../../shared/election/regions.ts';
import { ageOn, ELECTION_DAY, generateVoters, VOTER_BLOCK_SIZE } from './voters.ts';

const options = { seed: 42, locale: 'en_GB' as const };

describe('generateVoters', () => {
  it('gives byte-identical voters and ids for the same seed', () => {
    expect(JSON.stringify(generateVoters(options, 0, 1500))).toBe(JSON.stringify(generateVoters(options, 0, 1500)));
  });

  it('gives voter i the same record whatever range it is generated in', () => {
    const all = generateVoters(options, 0, 2 * VOTER_BLOCK_SIZE + 10);
    const middle = generateVoters(options, VOTER_BLOCK_SIZE - 5, VOTER_BLOCK_SIZE + 5);
    expect(middle).toEqual(all.slice(VOTER_BLOCK_SIZE - 5, VOTER_BLOCK_SIZE + 5));
    expect(generateVoters(options, 2 * VOTER_BLOCK_SIZE, 2 * VOTER_BLOCK_SIZE + 10)).toEqual(all.slice(2 * VOTER_BLOCK_SIZE));
  });

  it('gives different seeds different voters and ids', () => {
    const a = generateVoters(options, 0, 100).map((v) => v.voter_id);
    const b = new Set(generateVoters({ ...options, seed: 43 }, 0, 100).map((v) => v.voter_id));
    expect(a.some((id) => b.has(id))).toBe(false);
  });

  it('fills every field with a valid value', () => {
    const regionIds = new Set(ukRegions().map((r) => r.region_id));
    const voters = generateVoters(options, 0, 3000);
    for (const v of voters) {
      expect(v.voter_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(v.name.split(' ').length).toBeGreaterThanOrEqual(2);
      expect(v.date_of_birth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['male', 'female']).toContain(v.gender);
      expect(v.registered_age).toBeGreaterThanOrEqual(18);
      expect(v.registered_age).toBe(ageOn(new Date(`${v.date_of_birth}T00:00:00Z`), new Date(`${ELECTION_DAY}T00:00:00Z`)));
      expect(regionIds.has(v.region_id)).toBe(true);
      expect(v.email).toMatch(/^[a-z0-9]+\.[a-z0-9]+\d*@[a-z.]+$/);
      expect(v.picture).toBe(`/photos/voter/${v.voter_id}.svg`);
      for (const field of ['street', 'city', 'postcode', 'phone', 'cell', 'nationality', 'country', 'registration_number'] as const) {
        expect(v[field].length).toBeGreaterThan(0);
      }
    }
    expect(new Set(voters.map((v) => v.voter_id)).size).toBe(voters.length);
    expect(new Set(voters.map((v) => v.registration_number)).size).toBe(voters.length);
  });

  it('looks British for en_GB: UK postcodes, phone numbers and country', () => {
    for (const v of generateVoters(options, 0, 500)) {
      expect(v.postcode).toMatch(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/);
      expect(v.phone).toMatch(/^(0|\+44)/);
      expect(v.cell).toMatch(/^\+44/);
      expect(v.country).toBe('United Kingdom');
      expect(v.nationality).toBe('GB');
    }
  });

  it('spreads voters over all twelve regions, unevenly', () => {
    const counts = new Map<string, number>();
    for (const v of generateVoters(options, 0, 5000)) counts.set(v.region_id, (counts.get(v.region_id) ?? 0) + 1);
    expect(counts.size).toBe(12);
    expect(counts.get('south-east')!).toBeGreaterThan(counts.get('northern-ireland')! * 2);
  });

  it('uses both genders', () => {
    const genders = new Set(generateVoters(options, 0, 100).map((v) => v.gender));
    expect(genders).toEqual(new Set(['male', 'female']));
  });
});

describe('ageOn', () => {
  it('counts a birthday on the day itself as a year older', () => {
    expect(ageOn(new Date('2008-05-07T00:00:00Z'), new Date('2026-05-07T00:00:00Z'))).toBe(18);
    expect(ageOn(new Date('2008-05-08T00:00:00Z'), new Date('2026-05-07T00:00:00Z'))).toBe(17);
  });
});

describe('generateVoters, pinned', () => {
  it('keeps the voters of a seed from one version to the next (a resumed registration must not mix two generators)', () => {
    const [first] = generateVoters(options, 0, 1);
    expect(first).toEqual({
      voter_id: 'f2bc8881-a0b6-5141-b578-eb36d36b2e4e',
      name: 'Gabriel Hagenes-Schumm',
      date_of_birth: '1951-04-15',
      gender: 'male',
      nationality: 'GB',
      registration_number: 'ER-F2BC-8881-A0B6-5141',
      street: '233 Juniper Close',
      city: "O'Connerham",
      region_id: 'north-east',
      country: 'United Kingdom',
      postcode: 'OX77 9QW',
      email: 'gabriel.hagenesschumm971@example.com',
      phone: '0800 168588',
      cell: '+441118940854',
      picture: '/photos/voter/f2bc8881-a0b6-5141-b578-eb36d36b2e4e.svg',
      registered_age: 75,
    });
  });

  it('draws names, streets and towns from large pools, so a big register still looks varied', () => {
    const voters = generateVoters(options, 0, 20_000);
    const distinct = (field: 'name' | 'street' | 'city') => new Set(voters.map((v) => v[field])).size;
    expect(distinct('name')).toBeGreaterThan(15_000);
    expect(distinct('street')).toBeGreaterThan(15_000);
    expect(distinct('city')).toBeGreaterThan(500);
  });
});
