import { pick, randomInt } from './seeded-random.ts';

// faker's en_GB postcodes do not always have the UK shape (e.g. "HD62 36T"); this builds the
// real one: an area, a district, a space, a sector digit and two unit letters (never C I K M O V).

const AREAS = [
  'AB', 'B', 'BA', 'BD', 'BN', 'BS', 'CB', 'CF', 'CV', 'DE', 'E', 'EH', 'EX', 'G', 'GL', 'HD', 'IP', 'KY',
  'L', 'LE', 'LS', 'M', 'N', 'NE', 'NG', 'NW', 'OX', 'PL', 'PO', 'RG', 'S', 'SE', 'SO', 'SW', 'W', 'YO', 'BT', 'LL', 'SA',
];
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/** A UK-shaped postcode ("LS14 7QD") from five draws of `random` (floats in [0, 1)). */
export function ukPostcode(random: () => number): string {
  const area = pick(random, AREAS);
  const district = 1 + randomInt(random, area.length === 1 ? 20 : 99);
  const unit = UNIT_LETTERS[randomInt(random, UNIT_LETTERS.length)]! + UNIT_LETTERS[randomInt(random, UNIT_LETTERS.length)]!;
  return `${area}${district} ${randomInt(random, 10)}${unit}`;
}
