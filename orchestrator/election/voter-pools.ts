import { seededFaker, type ElectionLocale } from './faker-instance.ts';

// What faker makes slowly (templated surnames, streets and towns cost 1.5-4 µs each) is made once
// per election, from a faker seeded with the election's seed: pools large enough to look like a
// country's register. Each voter then draws from them with a cheap seeded PRNG.

export interface VoterPools {
  firstNames: { male: string[]; female: string[] };
  lastNames: string[];
  streets: string[];
  cities: string[];
  /** Only used outside en_GB, which builds real UK postcodes instead. */
  postcodes: string[];
  /** Phone number patterns of the locale: `#` is any digit, `!` a digit from 2 to 9. */
  phoneFormats: string[];
  internationalFormats: string[];
}

const POOL_SEED_TAG = 0x706f6f6c;
let cached: { key: string; pools: VoterPools } | undefined;

/** The pools of an election (memoised for the last seed and locale asked for). */
export function voterPools(seed: number, locale: ElectionLocale): VoterPools {
  const key = `${seed}:${locale}`;
  if (cached?.key !== key) cached = { key, pools: buildPools(seed, locale) };
  return cached.pools;
}

function buildPools(seed: number, locale: ElectionLocale): VoterPools {
  const faker = seededFaker(locale, [seed, POOL_SEED_TAG]);
  const many = <T>(count: number, make: () => T): T[] => Array.from({ length: count }, make);
  const formats = faker.definitions.phone_number.format;
  return {
    firstNames: { male: many(3000, () => faker.person.firstName('male')), female: many(3000, () => faker.person.firstName('female')) },
    lastNames: many(5000, () => faker.person.lastName()),
    streets: many(3000, () => faker.location.street()),
    cities: many(800, () => faker.location.city()),
    postcodes: locale === 'en_GB' ? [] : many(3000, () => faker.location.zipCode()),
    phoneFormats: [...(formats.human ?? [])],
    internationalFormats: [...(formats.international ?? [])],
  };
}

/** A phone number from a pattern: each `#` a digit 0-9, each `!` a digit 2-9. */
export function fillPhoneFormat(format: string, random: () => number): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '#') out += Math.floor(random() * 10);
    else if (c === '!') out += 2 + Math.floor(random() * 8);
    else out += c;
  }
  return out;
}
