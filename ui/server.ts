import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import type { LoadedConfig } from '../orchestrator/config/load.ts';
import { initialsOf, renderAvatarSvg } from '../orchestrator/election/avatar.ts';
import { StackError } from '../orchestrator/errors.ts';
import { Broadcaster, type SseClient } from './live/broadcast.ts';
import { LiveResults } from './live/liveResults.ts';
import type { OperationsProviders } from './live/liveTypes.ts';
import type { ResultsSource } from './live/resultsSource.ts';
import { loadStaticAssets } from './staticAssets.ts';
import { findLivePanel, renderLiveEvents } from './views/livePanels.ts';
import { renderAllPanelsOutOfBand, renderPage } from './views/page.ts';
import { CSV_KINDS, renderResultsCsv } from './views/resultsCsv.ts';
import { parseRegionQuery } from './views/regionQuery.ts';
import { renderRegionPanel } from './views/regionTable.ts';

// The results page's HTTP routes. Read-only: every route is a GET.

export interface AppDeps {
  source: ResultsSource;
  pushesPerSecond: number;
  /** Ends open SSE streams and stops pushing (the server is closing). */
  shutdown?: AbortSignal;
  heartbeatMs?: number;
  now?: () => number;
}

export function createApp(deps: AppDeps): Hono {
  const now = deps.now ?? Date.now;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const assets = loadStaticAssets();
  const broadcaster = new Broadcaster({ pushesPerSecond: deps.pushesPerSecond, render: () => renderLiveEvents(deps.source.snapshot(now())), now });
  const unsubscribe = deps.source.onChange(() => broadcaster.notify());
  deps.shutdown?.addEventListener('abort', () => {
    unsubscribe();
    broadcaster.close();
  }, { once: true });

  const app = new Hono();
  app.use(secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    xContentTypeOptions: true,
  }));

  // Panels guard themselves (views/panelGuard.ts); this catches what is left, for every route.
  app.onError((error, c) => {
    process.stderr.write(`results page: ${c.req.method} ${c.req.path} failed: ${error.message.split('\n')[0] ?? ''}\n`);
    return c.text('The results page could not answer this request; the server log says why.', 500);
  });

  app.get('/', (c) => c.html(renderPage(deps.source.snapshot(now()), parseRegionQuery(c.req.query()))));

  app.get('/events', (c) => streamSSE(c, async (stream) => {
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => { finish = resolve; });
    stream.onAbort(() => finish());
    if (deps.shutdown?.aborted) return;
    // Reconnect quickly after a server restart; the full state follows at once.
    await stream.write('retry: 1000\n\n');
    const client: SseClient = {
      send: async (events) => {
        for (const event of events) await stream.writeSSE(event);
      },
      close: () => finish(),
    };
    const unsubscribeClient = broadcaster.subscribe(client);
    const heartbeat = setInterval(() => { stream.write(': heartbeat\n\n').catch(() => finish()); }, heartbeatMs);
    await finished;
    clearInterval(heartbeat);
    unsubscribeClient();
  }));

  app.get('/fragments/all', (c) => {
    // The refresh button swaps every panel out of band; the header makes the regions table re-fetch itself.
    c.header('HX-Trigger', 'regions-refresh');
    return c.html(renderAllPanelsOutOfBand(deps.source.snapshot(now())));
  });
  app.get('/fragments/regions', (c) => c.html(renderRegionPanel(deps.source.snapshot(now()).regions, parseRegionQuery(c.req.query()))));
  app.get('/fragments/:panel', (c) => {
    const panel = findLivePanel(c.req.param('panel'));
    if (!panel) return c.text('no such panel', 404);
    return c.html(panel.render(deps.source.snapshot(now())));
  });

  app.get('/api/results', (c) => c.json(deps.source.snapshot(now())));
  app.get('/api/results.csv', (c) => {
    const kind = CSV_KINDS.find((k) => k === c.req.query('kind'));
    if (!kind) return c.text(`kind must be one of: ${CSV_KINDS.join(', ')}`, 400);
    c.header('Content-Disposition', `attachment; filename="tally-${kind}.csv"`);
    return c.body(renderResultsCsv(deps.source.snapshot(now()), kind), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });

  app.get('/healthz', (c) => {
    const reader = deps.source.readerStatus();
    const ok = reader.connected && reader.caughtUp;
    return c.json({ status: ok ? 'ok' : 'unavailable', reader }, ok ? 200 : 503);
  });

  app.get('/photos/:file', (c) => {
    const file = c.req.param('file');
    const candidate = file.endsWith('.svg') ? deps.source.findCandidate(file.slice(0, -'.svg'.length)) : undefined;
    if (!candidate) return c.text('no such candidate', 404);
    return c.body(renderAvatarSvg(candidate.candidate_id, initialsOf(candidate.name), candidate.color), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=60',
    });
  });

  app.get('/static/:file', (c) => {
    const asset = assets.get(c.req.param('file'));
    if (!asset) return c.text('not found', 404);
    return c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=300' });
  });

  return app;
}

export interface UiServerDeps extends OperationsProviders {
  /** Overrides ui.port (0 picks a free port); for tests. */
  port?: number;
  /** Another results source than the Kafka topics and Postgres of `config` (for tests and demos). */
  source?: ResultsSource & { start?(): void; stop?(): Promise<void> };
}

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the reader, the pollers and the HTTP server; resolves once the port is listening. */
export async function startUiServer(config: LoadedConfig, deps: UiServerDeps = {}): Promise<UiServer> {
  const { host, pushesPerSecond } = config.env.ui;
  const port = deps.port ?? config.env.ui.port;
  const live = deps.source ?? new LiveResults(config, { getHealth: deps.getHealth, getChecks: deps.getChecks });
  const shutdown = new AbortController();
  const app = createApp({ source: live, pushesPerSecond, shutdown: shutdown.signal });

  const server = serve({ fetch: app.fetch, hostname: host, port });
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('listening', () => resolve(server.address() as AddressInfo));
    server.once('error', (error: Error) => reject(error));
  }).catch((error: unknown) => {
    shutdown.abort();
    throw new StackError(`the results page cannot listen on ${host}:${port}: ${(error as Error).message} (set ui.port or TALLY_UI__PORT)`, { cause: error });
  });

  // Reading starts once the port is ours, so a failed start leaves nothing running.
  live.start?.();
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    close: async () => {
      shutdown.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await live.stop?.();
    },
  };
}
