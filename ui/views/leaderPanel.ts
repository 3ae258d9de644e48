import type { LeaderSummary } from '../live/resultsSnapshot.ts';
import { formatCount, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { safePhotoUrl } from './photoUrl.ts';
import { renderPartySwatch } from './partySwatch.ts';

export function renderLeaderPanel(leader: LeaderSummary | null): Html {
  if (!leader) return html`<p class="empty">No votes counted yet.</p>`;
  const { candidate, runnerUp, marginOverSecond, tied } = leader;
  const margin = tied
    ? html`<p class="margin">Tied with ${runnerUp?.name ?? ''}</p>`
    : html`<p class="margin">${formatCount(marginOverSecond)} votes ahead${runnerUp ? html` of ${runnerUp.name}` : ''}</p>`;
  return html`<div class="leader">
<img class="photo" src="${safePhotoUrl(candidate.photo_url, candidate.candidate_id)}" alt="Photo of ${candidate.name}" width="96" height="96">
<div>
<p class="leader-name" id="leader-name">${candidate.name}</p>
<p class="party">${renderPartySwatch(candidate.color)} ${candidate.party_name}</p>
<p class="leader-votes"><strong>${formatCount(candidate.votes)}</strong> votes (${formatPercent(candidate.share)})</p>
${margin}
</div>
</div>`;
}
