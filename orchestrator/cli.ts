import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { reportFailure } from './output.ts';

// `tally <command>`: one small file per command under commands/, each exporting
// `register(program)`. The entry only wires them up and turns failures into one line and an exit code.

const program = new Command('tally')
  .description('Tally: real-time election results on Kafka, Flink SQL and PostgreSQL')
  .option('-c, --config <file>', 'config file', 'tally.yaml')
  .option('-e, --env <name>', 'environment in the config file (default: TALLY_ENV or the file\'s defaultEnvironment)')
  .option('--verbose', 'print stack traces and full server errors')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const commandsDir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
for (const file of readdirSync(commandsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()) {
  const mod = (await import(join(commandsDir, file))) as { register?: (p: Command) => void };
  mod.register?.(program);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error, Boolean(program.opts().verbose));
}
