import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/config/load.ts';
import { TallyError } from '../shared/errors.ts';
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
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    throw new TallyError(`--port must be a port number (0-65535), not "${values.port}"`);
  }
  const settings = resultsPageSettings(loadConfig({ file: values.config, environment: values.env }));
  const server = await startUiServer(settings, { port });
  process.stdout.write(`results page: ${server.url} (Ctrl-C to stop)\n`);
  const stop = (): void => { void server.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // A bad option (parseArgs' TypeError) or a TallyError: its one line is what to act on.
  process.stderr.write(`results page: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
