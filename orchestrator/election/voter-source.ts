import type { EnvironmentConfig } from '../config/schema.ts';
import type { Voter } from './model.ts';
import { fetchRandomUserPage, RANDOMUSER_PAGE_SIZE } from './randomuser.ts';
import { generateVoters } from './voters.ts';

/** The voters with indices from..to-1 of the election. */
export type VoterSource = (from: number, to: number) => Promise<Voter[]>;

export function voterSource(election: Pick<EnvironmentConfig['election'], 'seed' | 'locale' | 'source'>): VoterSource {
  if (election.source === 'faker') {
    return async (from, to) => generateVoters({ seed: election.seed, locale: election.locale }, from, to);
  }
  return async (from, to) => {
    const voters: Voter[] = [];
    for (let page = Math.floor(from / RANDOMUSER_PAGE_SIZE) + 1; (page - 1) * RANDOMUSER_PAGE_SIZE < to; page++) {
      const start = (page - 1) * RANDOMUSER_PAGE_SIZE;
      const people = await fetchRandomUserPage(election.seed, page);
      voters.push(...people.slice(Math.max(0, from - start), Math.max(0, to - start)));
    }
    return voters;
  };
}
