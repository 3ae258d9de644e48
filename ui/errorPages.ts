import type { Context, Env, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { firstLine } from '../shared/errors.ts';
import { html } from './views/html.ts';

// Every error the page answers, in one place (as hono sends every thrown error to one onError):
// a small HTML page for a browser, JSON for /api/* and for clients that ask for JSON; never a
// stack trace. The server log gets one line saying what failed.

/** What a visitor reads for each status the page answers with an error page. */
const TITLES: Partial<Record<number, string>> = {
  400: 'Bad request',
  404: 'Not found',
  500: 'The results page could not answer',
  503: 'The results page is not ready',
};

/**
 * The error page's HTML: the status, a title and `message` (escaped), and a link back to the
 * results. Uses the page's stylesheet only (the content security policy allows no inline style).
 */
export function renderErrorPage(status: number, message: string): string {
  const title = TITLES[status] ?? 'Error';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${status} ${title} · Tally</title>
<link rel="stylesheet" href="/static/tally.css">
</head>
<body>
<main>
<h1>${title}</h1>
<p>${message}</p>
<p><a href="/">Back to the results</a></p>
</main>
</body>
</html>
`.toString();
}

/** True for requests that want JSON: under /api/, or asking for application/json before text/html. */
function wantsJson(c: Context): boolean {
  if (c.req.path.startsWith('/api/')) return true;
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * An error answer for `c`: JSON `{ "error": message, "status": status }` for /api/* and JSON
 * clients, else the HTML error page; never cached.
 */
export function errorResponse(c: Context, status: ContentfulStatusCode, message: string): Response {
  c.header('Cache-Control', 'no-store');
  if (wantsJson(c)) return c.json({ error: message, status }, status);
  return c.html(renderErrorPage(status, message), status);
}

/**
 * Installs the page's error handling on `app`: unknown paths answer 404, a thrown HTTPException
 * its own status and message, any other error 500 with a generic message (the error's first line
 * goes to the server log on stderr, its stack nowhere near the visitor).
 */
export function answerErrorsWithPages<E extends Env>(app: Hono<E>): void {
  app.notFound((c) => errorResponse(c, 404, `There is nothing at ${c.req.path}.`));
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) return errorResponse(c, error.status, error.message || TITLES[error.status] || 'Error');
    process.stderr.write(`results page: ${c.req.method} ${c.req.path} failed: ${firstLine(error)}\n`);
    return errorResponse(c, 500, 'Something went wrong on our side; the server log says what. Try again in a moment.');
  });
}
