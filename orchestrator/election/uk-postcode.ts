import type { Faker } from '@faker-js/faker';

// faker's en_GB postcodes do not always have the UK shape (e.g. "HD62 36T"); this builds the
// real one: an area, a district, a space, a sector digit and two unit letters (never C I K M O V).

const AREAS = [
  'AB', 'B', 'BA', 'BD', 'BN', 'BS', 'CB', 'CF', 'CV', 'DE', 'E', 'EH', 'EX', 'G', 'GL', 'HD', 'IP', 'KY',
  'L', 'LE', 'LS', 'M', 'N', 'NE', 'NG', 'NW', 'OX', 'PL', 'PO', 'RG', 'S', 'SE', 'SO', 'SW', 'W', 'YO', 'BT', 'LL', 'SA',
];
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function ukPostcode(faker: Faker): string {
  const area = faker.helpers.arrayElement(AREAS);
  const district = faker.number.int({ min: 1, max: area.length === 1 ? 20 : 99 });
  const unit = UNIT_LETTERS[faker.number.int(UNIT_LETTERS.length - 1)]! + UNIT_LETTERS[faker.number.int(UNIT_LETTERS.length - 1)]!;
  return `${area}${district} ${faker.number.int(9)}${unit}`;
}
