import type { Command } from 'commander';
import { configFor } from '../context.ts';
import { FLAG_SCHEMAS, numberFlag } from '../../shared/flags.ts';
import { resultsPageSettings, startUiServer } from '../../ui/index.ts';
import { pipelineHealthProvider, qualityChecksProvider } from '../checks/providers.ts';

// `tally ui`: serves the live results page until interrupted.

/** Adds `tally ui` (see its --help) to `program`; numeric flags go through shared/flags.ts. */
export function register(program: Command): void {
  program.command('ui')
    .description('serve the live results page (Hono + htmx, pushed over SSE) and print its URL')
    .option('-p, --port <port>', 'port to listen on (default: ui.port from the config)', numberFlag('--port', FLAG_SCHEMAS.port))
    .option('--json', 'print {"url": ...} instead of a sentence')
    .action(async (opts: { port?: number; json?: boolean }, command: Command) => {
      const config = configFor(command);
      const server = await startUiServer(resultsPageSettings(config), { port: opts.port, getHealth: pipelineHealthProvider(config), getChecks: qualityChecksProvider(config) });
      process.stdout.write(opts.json ? `${JSON.stringify({ url: server.url })}\n` : `results page: ${server.url} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => { void server.close().then(resolve); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
