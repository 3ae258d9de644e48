import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { answerErrorsWithPages } from './errorPages.ts';
import { createApp } from './server.ts';
import { sampleSnapshot, T0 } from './testing/sampleElection.ts';

// The page answers errors with a page (JSON under /api/), never with a stack trace.

function resultsApp(): ReturnType<typeof createApp> {
  return createApp({
    source: {
      snapshot: (now) => sampleSnapshot(now),
      readerStatus: () => ({ connected: true, caughtUp: true, malformedMessages: 0 }),
      findCandidate: () => undefined,
      onChange: () => () => undefined,
    },
    pushesPerSecond: 4,
    now: () => T0,
  });
}

function throwingApp(error: Error): Hono {
  const app = new Hono();
  answerErrorsWithPages(app);
  app.get('/boom', () => { throw error; });
  app.get('/api/boom', () => { throw error; });
  return app;
}

describe('the results page\'s error answers', () => {
  it('an unknown page is a 404 HTML page that links back to the results', async () => {
    const res = await resultsApp().request('/nosuch');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    const body = await res.text();
    expect(body).toContain('<h1>Not found</h1>');
    expect(body).toContain('There is nothing at /nosuch.');
    expect(body).toContain('<a href="/">Back to the results</a>');
  });

  it('an unknown path under /api/ is a 404 in JSON', async () => {
    const res = await resultsApp().request('/api/nosuch');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'There is nothing at /api/nosuch.', status: 404 });
  });

  it('a bad CSV kind is a 400 in JSON naming the kinds', async () => {
    const res = await resultsApp().request('/api/results.csv?kind=voters');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^kind must be one of: candidates/);
  });

  it('escapes what the visitor typed into the path', async () => {
    const body = await (await resultsApp().request('/%3Cscript%3Ealert(1)%3C%2Fscript%3E')).text();
    expect(body).not.toContain('<script>alert');
    expect(body).toContain('&lt;script&gt;');
  });

  it('a thrown error is a 500 page without its message or stack, and one line in the server log', async () => {
    const log = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const secret = new Error('password=hunter2 at Object.<anonymous> (/srv/ui/server.ts:1:1)\n    at next (hono)');
      const page = await throwingApp(secret).request('/boom');
      expect(page.status).toBe(500);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const body = await page.text();
      expect(body).toContain('<h1>The results page could not answer</h1>');
      expect(body).not.toMatch(/hunter2|server\.ts|\bat /);
      const api = await throwingApp(secret).request('/api/boom');
      expect(api.status).toBe(500);
      expect(await api.json()).toEqual({ error: 'Something went wrong on our side; the server log says what. Try again in a moment.', status: 500 });
      expect(log.mock.calls.map((c) => String(c[0]))).toEqual([
        'results page: GET /boom failed: password=hunter2 at Object.<anonymous> (/srv/ui/server.ts:1:1)\n',
        'results page: GET /api/boom failed: password=hunter2 at Object.<anonymous> (/srv/ui/server.ts:1:1)\n',
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('a thrown HTTPException under 500 keeps its status and message', async () => {
    const res = await throwingApp(new HTTPException(400, { message: 'region must be a region code' })).request('/boom', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'region must be a region code', status: 400 });
  });
});
