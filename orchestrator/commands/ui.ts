import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { UsageError } from '../../shared/errors.ts';
import { resultsPageSettings, startUiServer } from '../../ui/index.ts';
import { pipelineHealthProvider, qualityChecksProvider } from '../checks/providers.ts';

// `tally ui`: serves the live results page until interrupted.

export function register(program: Command): void {
  program.command('ui')
    .description('serve the live results page (Hono + htmx, pushed over SSE) and print its URL')
    .option('-p, --port <port>', 'port to listen on (default: ui.port from the config)')
    .option('--json', 'print {"url": ...} instead of a sentence')
    .action(async (opts: { port?: string; json?: boolean }, command: Command) => {
      const config = configFor(command);
      const port = opts.port === undefined ? undefined : Number(opts.port);
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
        throw new UsageError(`--port must be a port number (0-65535), not "${opts.port}"`);
      }
      const server = await startUiServer(resultsPageSettings(config), { port, getHealth: pipelineHealthProvider(config), getChecks: qualityChecksProvider(config) });
      process.stdout.write(opts.json ? `${JSON.stringify({ url: server.url })}\n` : `results page: ${server.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => { void server.close().then(resolve); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
