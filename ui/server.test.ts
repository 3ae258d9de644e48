import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import type { ReaderStatus } from './live/liveTypes.ts';
import type { ResultsSource } from './live/resultsSource.ts';
import { CACHE_REVALIDATE, CACHE_SHORT, createApp } from './server.ts';
import { sampleSnapshot, T0 } from './testing/sampleElection.ts';

function fakeSource(reader: ReaderStatus = { connected: true, caughtUp: true, malformedMessages: 0 }): ResultsSource {
  return {
    snapshot: (now) => ({ ...sampleSnapshot(now), reader }),
    readerStatus: () => reader,
    findCandidate: (id) => (id === 'c1' ? { candidate_id: 'c1', name: 'Ada Lovelace', party_id: 'MNP', color: '#1f77b4' } : undefined),
    onChange: () => () => undefined,
  };
}

/** Runs `use` against the app on a real Node server (port 0), then shuts the app and server down. */
async function onNodeServer(use: (port: number) => Promise<void>): Promise<void> {
  const shutdown = new AbortController();
  const app = createApp({ source: fakeSource(), pushesPerSecond: 4, shutdown: shutdown.signal });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await use((server.address() as AddressInfo).port);
  } finally {
    shutdown.abort();
    await new Promise((resolve) => server.close(resolve));
  }
}

function appWith(source = fakeSource()): ReturnType<typeof createApp> {
  return createApp({ source, pushesPerSecond: 4, now: () => T0 + 60_000 });
}

