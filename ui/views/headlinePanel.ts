import type { Headline } from '../live/resultsSnapshot.ts';
import { formatClock, formatCount, formatDelay, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';

/** The headline figures; register counts are marked stale while Postgres cannot be read. */
export function renderHeadlinePanel(headline: Headline, generatedAt: number): Html {
  const stale = !headline.registryStale
    ? ''
    : headline.registryRefreshedAt === null
      ? html` <span class="stale">(Postgres unavailable)</span>`
      : html` <span class="stale" title="Postgres is unreachable; showing the figure read at ${formatClock(headline.registryRefreshedAt)}">(stale)</span>`;
  const figure = (label: string, value: string, id: string, note: Html | string = '', attributes: Html | string = ''): Html =>
    html`<div class="figure"${attributes}><dt>${label}</dt><dd id="${id}">${value}${note}</dd></div>`;
  // The newest cast_at as a number, so a client (the benchmark) can measure vote-to-screen itself.
  const castAt = headline.lastCastAt === null ? '' : html` data-last-cast-at="${String(headline.lastCastAt)}"`;
  return html`<dl class="figures">
${figure('Registered voters', formatCount(headline.registeredVoters), 'fig-voters', stale)}
${figure('Candidates', formatCount(headline.candidates), 'fig-candidates', stale)}
${figure('Votes counted', formatCount(headline.votesCounted), 'fig-votes')}
${figure('Turnout', formatPercent(headline.turnout), 'fig-turnout')}
${figure('Rejected votes', formatCount(headline.rejectedVotes), 'fig-rejected')}
${figure('Last update', formatClock(generatedAt), 'fig-updated')}
${figure('Vote-to-screen delay', formatDelay(headline.delayMs), 'fig-delay', '', castAt)}
</dl>`;
}
