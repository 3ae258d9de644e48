import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { UsageError } from '../../shared/errors.ts';
import { parseIntegerOption, parseNumberOption } from '../election/cli-numbers.ts';
import { castVotes } from '../election/simulator.ts';
import { nothingToDoMessage } from '../election/nothing-to-do.ts';

export { nothingToDoMessage };
import { formatTable, printResult } from '../output.ts';

interface VoteFlags {
  rate?: number;
  count?: number;
  untilAllVoted?: boolean;
  chaos?: number;
  seed?: number;
  group?: string;
  groundTruth?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('vote')
    .description('simulate voting: one vote per registered voter (read from the voters topic) to the votes topic, with optional bad events')
    .option('--rate <r>', 'votes per second, 0 = as fast as possible (default: election.voteRate)', parseNumberOption('--rate', 0))
    .option('--count <n>', 'stop after n votes', parseIntegerOption('--count', 0))
    .option('--until-all-voted', 'stop when every registered voter has voted (the default without --count)')
    .option('--chaos <ratio>', 'extra bad events per vote, 0..1, e.g. 0.05 (default: election.chaosRatio)', parseNumberOption('--chaos', 0, 1))
    .option('--seed <s>', 'the seed the election was registered with (default: election.seed)', parseIntegerOption('--seed', Number.MIN_SAFE_INTEGER))
    .option('--group <id>', 'consumer group on the voters topic; a re-run with the same group continues where it stopped')
    .option('--ground-truth <file>', 'where to write the expected outcome (default: <dataDir>/ground-truth/<timestamp>.json)')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: VoteFlags, command: Command) => {
      if (flags.count !== undefined && flags.untilAllVoted) throw new UsageError('use either --count or --until-all-voted, not both');
      const config = configFor(command);
      const abort = new AbortController();
      const onSignal = (): void => abort.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const summary = await castVotes(config, {
          rate: flags.rate,
          count: flags.count,
          chaos: flags.chaos,
          seed: flags.seed,
          groupId: flags.group,
          groundTruthFile: flags.groundTruth,
          signal: abort.signal,
        });
        const nothingToDo = nothingToDoMessage(summary);
        printResult(Boolean(flags.json), summary, () => nothingToDo ?? formatTable(Object.entries(summary).map(([key, value]) => ({ key, value }))));
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}