describe('results page routes', () => {
  it('serve the page with htmx, the SSE connection and a panel per event', async () => {
    const res = await appWith().request('/');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<script src="/static/htmx.min.js"></script>');
    expect(body).toContain('hx-ext="sse"');
    expect(body).toContain('sse-connect="/events"');
    expect(body).toContain('sse-swap="leader"');
    expect(body).toContain('<div id="regions-view" class="regions-view" hx-get="/fragments/regions?sort=name&amp;dir=asc&amp;page=1&amp;size=25" hx-trigger="regions-refresh from:body" hx-swap="outerHTML">');
    expect(body).toContain('sse-swap="regions" hx-swap="outerHTML"');
    expect(body).toContain('aria-live="polite"');
    expect(body).not.toMatch(/<script>(?!<)/); // no inline scripts
    expect(body).not.toContain('style=');
  });

  it('send a strict content security policy and the other security headers', async () => {
    const res = await appWith().request('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('answer only GET: a POST finds no route', async () => {
    expect((await appWith().request('/', { method: 'POST' })).status).toBe(404);
    expect((await appWith().request('/api/results', { method: 'DELETE' })).status).toBe(404);
  });

  it('return the whole view as JSON at /api/results', async () => {
    const res = await appWith().request('/api/results');
    const body = (await res.json()) as { leader: { candidate: { candidate_id: string } }; headline: { votesCounted: number } };
    expect(body.leader.candidate.candidate_id).toBe('c1');
    expect(body.headline.votesCounted).toBe(100);
  });

  it('return candidates and regions as CSV and refuse other kinds', async () => {
    const candidates = await appWith().request('/api/results.csv?kind=candidates');
    expect(candidates.headers.get('content-type')).toContain('text/csv');
    expect((await candidates.text()).split('\r\n')[1]).toBe('"c1","Ada Lovelace","MNP","Management Party",50,0.5');
    expect((await appWith().request('/api/results.csv?kind=regions')).status).toBe(200);
    expect((await appWith().request('/api/results.csv?kind=voters')).status).toBe(400);
  });

  it('serve each panel as a fragment, and 404 for an unknown one', async () => {
    const res = await appWith().request('/fragments/leader');
    expect(await res.text()).toContain('Ada Lovelace');
    expect((await appWith().request('/fragments/nothing')).status).toBe(404);
  });

  it('serve the regions table sorted and paged as the query asks', async () => {
    const body = await (await appWith().request('/fragments/regions?sort=turnout&dir=desc&page=1&size=10')).text();
    const names = [...body.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(names).toEqual(['North', '&lt;script&gt;alert(1)&lt;/script&gt;', 'West']);
    expect(body).toContain('aria-sort="descending"');
    // in the wrapper that streams this view
    expect(body).toMatch(/^<div id="regions-view"[^>]+ sse-connect="\/events\/regions\?sort=turnout&amp;dir=desc&amp;page=1&amp;size=10">/);
  });

  it('answer the refresh button with every panel out of band and a regions re-fetch trigger', async () => {
    const res = await appWith().request('/fragments/all');
    expect(res.headers.get('hx-trigger')).toBe('regions-refresh');
    expect(await res.text()).toContain('<div id="headline" hx-swap-oob="innerHTML">');
  });

  it('report healthy only when the reader is connected and caught up', async () => {
    const healthy = await appWith().request('/healthz');
    expect(healthy.status).toBe(200);
    expect(((await healthy.json()) as { sse: unknown }).sse).toEqual({ clients: 0, recentPushes: [] });
    expect((await appWith(fakeSource({ connected: true, caughtUp: false, malformedMessages: 0 })).request('/healthz')).status).toBe(503);
    expect((await appWith(fakeSource({ connected: false, caughtUp: false, malformedMessages: 0 })).request('/healthz')).status).toBe(503);
  });

  it('generate a candidate photo as SVG from initials and party colour', async () => {
    const res = await appWith().request('/photos/c1.svg');
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    const svg = await res.text();
    expect(svg).toContain('>AL</text>');
    expect(svg).toContain('fill="#1f77b4"');
    expect((await appWith().request('/photos/unknown.svg')).status).toBe(404);
  });

  it('serve htmx and its SSE extension from node_modules', async () => {
    const htmx = await appWith().request('/static/htmx.min.js');
    expect(htmx.headers.get('content-type')).toContain('javascript');
    expect(await htmx.text()).toContain('htmx');
    expect(await (await appWith().request('/static/sse.js')).text()).toContain('sse-swap');
    expect((await appWith().request('/static/../server.ts')).status).toBe(404);
  });

  it('serve the page icon, and send /favicon.ico to it', async () => {
    const app = appWith();
    expect(await (await app.request('/')).text()).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">');
    const icon = await app.request('/static/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(await icon.text()).toMatch(/^<svg /);
    const legacy = await app.request('/favicon.ico');
    expect(legacy.status).toBe(301);
    expect(legacy.headers.get('location')).toBe('/static/favicon.svg');
  });

  it('serve a fragment, the JSON and the page with an ETag, and answer a matching If-None-Match with 304', async () => {
    const app = appWith();
    for (const [path, cacheControl] of [['/fragments/leader', CACHE_REVALIDATE], ['/fragments/regions?sort=votes', CACHE_REVALIDATE], ['/api/results', CACHE_SHORT], ['/', CACHE_SHORT]] as const) {
      const first = await app.request(path);
      const tag = first.headers.get('etag');
      expect(tag, path).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control'), path).toBe(cacheControl);
      const again = await app.request(path, { headers: { 'If-None-Match': tag! } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('cache-control'), path).toBe(cacheControl);
      expect(await again.text()).toBe('');
    }
  });

  it('render each body once per data version, however many requests ask for it', async () => {
    let snapshots = 0;
    const source = fakeSource();
    const counting: ResultsSource = { ...source, snapshot: (now) => { snapshots++; return source.snapshot(now); } };
    const app = appWith(counting);
    const bodies = await Promise.all(Array.from({ length: 50 }, async () => (await app.request('/api/results')).text()));
    expect(new Set(bodies).size).toBe(1);
    expect(snapshots).toBe(1);
  });

  it('stream the full state as named SSE events as soon as a client connects, with a jittered retry', async () => {
    await onNodeServer(async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/events`);
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      expect(res.headers.get('x-accel-buffering')).toBe('no');
      // fetch asks for gzip, as browsers do, and decodes the stream as it arrives.
      expect(res.headers.get('content-encoding')).toBe('gzip');
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('event: announce')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      await reader.cancel();
      const retry = Number(/^retry: (\d+)$/m.exec(text)?.[1]);
      expect(retry).toBeGreaterThanOrEqual(1000);
      expect(retry).toBeLessThan(5000);
      expect(text).toContain('event: headline\ndata: ');
      expect(text).toContain('event: map\ndata: ');
      expect(text).toContain('event: regions\ndata: <section id="regions"');
      expect(text).toContain('Ada Lovelace');
    });
  });

  it('stream /events uncompressed to a client that does not ask for gzip', async () => {
    await onNodeServer(async (port) => {
      const { headers, text } = await new Promise<{ headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
        get(`http://127.0.0.1:${port}/events`, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes('event: announce')) { res.destroy(); resolve({ headers: res.headers, text }); }
          });
        }).on('error', reject);
      });
      expect(headers['content-encoding']).toBeUndefined();
      expect(text).toMatch(/^retry: \d+\n\nevent: headline\ndata: /);
    });
  });

  it('stream a sorted view of the regions table on /events/regions, and a page beyond the last as the last', async () => {
    await onNodeServer(async (port) => {
      const res = await fetch(`http://127.0.0.1:${port}/events/regions?sort=turnout&dir=desc&page=7&size=10`);
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const reader = res.body!.getReader();
      let text = '';
      while (!text.includes('</section>')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      await reader.cancel();
      expect(text).toMatch(/^retry: \d+\n\nevent: regions\ndata: <section id="regions"/);
      expect(text).toContain('data-query="sort=turnout&amp;dir=desc&amp;page=1&amp;size=10"');
      const names = [...text.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]);
      expect(names).toEqual(['North', '&lt;script&gt;alert(1)&lt;/script&gt;', 'West']);
    });
  });

  it('answer /events with 501 outside the Node server', async () => {
    expect((await appWith().request('/events')).status).toBe(501);
  });
});
