import type { PollingDayStatus } from '../live/pollingDayPoller.ts';
import type { Headline, LeaderSummary, RegionResult } from '../live/resultsSnapshot.ts';
import { formatClock, formatCount, formatDelay, formatPercent } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { renderGuarded } from './panelGuard.ts';
import { renderPartySwatch } from './partySwatch.ts';
import { pollsPhase, renderPollsSentence } from './pollingDayClock.ts';
import { completeRegions } from './regionReporting.ts';

/**
 * The race in one sentence: leader, share, margin in votes and percentage points, runner-up.
 * @param final - the polls have closed and every region's count is complete: the leader "wins".
 *   Defaults to false
 */
export function renderLeadSentence(leader: LeaderSummary | null, final = false): Html {
  if (!leader) return html`<p class="lead-sentence" id="lead-sentence">No votes counted yet.</p>`;
  const { candidate, runnerUp, marginOverSecond, tied } = leader;
  if (tied) {
    return html`<p class="lead-sentence" id="lead-sentence"><strong>${candidate.name}</strong> and <strong>${runnerUp?.name ?? ''}</strong> ${final ? 'finish tied' : 'are tied'} on ${formatCount(candidate.votes)} votes each (${formatPercent(candidate.share)}).</p>`;
  }
  const points = runnerUp ? ((candidate.share - runnerUp.share) * 100).toFixed(1) : null;
  const margin = runnerUp ? html`, ${formatCount(marginOverSecond)} votes (${points} points) ahead of ${runnerUp.name}` : '';
  return html`<p class="lead-sentence" id="lead-sentence">${renderPartySwatch(candidate.color)} <strong>${candidate.name}</strong> (${candidate.party_name}) ${final ? 'wins' : 'leads'} with ${formatPercent(candidate.share)} of the vote${margin}.</p>`;
}

/** Votes counted of registered, and how many regions are complete and reporting. */
function countSentence(headline: Headline, regions: RegionResult[]): Html {
  const [complete, total] = completeRegions(regions);
  const reporting = regions.filter((r) => r.count === 'reporting').length;
  const counted = headline.registeredVoters === null
    ? html`${formatCount(headline.votesCounted)} votes counted`
    : html`${formatCount(headline.votesCounted)} of ${formatCount(headline.registeredVoters)} registered voters counted (${formatPercent(headline.turnout)})`;
  const regionsPart = total > 0 ? html`; ${formatCount(complete)} of ${formatCount(total)} regions complete, ${formatCount(reporting)} reporting` : '';
  return html`<p class="count-sentence" id="count-sentence">${counted}${regionsPart}.</p>`;
}

/**
 * The headline: the race in a sentence, the count, then the figures; register counts are marked
 * stale while Postgres cannot be read.
 * @param leader - the leader summary, or null (no votes yet). Defaults to null
 * @param regions - for the "k of n regions complete, m reporting" part. Defaults to none
 * @param polls - the polling day, for the polls sentence (none when null). Defaults to null
 */
export function renderHeadlinePanel(headline: Headline, generatedAt: number, leader: LeaderSummary | null = null, regions: RegionResult[] = [], polls: PollingDayStatus | null = null): Html {
  const stale = !headline.registryStale
    ? ''
    : headline.registryRefreshedAt === null
      ? html` <span class="stale">(Postgres unavailable)</span>`
      : html` <span class="stale" title="Postgres is unreachable; showing the figure read at ${formatClock(headline.registryRefreshedAt)}">(stale)</span>`;
  const figure = (label: string, value: string, id: string, note: Html | string = '', attributes: Html | string = '', words = false): Html =>
    html`<div class="figure"${attributes}><dt>${label}</dt><dd id="${id}"${words ? html` class="words"` : ''}>${value}${note}</dd></div>`;
  // The newest cast_at as a number, so a client (the benchmark) can measure vote-to-screen itself.
  const castAt = headline.lastCastAt === null ? '' : html` data-last-cast-at="${String(headline.lastCastAt)}"`;
  // A delay while votes flow; once they stop, words ("no new votes"), set as words.
  const delayShown = headline.votesFlowing || headline.lastCastAt === null;
  // The sentences are extras: if they cannot be drawn, the figures still are.
  return html`${renderGuarded('headline-polls', () => renderPollsSentence(polls, generatedAt, regions), () => html``)}
${renderGuarded('headline-lead', () => renderLeadSentence(leader, polls !== null && pollsPhase(polls, generatedAt, regions) === 'complete'), () => html``)}
${renderGuarded('headline-count', () => countSentence(headline, regions), () => html``)}
<dl class="figures">
${figure('Registered voters', formatCount(headline.registeredVoters), 'fig-voters', stale)}
${figure('Candidates', formatCount(headline.candidates), 'fig-candidates', stale)}
${figure('Votes counted', formatCount(headline.votesCounted), 'fig-votes')}
${figure('Turnout', formatPercent(headline.turnout), 'fig-turnout')}
${figure('Rejected votes', formatCount(headline.rejectedVotes), 'fig-rejected')}
${figure('Last update (UTC)', formatClock(generatedAt).replace(/ UTC$/, ''), 'fig-updated')}
${figure('Vote-to-screen delay', delayShown ? formatDelay(headline.delayMs) : 'no new votes', 'fig-delay', '', castAt, !delayShown)}
</dl>`;
}
