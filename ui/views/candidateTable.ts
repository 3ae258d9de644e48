import type { CandidateResult } from '../live/resultsSnapshot.ts';
import { formatCount, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { renderPartySwatch } from './partySwatch.ts';

export function renderCandidateTable(candidates: CandidateResult[]): Html {
  const rows = candidates.map((c) => html`<tr>
<th scope="row">${c.name}</th>
<td>${renderPartySwatch(c.color)} ${c.party_name}</td>
<td class="num">${formatCount(c.votes)}</td>
<td class="num">${formatPercent(c.share)}</td>
</tr>`);
  return html`<div class="table-wrap"><table id="candidate-table">
<caption>Votes per candidate</caption>
<thead><tr><th scope="col">Candidate</th><th scope="col">Party</th><th scope="col" class="num">Votes</th><th scope="col" class="num">Share</th></tr></thead>
<tbody>${rows.length > 0 ? rows : html`<tr><td colspan="4" class="empty">No votes counted yet.</td></tr>`}</tbody>
</table></div>`;
}
