import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type { KafkaSettings, PageSettings, PostgresSettings } from '../shared/config/settings.ts';
import { initialsOf, renderAvatarSvg } from './avatar.ts';
import { StackError } from '../shared/errors.ts';
import { answerErrorsWithPages, errorResponse } from './errorPages.ts';
import { Broadcaster, type SseClient, type SubscribeOptions } from './live/broadcast.ts';
import { LiveResults } from './live/liveResults.ts';
import type { OperationsProviders } from './live/liveTypes.ts';
import { LeadAnnouncer } from './live/leadAnnouncer.ts';
import { jitteredRetry, openNodeSseClient } from './live/nodeSseClient.ts';
import type { SseEvent } from './live/renderedVersion.ts';
import type { ResultsSnapshot } from './live/resultsSnapshot.ts';
import { ResultsPublisher } from './live/resultsPublisher.ts';
import type { ResultsSource } from './live/resultsSource.ts';
import { sseEncodingFor } from './live/sseEncoding.ts';
import { ViewStreams } from './live/viewStreams.ts';
import { loadStaticAssets } from './staticAssets.ts';
import { findLivePanel, renderLiveEvents } from './views/livePanels.ts';
import { renderAllPanelsOutOfBand, renderPage } from './views/page.ts';
import { CSV_KINDS, renderResultsCsv } from './views/resultsCsv.ts';
import { parseRegionQuery, regionQueryString } from './views/regionQuery.ts';
import { regionViewKey, renderRegionPanel, renderRegionView } from './views/regionTable.ts';

// The results page's HTTP routes. Read-only: every route is a GET. The data routes answer from
// the current data version's render (live/resultsPublisher.ts): a crowd asking for the same
// version costs one render, and validators and cache headers let a CDN in front take the rest.

/** `/`, JSON and CSV: a CDN (and a browser) may keep them a second, and serve them stale while it refetches. */
export const CACHE_SHORT = 'public, max-age=1, stale-while-revalidate=5';
/** Fragments htmx fetches after a push: browsers revalidate every time (a 304 when unchanged), a CDN keeps them a second. */
export const CACHE_REVALIDATE = 'public, max-age=0, s-maxage=1, must-revalidate';

export interface AppDeps {
  source: ResultsSource;
  /** Most data versions rendered and pushed a second. */
  pushesPerSecond: number;
  /** Ends open SSE streams and stops pushing (the server is closing). */
  shutdown?: AbortSignal;
  /** Ms between SSE heartbeats. Defaults to 15 000. */
  heartbeatMs?: number;
  now?: () => number;
}

