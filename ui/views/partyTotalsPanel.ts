import type { PartyResult } from '../live/resultsSnapshot.ts';
import { formatCount, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { renderPartySwatch } from './partySwatch.ts';

export function renderPartyTotalsPanel(parties: PartyResult[]): Html {
  const rows = parties.map((p) => html`<tr>
<th scope="row">${renderPartySwatch(p.color)} ${p.name}</th>
<td class="num">${formatCount(p.votes)}</td>
<td class="num">${formatPercent(p.share)}</td>
</tr>`);
  return html`<div class="table-wrap"><table id="party-table">
<caption>Votes per party</caption>
<thead><tr><th scope="col">Party</th><th scope="col" class="num">Votes</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="3" class="empty">No votes counted yet.</td></tr>`}</tbody>
</table></div>`;
}
