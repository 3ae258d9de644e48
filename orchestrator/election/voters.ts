import type { Faker } from '@faker-js/faker';
import { deterministicUuid, registrationNumberFor } from './ids.ts';
import { seededFaker, type ElectionLocale } from './faker-instance.ts';
import type { Voter } from './model.ts';
import { REGION_WEIGHTS, ukRegions } from './regions.ts';
import { weightedIndex } from './seeded-random.ts';
import { ukPostcode } from './uk-postcode.ts';

// Voters are generated in fixed blocks, each from its own faker seeded with (seed, block): voter i is
// the same whatever the total count or the chunk size used to write them, and 1M voters stream
// through memory one chunk at a time.

export const VOTER_BLOCK_SIZE = 1000;

/** Ages (and so registered_age) are taken on this fixed date, so the same seed always gives the same voters. */
export const ELECTION_DAY = '2026-05-07';

export interface VoterOptions {
  seed: number;
  locale: ElectionLocale;
}

const VOTER_SEED_TAG = 0x7073;
const REGION_IDS = ukRegions().map((r) => r.region_id);
const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.co.uk'];
const COUNTRY: Record<ElectionLocale, [nationality: string, country: string]> = {
  en_GB: ['GB', 'United Kingdom'],
  en: ['GB', 'United Kingdom'],
  en_US: ['US', 'United States'],
  de: ['DE', 'Germany'],
  fr: ['FR', 'France'],
};

/** The voters with indices from..to-1 (to exclusive). */
export function generateVoters(options: VoterOptions, from: number, to: number): Voter[] {
  const voters: Voter[] = [];
  for (let block = Math.floor(from / VOTER_BLOCK_SIZE); block * VOTER_BLOCK_SIZE < to; block++) {
    const start = block * VOTER_BLOCK_SIZE;
    const all = generateVoterBlock(options, block);
    for (let i = Math.max(from, start); i < Math.min(to, start + VOTER_BLOCK_SIZE); i++) voters.push(all[i - start]!);
  }
  return voters;
}

/** The VOTER_BLOCK_SIZE voters of one block. */
export function generateVoterBlock(options: VoterOptions, block: number): Voter[] {
  const faker = seededFaker(options.locale, [options.seed, VOTER_SEED_TAG, block]);
  const pools = placePools(faker);
  const voters: Voter[] = new Array<Voter>(VOTER_BLOCK_SIZE);
  for (let n = 0; n < VOTER_BLOCK_SIZE; n++) voters[n] = generateVoter(faker, pools, options, block * VOTER_BLOCK_SIZE + n);
  return voters;
}

// Faker's templated streets, towns and double-barrelled surnames cost microseconds each; a block
// draws them from small pools made once per block, which is also realistic (neighbours share streets).
interface PlacePools {
  lastNames: string[];
  streets: string[];
  cities: string[];
}

function placePools(faker: Faker): PlacePools {
  return {
    lastNames: Array.from({ length: 400 }, () => faker.person.lastName()),
    streets: Array.from({ length: 150 }, () => faker.location.street()),
    cities: Array.from({ length: 60 }, () => faker.location.city()),
  };
}

function generateVoter(faker: Faker, pools: PlacePools, options: VoterOptions, index: number): Voter {
  const voter_id = deterministicUuid('voter', options.seed, options.locale, index);
  const gender = faker.number.int(1) === 0 ? 'male' : 'female';
  const first = faker.person.firstName(gender);
  const last = faker.helpers.arrayElement(pools.lastNames);
  const { dateOfBirth, age } = birthAndAge(faker);
  const [nationality, country] = COUNTRY[options.locale];
  return {
    voter_id,
    name: `${first} ${last}`,
    date_of_birth: dateOfBirth,
    gender,
    nationality,
    registration_number: registrationNumberFor(voter_id),
    street: `${faker.number.int({ min: 1, max: 250 })} ${faker.helpers.arrayElement(pools.streets)}`,
    city: faker.helpers.arrayElement(pools.cities),
    region_id: REGION_IDS[weightedIndex(REGION_WEIGHTS, faker.number.float())]!,
    country,
    postcode: options.locale === 'en_GB' ? ukPostcode(faker) : faker.location.zipCode(),
    email: `${emailPart(first)}.${emailPart(last)}${faker.number.int(999)}@${faker.helpers.arrayElement(EMAIL_DOMAINS)}`,
    phone: faker.phone.number(),
    cell: faker.phone.number({ style: 'international' }),
    picture: `/photos/voter/${voter_id}.svg`,
    registered_age: age,
  };
}

// Names can be anything (apostrophes, accents, hostile text): the local part keeps letters and
// digits only, and falls back to "voter" so an address is always well-formed.
function emailPart(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  return cleaned || 'voter';
}

const DAY_MS = 86_400_000;
const ELECTION_DAY_MS = Date.parse(`${ELECTION_DAY}T00:00:00Z`);

/** A date of birth giving an age of 18 to 95 on ELECTION_DAY, and that age. */
function birthAndAge(faker: Faker): { dateOfBirth: string; age: number } {
  const youngest = ELECTION_DAY_MS - 18 * 365.25 * DAY_MS;
  const days = faker.number.int({ min: 0, max: Math.floor(77 * 365.25) });
  const dob = new Date(Math.floor(youngest / DAY_MS) * DAY_MS - days * DAY_MS);
  const age = ageOn(dob, new Date(ELECTION_DAY_MS));
  if (age < 18) return birthAndAge(faker);
  return { dateOfBirth: dob.toISOString().slice(0, 10), age };
}

/** Whole years between a date of birth and a day (both UTC). */
export function ageOn(dateOfBirth: Date, day: Date): number {
  let age = day.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const beforeBirthday = day.getUTCMonth() < dateOfBirth.getUTCMonth()
    || (day.getUTCMonth() === dateOfBirth.getUTCMonth() && day.getUTCDate() < dateOfBirth.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}
