import type { EnvironmentConfig } from '../../shared/config/schema.ts';
import { encodeVoters, type EncodedVoters } from './encode-voters.ts';
import type { Voter } from '../../shared/election/model.ts';
import { fetchRandomUserPage, RANDOMUSER_PAGE_SIZE } from './randomuser.ts';
import { openVoterThread } from './voter-thread.ts';

/** Where registration gets an election's voters, encoded for Postgres and Kafka. */
export interface VoterSource {
  /** The voters with indices from..to-1. Rejects when generation or the download fails. */
  encoded(from: number, to: number): Promise<EncodedVoters>;
  /** Releases the source (the generator thread). */
  close(): Promise<void>;
}

/**
 * The voters of an election: faker voters are generated on a worker thread (the second core),
 * randomuser.me voters are downloaded page by page.
 */
export function voterSource(election: Pick<EnvironmentConfig['election'], 'seed' | 'locale' | 'source'>): VoterSource {
  if (election.source === 'faker') return openVoterThread({ seed: election.seed, locale: election.locale });
  return {
    async encoded(from, to) {
      const voters: Voter[] = [];
      for (let page = Math.floor(from / RANDOMUSER_PAGE_SIZE) + 1; (page - 1) * RANDOMUSER_PAGE_SIZE < to; page++) {
        const start = (page - 1) * RANDOMUSER_PAGE_SIZE;
        const people = await fetchRandomUserPage(election.seed, page);
        voters.push(...people.slice(Math.max(0, from - start), Math.max(0, to - start)));
      }
      return encodeVoters(voters);
    },
    close: async () => undefined,
  };
}
