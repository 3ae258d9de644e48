import type { ResultsSnapshot } from '../live/resultsSnapshot.ts';
import { html, type Html } from './html.ts';
import { LIVE_PANELS, type LivePanel } from './livePanels.ts';
import { renderRegionView } from './regionTable.ts';
import type { RegionQuery } from './regionQuery.ts';

// The whole page: htmx with its SSE extension keeps every panel live. Each panel's content element
// swaps in the HTML of the SSE event named like it; the pause box and refresh button are plain
// controls (static/live-controls.js holds the few lines htmx cannot express).

function panelSection(panel: LivePanel, snapshot: ResultsSnapshot): Html {
  return html`<section class="panel${panel.wide ? ' wide' : ''}" aria-labelledby="${panel.name}-title">
<h2 id="${panel.name}-title">${panel.title}</h2>
<div id="${panel.name}" class="panel-body" sse-swap="${panel.name}" hx-swap="innerHTML">${panel.render(snapshot)}</div>
</section>`;
}

export function renderPage(snapshot: ResultsSnapshot, regionQuery: RegionQuery): Html {
  const [headline, ...rest] = LIVE_PANELS;
  const before = rest.filter((p) => p.name !== 'rejected' && p.name !== 'quality' && p.name !== 'health');
  const after = rest.filter((p) => !before.includes(p));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'>
<title>Tally: live election results</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/tally.css">
<script src="/static/htmx.min.js"></script>
<script src="/static/sse.js"></script>
<script src="/static/live-controls.js" defer></script>
</head>
<body hx-ext="sse">
<header class="site-header">
<h1>Tally <span class="subtitle">live election results</span></h1>
<div class="controls">
<span id="connection" class="connection" role="status">Connecting…</span>
<label class="pause"><input type="checkbox" id="pause"> Pause live updates</label>
<button type="button" id="refresh" hx-get="/fragments/all" hx-swap="none">Refresh now</button>
</div>
</header>
<main id="live" sse-connect="/events">
<div id="announce" class="visually-hidden" aria-live="polite" aria-atomic="true" sse-swap="announce" hx-swap="innerHTML"></div>
${headline ? panelSection(headline, snapshot) : ''}
${before.map((p) => panelSection(p, snapshot))}
${renderRegionView(snapshot.regions, regionQuery)}
${after.map((p) => panelSection(p, snapshot))}
</main>
<footer class="site-footer"><p>Data: <a href="/api/results">JSON</a> · <a href="/api/results.csv?kind=candidates">candidates CSV</a> · <a href="/api/results.csv?kind=regions">regions CSV</a></p></footer>
</body>
</html>`;
}

/** Every live panel as an out-of-band swap, for the refresh button. */
export function renderAllPanelsOutOfBand(snapshot: ResultsSnapshot): Html {
  return html`${LIVE_PANELS.map((p) => html`<div id="${p.name}" hx-swap-oob="innerHTML">${p.render(snapshot)}</div>`)}`;
}
