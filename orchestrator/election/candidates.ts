import { deterministicUuid } from '../../shared/election/ids.ts';
import { seededFaker, type ElectionLocale } from './faker-instance.ts';
import type { Candidate, Party } from '../../shared/election/model.ts';

export interface CandidateOptions {
  seed: number;
  locale: ElectionLocale;
  parties: Party[];
  perParty: number;
}

const POLICY_THEMES = [
  'fund the NHS and cut waiting lists', 'build affordable homes', 'reopen local bus routes',
  'invest in schools and apprenticeships', 'lower energy bills with home insulation',
  'back small businesses on the high street', 'more police on neighbourhood patrols',
  'clean rivers and beaches', 'faster broadband for rural areas', 'fair pay for carers',
  'cut red tape for farmers', 'protect green belt land', 'better mental health services',
  'safer cycling routes', 'support for pensioners', 'reform business rates',
];

const CANDIDATE_SEED_TAG = 0xca4d;

/**
 * `perParty` candidates for each party; the gender alternates over all candidates (as the original
 * design did: even numbers male, odd female). Same options give the same candidates.
 */
export function generateCandidates(options: CandidateOptions): Candidate[] {
  const faker = seededFaker(options.locale, [options.seed, CANDIDATE_SEED_TAG]);
  const candidates: Candidate[] = [];
  for (const party of options.parties) {
    for (let n = 0; n < options.perParty; n++) {
      const gender = candidates.length % 2 === 0 ? 'male' : 'female';
      const first = faker.person.firstName(gender);
      const last = faker.person.lastName();
      const city = faker.location.city();
      const job = faker.person.jobTitle().toLowerCase();
      const years = faker.number.int({ min: 3, max: 30 });
      const candidate_id = deterministicUuid('candidate', options.seed, options.locale, party.party_id, n);
      const themes = faker.helpers.arrayElements(POLICY_THEMES, 3);
      candidates.push({
        candidate_id,
        name: `${first} ${last}`,
        gender,
        party_id: party.party_id,
        biography: `${first} ${last} has lived in ${city} for ${years} years and worked as a ${job} before standing for the ${party.name}.`,
        campaign_platform: `${themes[0]}; ${themes[1]}; ${themes[2]}.`.replace(/^./, (c) => c.toUpperCase()),
        photo_url: `/photos/${candidate_id}.svg`,
      });
    }
  }
  return candidates;
}
