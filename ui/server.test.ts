import { describe, expect, it } from 'vitest';
import type { ReaderStatus } from './live/liveTypes.ts';
import type { ResultsSource } from './live/resultsSource.ts';
import { createApp } from './server.ts';
import { sampleSnapshot, T0 } from './testing/sampleElection.ts';

function fakeSource(reader: ReaderStatus = { connected: true, caughtUp: true, malformedMessages: 0 }): ResultsSource {
  return {
    snapshot: (now) => ({ ...sampleSnapshot(now), reader }),
    readerStatus: () => reader,
    findCandidate: (id) => (id === 'c1' ? { candidate_id: 'c1', name: 'Ada Lovelace', party_id: 'MNP', color: '#1f77b4' } : undefined),
    onChange: () => () => undefined,
  };
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
    expect(body).toContain('hx-trigger="sse:regions, regions-refresh from:body"');
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
  });

  it('answer the refresh button with every panel out of band and a regions re-fetch trigger', async () => {
    const res = await appWith().request('/fragments/all');
    expect(res.headers.get('hx-trigger')).toBe('regions-refresh');
    expect(await res.text()).toContain('<div id="headline" hx-swap-oob="innerHTML">');
  });

  it('report healthy only when the reader is connected and caught up', async () => {
    expect((await appWith().request('/healthz')).status).toBe(200);
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

  it('stream the full state as named SSE events as soon as a client connects', async () => {
    const shutdown = new AbortController();
    const app = createApp({ source: fakeSource(), pushesPerSecond: 4, shutdown: shutdown.signal });
    const res = await app.request('/events');
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: regions')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    shutdown.abort();
    await reader.cancel();
    expect(text).toContain('retry: 1000');
    expect(text).toContain('event: headline\ndata: <dl class="figures">');
    expect(text).toContain('event: leader');
    expect(text).toContain('Ada Lovelace');
  });
});
