import { Command } from 'commander';
import { registerCommands } from './commands/index.ts';
import type { ExitCode } from '../shared/errors.ts';
import { reportFailure } from './output.ts';

// The `tally` program: global options and every command of commands/index.ts; runTally turns a
// failure into one line on stderr and an exit code (README: "Exit codes").

/** A fresh `tally` program (commander), with every command registered; it throws instead of exiting. */
export function createProgram(): Command {
  const program = new Command('tally')
    .description('Tally: real-time election results on Kafka, Flink SQL and PostgreSQL')
    .option('-c, --config <file>', 'config file', 'tally.yaml')
    .option('-e, --env <name>', 'environment in the config file (default: TALLY_ENV or the file\'s defaultEnvironment)')
    .option('--verbose', 'print stack traces and full server errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExit codes: 0 ok, 1 a check or recount found a difference, 2 usage, 3 a service unreachable or\nunhealthy, 4 config or SQL invalid, 5 a Flink job failed, 70 unexpected (README: "Exit codes").')
    .exitOverride();
  registerCommands(program);
  return program;
}

/**
 * Runs `tally` with the user's arguments (`process.argv.slice(2)`): the command's output on
 * stdout, a failure as one line on stderr.
 * @returns the exit code of the README's table (0 ok, 1 difference, 2 usage, 3 unavailable,
 *   4 config or SQL invalid, 5 job failed, 70 unexpected); never throws
 */
export async function runTally(args: readonly string[]): Promise<ExitCode> {
  const program = createProgram();
  try {
    await program.parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    return reportFailure(error, Boolean(program.opts().verbose));
  }
}
