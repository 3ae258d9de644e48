import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/config/load.ts';
import { EXIT_CODES, exitCodeOf, firstLine } from '../shared/errors.ts';
import { FLAG_SCHEMAS, numberFlag } from '../shared/flags.ts';
import { resultsPageSettings, startUiServer } from './index.ts';

// The results page on its own, without the CLI: `npm run page` (or `npx tsx ui/main.ts`). It reads
// only its own settings of tally.yaml (the `ui` section, Kafka and Postgres; TALLY_* overrides
// apply). Pipeline health and data-quality checks come from the CLI (`tally ui`); here the page
// shows them as unknown.

const USAGE = 'usage: tsx ui/main.ts [--config FILE] [--env NAME] [--port N]\nserves the live results page from the tally topics and the register in Postgres\n';

try {
  const { values } = parseArgs({
    options: {
      config: { type: 'string', short: 'c' },
      env: { type: 'string' },
      port: { type: 'string', short: 'p' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const port = values.port === undefined ? undefined : numberFlag('--port', FLAG_SCHEMAS.port)(values.port);
  const settings = resultsPageSettings(loadConfig({ file: values.config, environment: values.env }));
  const server = await startUiServer(settings, { port });
  process.stdout.write(`results page: ${server.url} (Ctrl-C to stop)\n`);
  const stop = (): void => { void server.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // One line, and the exit codes of the README's table as `tally ui`: a bad option (parseArgs'
  // TypeError, or a --port the schema refuses) is a usage error.
  process.stderr.write(`results page: ${firstLine(error)}\n`);
  const badOption = typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('ERR_PARSE_ARGS');
  process.exit(badOption ? EXIT_CODES.usage : exitCodeOf(error));
}
