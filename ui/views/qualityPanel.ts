import type { QualityCheck } from '../live/liveTypes.ts';
import { html, type Html } from './html.ts';

/** Data-quality checks (referential integrity, row counts, reconciliation) as the orchestrator reports them. */
export function renderQualityPanel(checks: QualityCheck[] | null): Html {
  if (checks === null) return html`<p class="empty">Data-quality status: not available.</p>`;
  if (checks.length === 0) return html`<p class="empty">No data-quality checks have run yet.</p>`;
  const items = checks.map((c) => html`<li class="${c.ok ? 'ok' : 'failed'}"><strong>${c.ok ? 'OK' : 'FAILED'}</strong> ${c.name}<span class="detail">${c.detail}</span></li>`);
  return html`<ul class="status-list">${items}</ul>`;
}
