import { firstLine } from '../../shared/errors.ts';
import { html, type Html } from './html.ts';

// One panel's bug must not take the page down: each panel renders inside this guard, and a panel
// that throws shows a short message while every other panel, the page and the API carry on. The
// error goes to the server's log once per panel and message (panels re-render on every push).

const MAX_REMEMBERED = 100;
const reported = new Set<string>();

/** What a panel that cannot be drawn shows instead. */
export function renderPanelUnavailable(): Html {
  return html`<p class="empty" role="status">This panel cannot be drawn from the current data.</p>`;
}

/**
 * `render()`, or, when it throws, `fallback()` and one line on stderr naming `panel`.
 * @param panel - the panel's name, for the log line
 * @param render - the panel's renderer; whatever it throws is caught here
 * @param fallback - what to show instead. Defaults to renderPanelUnavailable
 */
export function renderGuarded(panel: string, render: () => Html, fallback: () => Html = renderPanelUnavailable): Html {
  try {
    return render();
  } catch (error) {
    reportOnce(panel, error);
    return fallback();
  }
}

function reportOnce(panel: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const key = `${panel}\u0000${message}`;
  if (reported.has(key)) return;
  if (reported.size >= MAX_REMEMBERED) reported.clear();
  reported.add(key);
  process.stderr.write(`results page: the ${panel} panel cannot be drawn: ${firstLine(message)}\n`);
}
