import type pg from 'pg';
import type { LoadedConfig } from '../../shared/config/load.ts';
import { topicEndOffsets } from '../kafka/snapshot.ts';
import { deterministicUuid } from '../../shared/election/ids.ts';
import { countRegisteredAmong, countVoters } from './register-postgres.ts';
import { kafkaSettings } from '../../shared/config/settings.ts';

// `tally register` with nothing to do: every voter the seed asks for is already in Postgres, and
// the voters topic already holds at least as many records. A voter reaches the topic only after
// Postgres committed it, and a re-run produces every chunk again, so a topic short of records is
// the one case left to repair: then the registration runs as usual.

/**
 * True when the first `voters` voters of `election.seed` are all in Postgres and the voters topic
 * has at least `voters` records.
 * @throws pg and kafkajs errors when Postgres or Kafka cannot be reached
 */
export async function everyVoterRegistered(
  config: LoadedConfig,
  pool: pg.Pool,
  election: Pick<LoadedConfig['env']['election'], 'seed' | 'locale' | 'source' | 'voters'>,
): Promise<boolean> {
  // Cheap first: a register with fewer voters cannot hold them all (a fresh election stops here).
  if ((await countVoters(pool)) < election.voters) return false;
  const salt = election.source === 'randomuser' ? 'randomuser' : election.locale;
  const ids = Array.from({ length: election.voters }, (_, index) => deterministicUuid('voter', election.seed, salt, index));
  if ((await countRegisteredAmong(pool, ids)) < election.voters) return false;
  const offsets = await topicEndOffsets(kafkaSettings(config), config.env.kafka.topics.voters);
  let records = 0;
  for (const { high } of offsets.values()) records += high;
  return records >= election.voters;
}