/** The page's Hono app. `/events` needs @hono/node-server (it writes to Node's response); elsewhere it answers 501. */
export function createApp(deps: AppDeps): Hono<{ Bindings: Partial<HttpBindings> }> {
  const announcer = new LeadAnnouncer();
  const render = (snapshot: ResultsSnapshot): SseEvent[] => renderLiveEvents(snapshot, announcer.announce(snapshot));
  const publisher = new ResultsPublisher({ source: deps.source, render, pushesPerSecond: deps.pushesPerSecond, now: deps.now });
  const broadcaster = new Broadcaster({ heartbeatMs: deps.heartbeatMs, now: deps.now });
  // The regions table in the sort and page of readers who chose another than the default (regionTable.ts).
  const regionViews = new ViewStreams((s, view) => [{ event: 'regions', data: renderRegionPanel(s.regions, parseRegionQuery(Object.fromEntries(new URLSearchParams(view)))).toString() }], { heartbeatMs: deps.heartbeatMs, now: deps.now });
  publisher.onVersion((version) => {
    broadcaster.publish(version);
    regionViews.publish(version);
  });
  deps.shutdown?.addEventListener('abort', () => {
    publisher.close();
    broadcaster.close();
    regionViews.close();
  }, { once: true });
  const assets = loadStaticAssets();

  /** The body `render` makes from the current version, memoised under `key`, with ETag and Cache-Control. */
  const fromCurrentVersion = (c: Context, key: string, contentType: string, cacheControl: string, render: (s: ResultsSnapshot) => string): Response => {
    const { body, etag: tag } = publisher.current().cached(key, render);
    return c.body(body, 200, { 'Content-Type': contentType, ETag: tag, 'Cache-Control': cacheControl });
  };
  const HTML = 'text/html; charset=UTF-8';

  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();
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
  // Answers If-None-Match with 304 from the ETag the routes set (no hashing per request).
  for (const path of ['/', '/fragments/*', '/api/*']) app.use(path, etag());

  // Panels guard themselves (views/panelGuard.ts); this catches what is left, for every route:
  // an HTML page for a browser, JSON for /api/*, never a stack trace.
  answerErrorsWithPages(app);

  app.get('/', (c) => {
    const query = parseRegionQuery(c.req.query());
    return fromCurrentVersion(c, `page?${regionQueryString(query)}`, HTML, CACHE_SHORT, (s) => renderPage(s, query).toString());
  });

  /** Opens an SSE stream on Node's response and subscribes it with `subscribe`; 501 off Node, 503 while closing. */
  const openStream = (c: Context<{ Bindings: Partial<HttpBindings> }>, subscribe: (client: SseClient, options: SubscribeOptions) => () => void): Response => {
    const outgoing = c.env?.outgoing;
    if (!outgoing) return c.text('live updates need the Node server (@hono/node-server)', 501);
    if (deps.shutdown?.aborted) return c.text('the results page is closing', 503);
    const encoding = sseEncodingFor(c.req.header('Accept-Encoding'));
    let unsubscribe: () => void = () => undefined;
    const client = openNodeSseClient(outgoing, () => unsubscribe(), encoding);
    unsubscribe = subscribe(client, { preamble: jitteredRetry(), encoding });
    return RESPONSE_ALREADY_SENT;
  };
  app.get('/events', (c) => openStream(c, (client, options) => broadcaster.subscribe(client, publisher.current(), options)));
  app.get('/events/regions', (c) => openStream(c, (client, options) => {
    const version = publisher.current();
    return regionViews.subscribe(regionViewKey(version.snapshot.regions, parseRegionQuery(c.req.query())), client, version, options);
  }));

  app.get('/fragments/all', (c) => {
    // The refresh button swaps every panel out of band; the header makes the regions table re-fetch itself.
    c.header('HX-Trigger', 'regions-refresh');
    return fromCurrentVersion(c, 'all', HTML, CACHE_REVALIDATE, (s) => renderAllPanelsOutOfBand(s).toString());
  });
  app.get('/fragments/regions', (c) => {
    const query = parseRegionQuery(c.req.query());
    return fromCurrentVersion(c, `regions?${regionQueryString(query)}`, HTML, CACHE_REVALIDATE, (s) => renderRegionView(s.regions, query).toString());
  });
  app.get('/fragments/:panel', (c) => {
    const panel = findLivePanel(c.req.param('panel'));
    if (!panel) return c.text('no such panel', 404);
    return fromCurrentVersion(c, `panel:${panel.name}`, HTML, CACHE_REVALIDATE, (s) => panel.render(s).toString());
  });

  app.get('/api/results', (c) => fromCurrentVersion(c, 'json', 'application/json', CACHE_SHORT, (s) => JSON.stringify(s)));
  app.get('/api/results.csv', (c) => {
    const kind = CSV_KINDS.find((k) => k === c.req.query('kind'));
    if (!kind) return errorResponse(c, 400, `kind must be one of: ${CSV_KINDS.join(', ')}`);
    c.header('Content-Disposition', `attachment; filename="tally-${kind}.csv"`);
    return fromCurrentVersion(c, `csv:${kind}`, 'text/csv; charset=utf-8', CACHE_SHORT, (s) => renderResultsCsv(s, kind));
  });

  app.get('/healthz', (c) => {
    const reader = deps.source.readerStatus();
    const ok = reader.connected && reader.caughtUp;
    // The live stream's clients and the page's own time to write each recent push to all of them.
    const sse = { clients: broadcaster.clientCount, recentPushes: broadcaster.pushTimings() };
    return c.json({ status: ok ? 'ok' : 'unavailable', reader, sse }, ok ? 200 : 503);
  });

  app.get('/photos/:file', (c) => {
    const file = c.req.param('file');
    const candidate = file.endsWith('.svg') ? deps.source.findCandidate(file.slice(0, -'.svg'.length)) : undefined;
    if (!candidate) return c.notFound();
    return c.body(renderAvatarSvg(candidate.candidate_id, initialsOf(candidate.name), candidate.color), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=60',
    });
  });

  // Browsers that ignore the page's <link rel="icon"> still ask for /favicon.ico.
  app.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301));

  app.get('/static/:file', (c) => {
    const asset = assets.get(c.req.param('file'));
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': 'public, max-age=300' });
  });

  return app;
}

/** Connections the kernel queues before the page accepts them (capped by net.core.somaxconn). */
const LISTEN_BACKLOG = 8_192;

/** What the page reads and where it listens: built from tally.yaml by resultsPageSettings (settings.ts). */
export interface ResultsPageSettings {
  /** host, port and pushesPerSecond (the `ui` section). */
  page: PageSettings;
  /** Where the tally topics are. */
  kafka: KafkaSettings;
  /** The register (parties, regions, candidates, voter counts) the page shows beside the tallies. */
  postgres: PostgresSettings;
}

export interface UiServerDeps extends OperationsProviders {
  /** Overrides settings.page.port (0 picks a free port); for tests. */
  port?: number;
  /** Another results source than the Kafka topics and Postgres of `settings` (for tests and demos). */
  source?: ResultsSource & { start?(): void; stop?(): Promise<void> };
}

export interface UiServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the results page: the tally reader, the pollers and the HTTP server.
 * @param settings - the page's address, the Kafka topics and the Postgres register it reads
 * @param deps - a port override, another results source, the orchestrator's health and check providers
 * @returns once the port is listening: the page's URL and close(), which stops the server, then the reading
 * @throws StackError when the port cannot be listened on (in use, not allowed)
 */
export async function startUiServer(settings: ResultsPageSettings, deps: UiServerDeps = {}): Promise<UiServer> {
  const { host, pushesPerSecond } = settings.page;
  const port = deps.port ?? settings.page.port;
  const live = deps.source ?? new LiveResults(settings, { getHealth: deps.getHealth, getChecks: deps.getChecks });
  const shutdown = new AbortController();
  const app = createApp({ source: live, pushesPerSecond, shutdown: shutdown.signal });

  const server = createAdaptorServer({ fetch: app.fetch });
  // A reconnect storm (every browser back within a second after a restart) overflows Node's
  // default accept queue of 511, and a dropped SYN costs its browser a second; the kernel caps this.
  server.listen({ host, port, backlog: LISTEN_BACKLOG });
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
