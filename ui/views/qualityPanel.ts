import type { QualityCheck } from '../live/liveTypes.ts';
import { html, type Html } from './html.ts';

/**
 * Data-quality checks (referential integrity, row counts, reconciliation) as the orchestrator
 * reports them. While votes flow (`countInProgress`) the tallies, the Postgres archive and the
 * log are each a moment apart, so a difference then reads "catching up", not FAILED: only a
 * difference that stays once votes stop is a failure.
 */
export function renderQualityPanel(checks: QualityCheck[] | null, countInProgress = false): Html {
  if (checks === null) return html`<p class="empty">Data-quality status: not available.</p>`;
  if (checks.length === 0) return html`<p class="empty">No data-quality checks have run yet.</p>`;
  const label = (c: QualityCheck): string => (c.ok ? 'OK' : countInProgress ? 'catching up' : 'FAILED');
  const items = checks.map((c) => html`<li class="${c.ok ? 'ok' : countInProgress ? 'pending' : 'failed'}"><strong>${label(c)}</strong> ${c.name}<span class="detail">${c.detail}</span></li>`);
  const note = countInProgress && checks.some((c) => !c.ok)
    ? html`<p class="note">Votes are still arriving: the tallies, the Postgres archive and the vote log are each a moment apart until they stop.</p>`
    : html``;
  return html`${note}<ul class="status-list">${items}</ul>`;
}
