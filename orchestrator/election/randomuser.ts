import axios, { type AxiosError } from 'axios';
import { deterministicUuid, hash32, registrationNumberFor } from '../../shared/election/ids.ts';
import { RandomUserError } from './errors.ts';
import type { Voter } from '../../shared/election/model.ts';
import { REGION_WEIGHTS, ukRegions } from '../../shared/election/regions.ts';
import { weightedIndex } from './seeded-random.ts';
import { ageOn, ELECTION_DAY } from './voters.ts';

// The optional source the original design used: people from https://randomuser.me (British
// nationality), fetched page by page with the same seed, so the same seed gives the same people.

export const RANDOMUSER_URL = 'https://randomuser.me/api/';
export const RANDOMUSER_PAGE_SIZE = 1000;

/** The parts of a randomuser.me result that Tally reads. */
export interface RandomUserResult {
  gender: string;
  name: { title?: string; first: string; last: string };
  location: { street: { number: number; name: string }; city: string; state: string; country: string; postcode: string | number };
  email: string;
  dob: { date: string; age: number };
  phone: string;
  cell: string;
  nat: string;
}

const REGION_IDS = ukRegions().map((r) => r.region_id);

/** Maps the result at `index` of the election with `seed` to a Voter (ids are Tally's, not the API's). */
export function voterFromRandomUser(result: RandomUserResult, seed: number, index: number): Voter {
  const voter_id = deterministicUuid('voter', seed, 'randomuser', index);
  const dob = new Date(result.dob.date);
  if (Number.isNaN(dob.getTime())) throw new RandomUserError(`randomuser.me returned an unreadable date of birth "${result.dob.date}" (voter ${index})`);
  return {
    voter_id,
    name: `${result.name.first} ${result.name.last}`,
    date_of_birth: dob.toISOString().slice(0, 10),
    gender: result.gender === 'female' ? 'female' : 'male',
    nationality: result.nat,
    registration_number: registrationNumberFor(voter_id),
    street: `${result.location.street.number} ${result.location.street.name}`,
    city: result.location.city,
    // The API's "state" is a county; regions are spread like the generated voters', by id.
    region_id: REGION_IDS[weightedIndex(REGION_WEIGHTS, hash32('region', voter_id) / 2 ** 32)]!,
    country: result.location.country,
    postcode: String(result.location.postcode),
    email: result.email,
    phone: result.phone,
    cell: result.cell,
    picture: `/photos/voter/${voter_id}.svg`,
    registered_age: ageOn(dob, new Date(`${ELECTION_DAY}T00:00:00Z`)),
  };
}

export interface FetchOptions {
  retries?: number;
  initialBackoffMs?: number;
}

/** One page (1-based) of RANDOMUSER_PAGE_SIZE voters, retrying 429 and 5xx responses with backoff. */
export async function fetchRandomUserPage(seed: number, page: number, options: FetchOptions = {}): Promise<Voter[]> {
  const retries = options.retries ?? 5;
  let backoff = options.initialBackoffMs ?? 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await axios.get<{ results?: RandomUserResult[] }>(RANDOMUSER_URL, {
        params: { nat: 'gb', results: RANDOMUSER_PAGE_SIZE, page, seed: `tally-${seed}`, inc: 'gender,name,location,email,dob,phone,cell,nat' },
        timeout: 30_000,
      });
      const results = response.data.results;
      if (!Array.isArray(results)) throw new RandomUserError(`randomuser.me returned no results for page ${page}; try again later or set election.source: faker`);
      return results.map((r, i) => voterFromRandomUser(r, seed, (page - 1) * RANDOMUSER_PAGE_SIZE + i));
    } catch (error) {
      if (error instanceof RandomUserError) throw error;
      const status = (error as AxiosError).response?.status;
      const retryable = status === undefined ? isTransientNetworkError(error) : status === 429 || status >= 500;
      if (!retryable || attempt >= retries) throw describeFailure(error, status);
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 30_000);
    }
  }
}

function isTransientNetworkError(error: unknown): boolean {
  const code = (error as AxiosError).code;
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'ETIMEDOUT';
}

function describeFailure(error: unknown, status: number | undefined): RandomUserError {
  const code = (error as AxiosError).code;
  if (status === undefined) {
    return new RandomUserError(`cannot reach randomuser.me (${code ?? (error as Error).message}); check the network or set election.source: faker to generate voters offline`, { cause: error });
  }
  return new RandomUserError(`randomuser.me answered HTTP ${status}; try again later or set election.source: faker`, { cause: error });
}
