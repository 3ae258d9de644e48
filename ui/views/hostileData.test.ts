import { describe, expect, it, vi } from 'vitest';
import type { QualityReport } from '../live/liveTypes.ts';
import type { CandidateResult, ResultsSnapshot } from '../live/resultsSnapshot.ts';
import { cleanText, MAX_TEXT_CHARS } from '../../shared/election/tallyValues.ts';
import { createApp } from '../server.ts';
import { ABSURD_CAST_AT, CONTROL_NAME, fixedSource, HOSTILE_MESSAGES, hostileSnapshot, hostileView } from '../testing/hostileRows.ts';
import { sampleSnapshot, T0 } from '../testing/sampleElection.ts';
import { formatClock, formatCount, formatDelay, formatMinute, formatPercent } from './displayFormat.ts';
import { LIVE_PANELS } from './livePanels.ts';
import { renderPage } from './page.ts';
import { renderGuarded } from './panelGuard.ts';
import { DEFAULT_REGION_QUERY } from './regionQuery.ts';
import { renderQualityPanel } from './qualityPanel.ts';
import { renderRegionPanel } from './regionTable.ts';
import { renderVotesOverTimeChart } from './votesOverTimeChart.ts';

// Tally rows no honest pipeline writes: the page keeps what it can draw, skips what it cannot, and
// no route answers anything but 200 because of them.

// Any control character but the tab and newline of the markup itself.
const CONTROL = /(?![\t\n])\p{Cc}/u;
const appFor = (snapshot: ResultsSnapshot): ReturnType<typeof createApp> => createApp({ source: fixedSource(snapshot), pushesPerSecond: 4, now: () => T0 + 60_000 });

describe('hostile tally rows at the boundary', () => {
  for (const m of HOSTILE_MESSAGES) {
    it(`a ${m.kind} row with ${m.what} is ${m.outcome === 'upserted' ? 'kept' : 'skipped as malformed'}`, () => {
      const view = hostileView();
      expect(view.apply(m.kind, m.key, m.value)).toBe(m.outcome);
    });
  }

  it('a cast_at no Date can hold costs the row nothing but its time', () => {
    const row = hostileView().tables.candidates.get(JSON.stringify(['future']));
    expect(row?.votes).toBe(1);
    expect(row?.last_cast_at).toBe(0);
  });

  it('text is kept short and free of control characters, and its key stays the one written', () => {
    const candidates = hostileView().tables.candidates;
    expect(candidates.get(JSON.stringify(['long']))?.candidate_name).toHaveLength(MAX_TEXT_CHARS);
    expect(candidates.get(JSON.stringify(['long']))?.photo_url).toBe('');
    const controlled = candidates.get(JSON.stringify(['ctl\u0000id']));
    expect(controlled?.candidate_id).toBe('ctl\uFFFDid');
    expect(controlled?.candidate_name).not.toMatch(CONTROL);
    expect(cleanText(CONTROL_NAME)).toBe('Ann\uFFFDLee\uFFFD\uFFFDevent: leader\uFFFDdata: <b>x</b>\uFFFD\uFFFD');
  });
});

