import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { FLAG_SCHEMAS, numberFlag } from '../../shared/flags.ts';
import { registerElection } from '../election/registration.ts';
import { formatTable, printResult } from '../output.ts';
import { formatCount } from '../../shared/format.ts';

interface RegisterFlags {
  voters?: number;
  seed?: number;
  chunkSize?: number;
  gzip?: boolean;
  json?: boolean;
}

/** Adds `tally register` (see its --help) to `program`; numeric flags go through shared/flags.ts. */
export function register(program: Command): void {
  program
    .command('register')
    .description('register the election: parties, regions, candidates and voters into Postgres and Kafka (idempotent, re-run to resume)')
    .option('--voters <n>', 'number of voters (default: election.voters)', numberFlag('--voters', FLAG_SCHEMAS.voters))
    .option('--seed <s>', 'random seed (default: election.seed); the same seed gives the same election', numberFlag('--seed', FLAG_SCHEMAS.seed))
    .option('--chunk-size <n>', 'voters per Postgres transaction and Kafka round', numberFlag('--chunk-size', FLAG_SCHEMAS.positiveInteger), 10_000)
    .option('--gzip', 'gzip-compress the Kafka batches')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: RegisterFlags, command: Command) => {
      const config = configFor(command);
      const summary = await registerElection(config, {
        voters: flags.voters,
        seed: flags.seed,
        chunkSize: flags.chunkSize,
        compression: flags.gzip ? 'gzip' : 'none',
      });
      const nothingToDo = summary.alreadyRegistered ? `nothing to do: the ${formatCount(summary.voters)} voters of seed ${summary.seed} are already registered` : undefined;
      printResult(Boolean(flags.json), summary, () => nothingToDo ?? formatTable(Object.entries(summary).map(([key, value]) => ({ key, value }))));
    });
}
