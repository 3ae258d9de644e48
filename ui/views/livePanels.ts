import { createHash } from 'node:crypto';
import type { SseEvent } from '../live/broadcast.ts';
import type { ResultsSnapshot } from '../live/resultsSnapshot.ts';
import { renderCandidateBarChart } from './candidateBarChart.ts';
import { renderCandidateDonutChart } from './candidateDonutChart.ts';
import { renderCandidateTable } from './candidateTable.ts';
import { renderHeadlinePanel } from './headlinePanel.ts';
import { renderHealthPanel } from './healthPanel.ts';
import type { Html } from './html.ts';
import { renderGuarded } from './panelGuard.ts';
import { renderLeaderPanel } from './leaderPanel.ts';
import { renderPartyTotalsPanel } from './partyTotalsPanel.ts';
import { renderQualityPanel } from './qualityPanel.ts';
import { renderRejectedPanel } from './rejectedPanel.ts';
import { renderVotesOverTimeChart } from './votesOverTimeChart.ts';

// The panels the server pushes: each has an element id, an SSE event name (the same) and a
// renderer. The regions table is not here: it depends on each reader's sort and page, so the
// `regions` event only tells the browser to re-fetch it (see renderRegionTable).

export interface LivePanel {
  name: string;
  title: string;
  /** Wide panels span the whole row on large screens. */
  wide?: boolean;
  render: (snapshot: ResultsSnapshot) => Html;
}

const PANELS: readonly LivePanel[] = [
  { name: 'headline', title: 'At a glance', wide: true, render: (s) => renderHeadlinePanel(s.headline, s.generatedAt) },
  { name: 'leader', title: 'Leading candidate', render: (s) => renderLeaderPanel(s.leader) },
  { name: 'bar-chart', title: 'Votes per candidate', render: (s) => renderCandidateBarChart(s.candidates) },
  { name: 'donut-chart', title: 'Share of the vote', render: (s) => renderCandidateDonutChart(s.candidates) },
  { name: 'candidates', title: 'Candidates', render: (s) => renderCandidateTable(s.candidates) },
  { name: 'parties', title: 'Party totals', render: (s) => renderPartyTotalsPanel(s.parties) },
  { name: 'timeline', title: 'Votes over time', render: (s) => renderVotesOverTimeChart(s.votesPerMinute, s.generatedAt) },
  { name: 'rejected', title: 'Rejected votes', render: (s) => renderRejectedPanel(s.rejected) },
  { name: 'quality', title: 'Data quality', render: (s) => renderQualityPanel(s.operations.checks) },
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

/** A fingerprint of the regions, so the `regions` event only fires when a region changed. */
export function regionsFingerprint(snapshot: ResultsSnapshot): string {
  return createHash('sha1').update(JSON.stringify(snapshot.regions)).digest('base64url');
}

/** The full state as SSE events: one per panel, plus the regions re-fetch signal. */
export function renderLiveEvents(snapshot: ResultsSnapshot): SseEvent[] {
  return [
    ...LIVE_PANELS.map((p) => ({ event: p.name, data: p.render(snapshot).toString() })),
    { event: 'regions', data: regionsFingerprint(snapshot) },
  ];
}
