import { deterministicUuid, hash32, registrationNumberFor } from '../../shared/election/ids.ts';
import type { ElectionLocale } from './faker-instance.ts';
import type { Voter } from '../../shared/election/model.ts';
import { REGION_WEIGHTS, ukRegions } from '../../shared/election/regions.ts';
import { pick, randomInt, seededRandom, weightedIndex } from './seeded-random.ts';
import { ukPostcode } from './uk-postcode.ts';
import { fillPhoneFormat, voterPools, type VoterPools } from './voter-pools.ts';

// Voters are generated in fixed blocks, each from its own PRNG seeded with (seed, locale, block):
// voter i is the same whatever the total count or the chunk size used to write them, and 1M
// voters stream through memory one chunk at a time. Names, streets and towns come from pools faker
// fills once per election (voter-pools.ts); a voter costs about 2 µs instead of 8 µs of faker calls.

export const VOTER_BLOCK_SIZE = 1000;

/** Ages (and so registered_age) are taken on this fixed date, so the same seed always gives the same voters. */
export const ELECTION_DAY = '2026-05-07';

export interface VoterOptions {
  seed: number;
  locale: ElectionLocale;
}

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

/** The VOTER_BLOCK_SIZE voters of one block (voters block*1000 .. block*1000+999). */
export function generateVoterBlock(options: VoterOptions, block: number): Voter[] {
  const random = seededRandom(hash32('voters', options.seed, options.locale, block));
  const pools = voterPools(options.seed, options.locale);
  const voters: Voter[] = new Array<Voter>(VOTER_BLOCK_SIZE);
  for (let n = 0; n < VOTER_BLOCK_SIZE; n++) voters[n] = generateVoter(random, pools, options, block * VOTER_BLOCK_SIZE + n);
  return voters;
}

function generateVoter(random: () => number, pools: VoterPools, options: VoterOptions, index: number): Voter {
  const voter_id = deterministicUuid('voter', options.seed, options.locale, index);
  const gender = random() < 0.5 ? 'male' : 'female';
  const first = pick(random, pools.firstNames[gender]);
  const last = pick(random, pools.lastNames);
  const birth = pick(random, birthDays());
  const [nationality, country] = COUNTRY[options.locale];
  return {
    voter_id,
    name: `${first} ${last}`,
    date_of_birth: birth.date,
    gender,
    nationality,
    registration_number: registrationNumberFor(voter_id),
    street: `${1 + randomInt(random, 250)} ${pick(random, pools.streets)}`,
    city: pick(random, pools.cities),
    region_id: REGION_IDS[weightedIndex(REGION_WEIGHTS, random())]!,
    country,
    postcode: options.locale === 'en_GB' ? ukPostcode(random) : pick(random, pools.postcodes),
    email: `${emailPart(first)}.${emailPart(last)}${randomInt(random, 1000)}@${pick(random, EMAIL_DOMAINS)}`,
    phone: fillPhoneFormat(pick(random, pools.phoneFormats), random),
    cell: fillPhoneFormat(pick(random, pools.internationalFormats), random),
    picture: `/photos/voter/${voter_id}.svg`,
    registered_age: birth.age,
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
let birthDayTable: { date: string; age: number }[] | undefined;

/**
 * Every date of birth a voter may have, with its age on ELECTION_DAY: the 77 years of days before
 * the 18th birthday's eve, less the few days that would make a voter 17. Built once; a voter
 * draws one uniformly.
 */
function birthDays(): { date: string; age: number }[] {
  if (birthDayTable) return birthDayTable;
  const youngest = Math.floor((ELECTION_DAY_MS - 18 * 365.25 * DAY_MS) / DAY_MS) * DAY_MS;
  const electionDay = new Date(ELECTION_DAY_MS);
  birthDayTable = [];
  for (let days = 0; days <= Math.floor(77 * 365.25); days++) {
    const dob = new Date(youngest - days * DAY_MS);
    const age = ageOn(dob, electionDay);
    if (age >= 18) birthDayTable.push({ date: dob.toISOString().slice(0, 10), age });
  }
  return birthDayTable;
}

/** Whole years between a date of birth and a day (both UTC). */
export function ageOn(dateOfBirth: Date, day: Date): number {
  let age = day.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const beforeBirthday = day.getUTCMonth() < dateOfBirth.getUTCMonth()
    || (day.getUTCMonth() === dateOfBirth.getUTCMonth() && day.getUTCDate() < dateOfBirth.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}