describe('every panel with hostile data', () => {
  const snapshot = hostileSnapshot();

  for (const panel of LIVE_PANELS) {
    it(`the ${panel.name} panel draws what it can, without control characters or raw HTML from the data`, () => {
      const html = panel.render(snapshot).toString();
      expect(html).not.toContain('cannot be drawn');
      expect(html).not.toMatch(CONTROL);
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<b>');
    });
  }

  it('the timeline leaves out a time bucket dated far in the future and says so', () => {
    const html = renderVotesOverTimeChart(snapshot.votesPerMinute, snapshot.generatedAt).toString();
    expect(html).toContain('1 time bucket(s) dated in the future not drawn');
    expect(html).toContain('09:00');
    expect(renderVotesOverTimeChart([{ minute_start: 8e15, votes: 1 }], T0).toString()).toContain('No votes with a drawable time yet');
  });

  it('the timeline and clocks show a dash for a time no Date can hold, even handed one directly', () => {
    expect(() => renderVotesOverTimeChart([{ minute_start: ABSURD_CAST_AT, votes: 1 }], ABSURD_CAST_AT).toString()).not.toThrow();
    expect(formatClock(ABSURD_CAST_AT)).toBe('–');
    expect(formatMinute(Number.NaN)).toBe('–');
    expect([formatCount(Number.NaN), formatPercent(Infinity), formatDelay(-Infinity)]).toEqual(['–', '–', '–']);
  });

  it('the quality panel shows hostile check names, details, ids and names as text, and a check time no Date can hold as unknown', () => {
    const quality: QualityReport = {
      checkedAt: ABSURD_CAST_AT,
      checks: [
        { name: '<b>row counts</b>\u0000', ok: false, detail: CONTROL_NAME },
        {
          name: 'tally_by_region_candidate equals Postgres', ok: false, detail: 'r\r1|ctl expected 0 got 3',
          finding: { kind: 'counts', keyColumns: ['region_id', 'candidate_id'], keys: 1, tallyTotal: 3, postgresTotal: 0, differing: 1, shown: [{ key: ['r\r1', '<script>'], names: [CONTROL_NAME, null], tally: 3, postgres: 0 }] },
        },
      ],
    };
    const html = LIVE_PANELS.find((p) => p.name === 'quality')!.render({ ...snapshot, operations: { ...snapshot.operations, quality } }).toString();
    expect(html).toContain('Checked at an unknown time.');
    expect(html).toContain('&lt;b&gt;row counts&lt;/b&gt;\uFFFD');
    expect(html).not.toMatch(CONTROL);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    // once votes stop, the keys that differ are named: hostile ids as text too
    const settled = renderQualityPanel(quality, snapshot.generatedAt).toString();
    expect(settled).toContain('candidate “&lt;script&gt;” (not in the register)');
    expect(settled).not.toMatch(CONTROL);
    expect(settled).not.toContain('<script>');
  });

  it('the health panel shows a checkpoint time no Date can hold as a dash', () => {
    const health = LIVE_PANELS.find((p) => p.name === 'health')!.render(snapshot).toString();
    expect(health).toContain('last checkpoint –');
  });

  it('the regions panel lists a region with votes but no registered voters, turnout unknown', () => {
    const html = renderRegionPanel(snapshot.regions, DEFAULT_REGION_QUERY).toString();
    expect(html).toContain('-1+1;+cmd|x');
    expect(html).not.toMatch(CONTROL);
  });
});

describe('a panel that throws', () => {
  const broken = { ...sampleSnapshot(), candidates: null as unknown as CandidateResult[], regions: null as unknown as ResultsSnapshot['regions'] };

  it('shows that it cannot be drawn while the others render', () => {
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const rendered = Object.fromEntries(LIVE_PANELS.map((p) => [p.name, p.render(broken).toString()]));
    expect(rendered['bar-chart']).toContain('This panel cannot be drawn from the current data.');
    expect(rendered.headline).toContain('<dd id="fig-votes">100</dd>');
    expect(rendered.leader).toContain('Ada Lovelace');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('the bar-chart panel cannot be drawn'));
    errors.mockRestore();
  });

  it('keeps its place on the page, the regions panel its live update', () => {
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const page = renderPage(broken, DEFAULT_REGION_QUERY).toString();
    expect(page).toContain('<div id="bar-chart" class="panel-body" sse-swap="bar-chart" hx-swap="innerHTML"><p class="empty" role="status">');
    expect(page).toMatch(/<div id="regions-view"[^>]+hx-trigger="regions-refresh from:body"[^>]*>\s*<section id="regions"[^>]+sse-swap="regions"/);
    errors.mockRestore();
  });

  it('is logged once per panel and message, not on every push', () => {
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    for (let i = 0; i < 5; i++) renderGuarded('test-once', () => { throw new Error('always'); });
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });
});

describe('routes with hostile data', () => {
  it('the page, every fragment, the JSON and the CSVs answer 200', async () => {
    const app = appFor(hostileSnapshot());
    const paths = ['/', '/fragments/all', '/fragments/regions', ...LIVE_PANELS.map((p) => `/fragments/${p.name}`), '/api/results', '/api/results.csv?kind=candidates', '/api/results.csv?kind=regions'];
    for (const path of paths) expect((await app.request(path)).status, path).toBe(200);
  });

  it('the results JSON parses and keeps the counted votes of rows with odd text or times', async () => {
    const body = (await (await appFor(hostileSnapshot()).request('/api/results')).json()) as ResultsSnapshot;
    expect(body.headline.votesCounted).toBe(1 + 1 + 1 + 1 + 1 + 7);
    expect(body.headline.lastCastAt).toBe(8e15);
    expect(body.rejected).toEqual([{ reason: 'cast_at_out_of_window', events: 2 }]);
    expect(JSON.stringify(body)).not.toMatch(/\\u0000|\\r/);
  });

  it('a snapshot the page cannot draw at all still gets 200 with messages, and the API still answers', async () => {
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const app = appFor({ ...sampleSnapshot(), candidates: null as unknown as CandidateResult[] });
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('cannot be drawn');
    expect((await app.request('/api/results')).status).toBe(200);
    errors.mockRestore();
  });
});
