import { Faker, base, de, en, en_GB, en_US, fr, type LocaleDefinition } from '@faker-js/faker';
import type { EnvironmentConfig } from '../../shared/config/schema.ts';

export type ElectionLocale = EnvironmentConfig['election']['locale'];

const LOCALES: Record<ElectionLocale, LocaleDefinition[]> = {
  en_GB: [en_GB, en, base],
  en_US: [en_US, en, base],
  en: [en, base],
  de: [de, en, base],
  fr: [fr, en, base],
};

/** A faker instance for the election's locale, seeded so the same seed parts give the same data. */
export function seededFaker(locale: ElectionLocale, seed: number[]): Faker {
  const faker = new Faker({ locale: LOCALES[locale] });
  faker.seed(seed);
  return faker;
}
