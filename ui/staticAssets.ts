import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The few static files the page loads: htmx and its SSE extension straight from node_modules (no
// CDN, works offline) and the page's own stylesheet, control script and icon. Read once at start.

export interface StaticAsset {
  body: string;
  contentType: string;
}

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

export function loadStaticAssets(): Map<string, StaticAsset> {
  const js = 'text/javascript; charset=utf-8';
  const files: [string, string, string][] = [
    ['htmx.min.js', require.resolve('htmx.org/dist/htmx.min.js'), js],
    ['sse.js', require.resolve('htmx-ext-sse/dist/sse.js'), js],
    ['live-controls.js', join(here, 'static', 'live-controls.js'), js],
    ['tally.css', join(here, 'static', 'tally.css'), 'text/css; charset=utf-8'],
    ['favicon.svg', join(here, 'static', 'favicon.svg'), 'image/svg+xml; charset=utf-8'],
  ];
  return new Map(files.map(([name, path, contentType]) => [name, { body: readFileSync(path, 'utf8'), contentType }]));
}
