import type { SseEvent } from '../live/renderedVersion.ts';
import type { ResultsSnapshot } from '../live/resultsSnapshot.ts';
import { renderCandidateBarChart } from './candidateBarChart.ts';
import { renderCandidateDonutChart } from './candidateDonutChart.ts';
import { renderCandidateTable } from './candidateTable.ts';
import { renderHeadlinePanel } from './headlinePanel.ts';
import { renderHealthPanel } from './healthPanel.ts';
import { html, type Html } from './html.ts';
import { renderGuarded } from './panelGuard.ts';
import { renderLeaderPanel } from './leaderPanel.ts';
import { renderPartyTotalsPanel } from './partyTotalsPanel.ts';
import { renderQualityPanel } from './qualityPanel.ts';
import { renderRegionMap } from './regionMap.ts';
import { DEFAULT_REGION_QUERY } from './regionQuery.ts';
import { renderRegionPanel } from './regionTable.ts';
import { renderRejectedPanel } from './rejectedPanel.ts';
import { renderVotesOverTimeChart } from './votesOverTimeChart.ts';

// The panels the server pushes: each has an element id, an SSE event name (the same) and a
// renderer. The regions table is not here: it depends on each reader's sort and page, so the
// `regions` event carries it in its default sort and page, and a reader with another sort or page
// is pushed theirs on a stream of that view (regionTable.ts).

export interface LivePanel {
  name: string;
  title: string;
  /** Wide panels span the whole row on large screens. */
  wide?: boolean;
  render: (snapshot: ResultsSnapshot) => Html;
}

const PANELS: readonly LivePanel[] = [
  { name: 'headline', title: 'At a glance', wide: true, render: (s) => renderHeadlinePanel(s.headline, s.generatedAt, s.leader, s.regions, s.polls) },
  { name: 'map', title: 'Map: leading party by region', render: (s) => renderRegionMap(s.regions, s.parties) },
  { name: 'leader', title: 'Top candidate', render: (s) => renderLeaderPanel(s.leader) },
  { name: 'bar-chart', title: 'Votes per candidate', render: (s) => renderCandidateBarChart(s.candidates) },
  { name: 'donut-chart', title: 'Share of the vote', render: (s) => renderCandidateDonutChart(s.candidates) },
  { name: 'candidates', title: 'Candidates', render: (s) => renderCandidateTable(s.candidates) },
  { name: 'parties', title: 'Party totals', render: (s) => renderPartyTotalsPanel(s.parties) },
  { name: 'timeline', title: 'Votes over time', render: (s) => renderVotesOverTimeChart(s.votesPerMinute, s.generatedAt, s.polls) },
  { name: 'rejected', title: 'Rejected votes', render: (s) => renderRejectedPanel(s.rejected) },
  { name: 'quality', title: 'Data quality', render: (s) => renderQualityPanel(s.operations.quality, s.generatedAt, s.headline.votesFlowing, s.polls) },
  { name: 'health', title: 'Pipeline health', render: (s) => renderHealthPanel(s.operations.health, s.reader) },
];

/** Every pushed panel, in page order, each rendering inside renderGuarded (a throw shows a message). */
export const LIVE_PANELS: readonly LivePanel[] = PANELS.map((panel) => ({
  ...panel,
  render: (snapshot: ResultsSnapshot) => renderGuarded(panel.name, () => panel.render(snapshot)),
}));

export function findLivePanel(name: string): LivePanel | undefined {
  return LIVE_PANELS.find((p) => p.name === name);
}

/**
 * The full state as SSE events: one per panel, then `regions` (the regions panel in its default
 * view) and, when given, `announce` (the polite live region's text).
 */
export function renderLiveEvents(snapshot: ResultsSnapshot, announcement?: string): SseEvent[] {
  const events = [
    ...LIVE_PANELS.map((p) => ({ event: p.name, data: p.render(snapshot).toString() })),
    { event: 'regions', data: renderRegionPanel(snapshot.regions, DEFAULT_REGION_QUERY).toString() },
  ];
  if (announcement !== undefined) events.push({ event: 'announce', data: html`${announcement}`.toString() });
  return events;
}
