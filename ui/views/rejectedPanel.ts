import type { RejectedCount } from '../live/resultsSnapshot.ts';
import { formatCount } from './displayFormat.ts';
import { html, type Html } from './html.ts';

const REASON_LABELS: Record<string, string> = {
  malformed: 'Malformed event',
  oversized: 'Oversized event',
  unknown_voter: 'Unknown voter',
  unknown_candidate: 'Unknown candidate',
  duplicate_vote: 'Second vote by the same voter',
  duplicate_delivery: 'Same event delivered twice',
  invalid_cast_at: 'Time outside 2000-2099',
};

/** A rejection reason in words ("Second vote by the same voter"); a reason the page does not know reads as written. */
export function reasonLabel(reason: string): string {
  // hasOwn: a reason named like an Object property ("constructor") is not a label.
  return Object.hasOwn(REASON_LABELS, reason) ? REASON_LABELS[reason]! : reason;
}

export function renderRejectedPanel(rejected: RejectedCount[]): Html {
  if (rejected.length === 0) return html`<p class="empty">No rejected votes.</p>`;
  const rows = rejected.map((r) => html`<tr><th scope="row">${reasonLabel(r.reason)}</th><td class="num">${formatCount(r.events)}</td></tr>`);
  return html`<div class="table-wrap"><table id="rejected-table">
<caption>Rejected votes by reason</caption>
<thead><tr><th scope="col">Reason</th><th scope="col" class="num">Events</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}
