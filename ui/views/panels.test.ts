import { describe, expect, it } from 'vitest';
import { HOSTILE_NAME, sampleSnapshot, T0 } from '../testing/sampleElection.ts';
import { renderCandidateBarChart } from './candidateBarChart.ts';
import { renderCandidateDonutChart } from './candidateDonutChart.ts';
import { renderHeadlinePanel, renderLeadSentence } from './headlinePanel.ts';
import { renderHealthPanel } from './healthPanel.ts';
import { renderLeaderPanel } from './leaderPanel.ts';
import { LIVE_PANELS, renderLiveEvents } from './livePanels.ts';
import { renderPage } from './page.ts';
import { checkTitle, renderQualityPanel } from './qualityPanel.ts';
import { renderRejectedPanel } from './rejectedPanel.ts';
import { DEFAULT_REGION_QUERY } from './regionQuery.ts';
import { renderResultsCsv } from './resultsCsv.ts';
import { safePhotoUrl } from './photoUrl.ts';

const snapshot = sampleSnapshot();

describe('panels', () => {
  it('show a hostile candidate name as text in every panel and on the page', () => {
    const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';
    for (const panel of LIVE_PANELS) expect(panel.render(snapshot).toString()).not.toContain('<script>alert');
    expect(renderCandidateBarChart(snapshot.candidates).toString()).toContain(escaped);
    const page = renderPage(snapshot, DEFAULT_REGION_QUERY).toString();
    expect(page).toContain(escaped);
    expect(page).not.toContain(HOSTILE_NAME);
    expect(page).toContain('Savior &quot;Party&quot; &amp; Co');
  });

  it('never put a hostile party colour into an SVG attribute', () => {
    const html = LIVE_PANELS.map((p) => p.render(snapshot).toString()).join('\n');
    expect(html).not.toContain('red"><script>');
    expect(html).toContain('fill="#2ca02c"');
  });

  it('show the leader with photo, party, votes and margin over the runner-up', () => {
    const html = renderLeaderPanel(snapshot.leader).toString();
    expect(html).toContain('<img class="photo" src="/photos/c1.svg" alt="Photo of Ada Lovelace"');
    expect(html).toContain('Management Party');
    expect(html).toContain('<strong>50</strong> votes (50.0%)');
    expect(html).toContain('20 votes ahead of &lt;script&gt;');
  });

  it('replace a javascript: photo URL with the generated avatar', () => {
    expect(safePhotoUrl('javascript:alert(2)', 'c2')).toBe('/photos/c2.svg');
    expect(safePhotoUrl('//evil.example/x.png', 'c2')).toBe('/photos/c2.svg');
    expect(safePhotoUrl('/photos/c1.svg', 'c1')).toBe('/photos/c1.svg');
  });

  it('draw one bar per candidate scaled to the largest, in party colours', () => {
    const svg = renderCandidateBarChart(snapshot.candidates).toString();
    const widths = [...svg.matchAll(/<rect x="0" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([280, 168, 112]);
    expect(svg).toContain('fill="#d62728"');
    expect(svg).toMatch(/^<svg[^>]+role="img"/);
  });

  it('draw donut arcs whose lengths are the vote shares', () => {
    const svg = renderCandidateDonutChart(snapshot.candidates).toString();
    const arcs = [...svg.matchAll(/stroke-dasharray="([\d.]+) /g)].map((m) => Number(m[1]));
    expect(arcs).toEqual([50, 30, 20]);
  });

  it('mark register figures as stale while Postgres cannot be read', () => {
    const stale = renderHeadlinePanel({ ...snapshot.headline, registryStale: true }, snapshot.generatedAt).toString();
    expect(stale).toContain('(stale)');
    expect(renderHeadlinePanel(snapshot.headline, snapshot.generatedAt).toString()).not.toContain('(stale)');
    expect(stale).toContain('<dd id="fig-votes">100</dd>');
    const oneSecondLater = sampleSnapshot(T0 + 60_000);
    expect(renderHeadlinePanel(oneSecondLater.headline, oneSecondLater.generatedAt).toString()).toContain('<dd id="fig-delay">1.0 s</dd>');
  });

  it('say "not available" when the orchestrator gives no health or checks', () => {
    expect(renderQualityPanel(null, T0).toString()).toContain('not available');
    const health = renderHealthPanel(null, snapshot.reader).toString();
    expect(health).toContain('Pipeline health: not available');
    const withJobs = renderHealthPanel({ jobs: [{ name: HOSTILE_NAME, status: 'RUNNING', lastCheckpoint: 0 }] }, snapshot.reader).toString();
    expect(withJobs).toContain('&lt;script&gt;');
    expect(renderQualityPanel({ checkedAt: T0, checks: [{ name: 'votes have voters', ok: false, detail: '3 orphans' }] }, T0).toString()).toContain('FAILED');
  });

  it('say a difference is "catching up", not FAILED, while votes are still arriving', () => {
    const during = renderQualityPanel({ checkedAt: T0, checks: [{ name: 'tally equals Postgres', ok: false, detail: '3 keys differ' }] }, T0, true).toString();
    expect(during).toContain('catching up');
    expect(during).not.toContain('FAILED');
  });

  it('name each check in words, keeping the name `tally check` prints in a title', () => {
    const report = { checkedAt: T0, checks: [
      { name: 'tally_by_region_candidate equals Postgres', ok: true, detail: '10 votes in 4 rows' },
      { name: 'row counts', ok: true, detail: '3 parties' },
      { name: 'constructor equals Postgres', ok: true, detail: '' },
    ] };
    const html = renderQualityPanel(report, T0).toString();
    expect(html).toContain('<span class="check-name" title="tally_by_region_candidate equals Postgres">Votes per candidate in each region match the Postgres archive</span>');
    expect(html).toContain('>Row counts</span>');
    expect(html).toContain('>Constructor equals Postgres</span>');
    expect(checkTitle('turnout_by_region equals Postgres')).toBe('Turnout per region matches the Postgres archive');
    expect(checkTitle('tally_by_party equals Postgres')).toBe('Votes per party match the Postgres archive');
    expect(checkTitle('<b>x</b> equals Postgres')).toBe('<b>x</b> equals Postgres');
  });

  it('say when the checks shown ran, and how long before the page was last updated', () => {
    const report = { checkedAt: T0, checks: [{ name: 'row counts', ok: true, detail: '3 parties' }] };
    expect(renderQualityPanel(report, T0 + 12_000).toString()).toContain(
      '<p class="checked-at">Checked at <time datetime="2026-05-07T09:00:00.000Z">09:00:00 UTC</time>, 12.0 s before this page was last updated.</p>',
    );
    expect(renderQualityPanel(report, T0 + 400).toString()).toContain('09:00:00 UTC</time>, just before this page was last updated.');
    expect(renderQualityPanel({ ...report, checkedAt: Number.NaN }, T0).toString()).toContain('Checked at an unknown time.');
    const quality = LIVE_PANELS.find((p) => p.name === 'quality')!;
    expect(quality.render({ ...snapshot, operations: { health: null, quality: report } }).toString()).toContain('6.0 s before this page was last updated');
  });

  it('put a check\'s finding in words in place of the detail the terminal prints', () => {
    const check = {
      name: 'votes_per_minute equals Postgres', ok: false, detail: '1 key(s) differ: 1778144405000 expected 118 got 120',
      finding: { kind: 'counts' as const, keyColumns: ['minute_start'], keys: 40, tallyTotal: 120, postgresTotal: 118, differing: 1, shown: [{ key: [String(T0 + 5_000)], names: [null], tally: 120, postgres: 118 }] },
    };
    const html = renderQualityPanel({ checkedAt: T0, checks: [check] }, T0).toString();
    expect(html).toContain('the bucket starting 09:00:05 UTC</span>: 120 in the tally, 118 in Postgres.');
    expect(html).not.toContain('expected 118 got 120');
    // while votes arrive, a difference is the two sides catching up: how many keys, not which
    const during = renderQualityPanel({ checkedAt: T0, checks: [check] }, T0, true).toString();
    expect(during).toContain('1 of 40 time buckets differs for now: 120 votes in the tally, 118 in Postgres.');
    expect(during).not.toContain('the bucket starting');
  });

  it('set "no new votes" in the delay figure as words, the delay as a number', () => {
    const idle = renderHeadlinePanel({ ...snapshot.headline, votesFlowing: false, lastCastAt: T0 }, snapshot.generatedAt).toString();
    expect(idle).toContain('<dd id="fig-delay" class="words">no new votes</dd>');
    const flowing = renderHeadlinePanel({ ...snapshot.headline, votesFlowing: true, lastCastAt: T0, delayMs: 250 }, snapshot.generatedAt).toString();
    expect(flowing).toMatch(/<dd id="fig-delay">[^<]*ms<\/dd>/);
  });

  it('label a rejection reason named like an Object property as written', () => {
    expect(renderRejectedPanel([{ reason: 'constructor', events: 1 }]).toString()).toContain('<th scope="row">constructor</th>');
  });

  it('head the page with the leader, the share, the margin in votes and points, and the count', () => {
    const out = renderHeadlinePanel(snapshot.headline, snapshot.generatedAt, snapshot.leader, snapshot.regions).toString();
    expect(out).toContain('<strong>Ada Lovelace</strong> (Management Party) leads with 50.0% of the vote, 20 votes (20.0 points) ahead of &lt;script&gt;');
    expect(out).toMatch(/100 of [\d,]+ registered voters counted \([\d.]+%\); 0 of \d+ regions complete, 2 reporting\./);
    const tied = { ...snapshot.leader!, tied: true, marginOverSecond: 0 };
    expect(renderLeadSentence(tied).toString()).toContain('are tied');
    expect(renderLeadSentence(null).toString()).toContain('No votes counted yet.');
  });

  it('say the leader wins once the polls have closed and every region is complete, and not before', () => {
    const regions = snapshot.regions.map((r) => ({ ...r, count: 'complete' as const }));
    const closed = { openedAt: T0 - 600_000, closesAt: T0 - 300_000, closedAt: T0 - 300_000, countCaughtUp: true };
    expect(renderHeadlinePanel(snapshot.headline, snapshot.generatedAt, snapshot.leader, regions, closed).toString()).toContain('(Management Party) wins with 50.0% of the vote');
    expect(renderHeadlinePanel(snapshot.headline, snapshot.generatedAt, snapshot.leader, snapshot.regions, closed).toString()).toContain('(Management Party) leads with');
    expect(renderLeadSentence({ ...snapshot.leader!, tied: true, marginOverSecond: 0 }, true).toString()).toContain('finish tied');
  });

  it('push one event per panel plus the default regions panel, which changes only with the regions', () => {
    const events = renderLiveEvents(snapshot);
    expect(events.map((e) => e.event)).toEqual([...LIVE_PANELS.map((p) => p.name), 'regions']);
    expect(events.at(-1)?.data).toContain('<section id="regions"');
    expect(renderLiveEvents(snapshot, 'Ada <leads>').at(-1)).toEqual({ event: 'announce', data: 'Ada &lt;leads&gt;' });
    const later = renderLiveEvents(sampleSnapshot(snapshot.generatedAt + 5_000));
    expect(later.at(-1)).toEqual(events.at(-1));
  });

  it('export candidates and regions as CSV with formula-looking cells defused', () => {
    const csv = renderResultsCsv(snapshot, 'candidates');
    expect(csv.split('\r\n')[0]).toBe('"candidate_id","name","party_id","party_name","votes","share"');
    expect(csv).toContain('"c2","<script>alert(1)</script>","SVP","Savior ""Party"" & Co",30,0.3');
    const hostile = renderResultsCsv({ ...snapshot, regions: [{ region_id: 'r', name: '=HYPERLINK("x")', registered_voters: 1, votes: 0, turnout: 0, leader: null, count: 'no-votes' }] }, 'regions');
    expect(hostile).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
