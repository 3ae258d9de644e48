import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LoadedConfig } from '../../shared/config/load.ts';
import type { ResultsSnapshot } from '../../ui/live/resultsSnapshot.ts';
import { postgresSettings } from '../../shared/config/settings.ts';
import { createPool } from '../../shared/postgres/connection.ts';
import { resultsPageSettings, startUiServer, type UiServer } from '../../ui/index.ts';
import { PollingNight } from './support/pollingNight.ts';
import { eventually, TallyTopicWriter, uniqueTallyConfig } from './support/tallyTopics.ts';

// The results page in a real headless Chromium, fed by real tally topics: it updates live without
// reloading, sorts and pages the regions table, draws the map, passes axe-core, works from the
// keyboard, shows hostile names as text, follows a polling day (open, closed and counting, complete
// once the count has read every vote), fits a phone, and recovers after the UI server restarts on
// the same port. Also saves screenshots: to test-results/screenshots, or to docs/screenshots with
// TALLY_UPDATE_SCREENSHOTS=1.

const HOSTILE = '<script>alert(1)</script>';
const NOW = Date.now();
const PARTIES = [
  { party_id: 'E2A', party_name: 'Amber Alliance', color: '#b45309' },
  { party_id: 'E2B', party_name: 'Blue Bloc', color: '#1d4ed8' },
  { party_id: 'E2C', party_name: 'Cyan Coalition', color: '#0e7490' },
];
const CANDIDATES = [
  { candidate_id: 'e2e-1', candidate_name: 'Margaret Holloway-Fitzgerald', party: PARTIES[0]!, votes: 4210 },
  { candidate_id: 'e2e-2', candidate_name: HOSTILE, party: PARTIES[1]!, votes: 3180 },
  { candidate_id: 'e2e-3', candidate_name: 'Oliver Okafor', party: PARTIES[2]!, votes: 2655 },
];
const REGION_COUNT = 30;

function candidateRow(c: (typeof CANDIDATES)[number], votes: number) {
  return {
    candidate_id: c.candidate_id, candidate_name: c.candidate_name, party_id: c.party.party_id, party_name: c.party.party_name,
    photo_url: `/photos/${c.candidate_id}.svg`, votes, last_cast_at: NOW,
  };
}

async function seed(writer: TallyTopicWriter): Promise<void> {
  for (const c of CANDIDATES) await writer.candidate(candidateRow(c, c.votes));
  for (const p of PARTIES) {
    const votes = CANDIDATES.filter((c) => c.party === p).reduce((s, c) => s + c.votes, 0);
    await writer.party({ ...p, votes, last_cast_at: NOW });
  }
  for (let i = 0; i < REGION_COUNT; i++) {
    const region_id = `e2e-r${String(i).padStart(2, '0')}`;
    const registered = 800 + ((i * 137) % 900);
    const votes = (i * 53) % registered;
    await writer.turnout({ region_id, region_name: `Testshire ${String(i).padStart(2, '0')}`, registered_voters: registered, votes, turnout: votes / registered, last_cast_at: NOW });
    const leader = CANDIDATES[i % 3]!;
    await writer.regionCandidate({ region_id, candidate_id: leader.candidate_id, candidate_name: leader.candidate_name, party_id: leader.party.party_id, votes: Math.ceil(votes / 2), last_cast_at: NOW });
  }
  for (let m = 0; m < 20; m++) {
    await writer.votesPerMinute({ minute_start: NOW - (20 - m) * 60_000, votes: 200 + ((m * 97) % 300), last_cast_at: NOW });
  }
  await writer.rejected({ reason: 'duplicate_vote', events: 12 });
  await writer.rejected({ reason: 'unknown_voter', events: 5 });
}

async function columnTexts(page: Page, column: number): Promise<string[]> {
  return page.locator(`#region-table tbody tr > :nth-child(${column})`).allTextContents();
}

/** The turnout cell's percentage (the cell also says "reporting" or "complete"). */
const percent = (text: string): number => Number.parseFloat(text);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }

/** axe-core's serious and critical violations on the page as it is now (evaluated over CDP, so the page's CSP does not apply). */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const { violations, rulesRun } = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
    const results = await axe.run(document);
    return { violations: results.violations, rulesRun: results.passes.length + results.violations.length };
  });
  if (rulesRun < 10) throw new Error(`axe-core ran only ${rulesRun} rules: it did not check the page`);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/** Presses Tab until focus comes back round; returns a short description of each element focused. */
async function tabStops(page: Page, max = 200): Promise<string[]> {
  await page.locator('body').focus();
  const stops: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '';
      const column = el.closest('th')?.getAttribute('data-column');
      return el.id ? `#${el.id}` : el.getAttribute('data-region') ? `tile:${el.getAttribute('data-region')}` : column ? `sort:${column}` : `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 30)}`;
    });
    if (stops.includes(stop) && stop === stops[0]) break;
    stops.push(stop);
  }
  return stops;
}

describe('the results page in a browser', () => {
  let config: LoadedConfig;
  let writer: TallyTopicWriter;
  let server: UiServer;
  let browser: Browser;
  let page: Page;
  let night: PollingNight;
  let pool: ReturnType<typeof createPool>;
  const dialogs: string[] = [];
  const notFound: string[] = [];

  beforeAll(async () => {
    config = uniqueTallyConfig('uie2e', { TALLY_KAFKA__TOPICS__VOTES: `uie2e_votes_${Date.now()}` });
    writer = await TallyTopicWriter.open(config);
    pool = createPool(postgresSettings(config));
    night = await PollingNight.open(config, pool);
    await pool.query('DELETE FROM polling_day');
    await seed(writer);
    server = await startUiServer(resultsPageSettings(config), { port: 0 });
    await eventually(async () => ((await fetch(new URL('/healthz', server.url))).status === 200 ? true : undefined));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('response', (response) => { if (response.status() === 404) notFound.push(response.url()); });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await writer?.close();
    await night?.close();
    await pool?.end();
  });

  it('loads with every panel filled and the live connection open', async () => {
    await page.goto(server.url);
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Live');
    expect(await page.locator('#leader-name').textContent()).toBe('Margaret Holloway-Fitzgerald');
    expect(await page.locator('#candidate-table tbody tr').count()).toBe(3);
    expect(await page.locator('.bar-chart rect').count()).toBe(3);
    // the icon and every file the page loads are there
    expect(await page.evaluate(async () => (await fetch('/favicon.ico')).headers.get('content-type'))).toContain('image/svg+xml');
    expect(notFound).toEqual([]);
  });

  it('shows a hostile candidate name as text and runs none of it', async () => {
    expect(await page.locator('#candidate-table tbody th', { hasText: HOSTILE }).count()).toBe(1);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('raises the counts live while new tally rows arrive, without a reload', async () => {
    await page.evaluate(() => { (window as unknown as { stillSamePage: boolean }).stillSamePage = true; });
    const before = await page.locator('#fig-votes').textContent();
    await writer.candidate(candidateRow(CANDIDATES[2]!, 5_000));
    await expect.poll(() => page.locator('#leader-name').textContent()).toBe('Oliver Okafor');
    expect(await page.locator('#fig-votes').textContent()).not.toBe(before);
    await writer.candidate(candidateRow(CANDIDATES[0]!, 5_500));
    await expect.poll(() => page.locator('#fig-votes').textContent()).toBe('13,680');
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
  });

  it('sorts the regions table by turnout, ascending then descending', async () => {
    await page.locator('#region-table thead th[data-column="turnout"] a').click();
    await expect.poll(() => page.locator('#region-table thead th[data-column="turnout"]').getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await columnTexts(page, 4)).map(percent);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.locator('#region-table thead th[data-column="turnout"] a').click();
    await expect.poll(() => page.locator('#region-table thead th[data-column="turnout"]').getAttribute('aria-sort')).toBe('descending');
    const descending = (await columnTexts(page, 4)).map(percent);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(descending.at(-1)!);
  });

  it('pages the regions table with 25 rows a page and keeps the sort', async () => {
    const total = ((await (await fetch(new URL('/api/results', server.url))).json()) as ResultsSnapshot).regions.length;
    await page.getByLabel('Rows per page').selectOption('25');
    await expect.poll(() => page.locator('#region-table tbody tr').count()).toBe(Math.min(25, total));
    await page.locator('#regions a[rel="next"]').click();
    await expect.poll(() => page.locator('.page-status').textContent()).toBe(`Page 2 of ${Math.ceil(total / 25)}`);
    expect(await page.locator('#region-table tbody tr').count()).toBe(total - 25);
    expect(await page.locator('#region-table thead th[data-column="turnout"]').getAttribute('aria-sort')).toBe('descending');
    // a live update arrives on the stream of the reader's own sort and page, and keeps them
    await writer.turnout({ region_id: 'e2e-r00', region_name: 'Testshire 00', registered_voters: 800, votes: 1, turnout: 1 / 800, last_cast_at: Date.now() });
    await page.waitForTimeout(300);
    expect(await page.locator('.page-status').textContent()).toBe(`Page 2 of ${Math.ceil(total / 25)}`);
    await page.locator('#regions a[rel="prev"]').click();
    await expect.poll(() => page.locator('.page-status').textContent()).toBe(`Page 1 of ${Math.ceil(total / 25)}`);
  });

  it('holds the panels still while paused and catches up when resumed', async () => {
    await page.getByLabel('Pause live updates').check();
    const before = await page.locator('#fig-votes').textContent();
    await writer.candidate(candidateRow(CANDIDATES[2]!, 5_100));
    // the server has the new count while the paused page keeps the old one
    await eventually(async () => ((await (await fetch(new URL('/api/results', server.url))).json()) as ResultsSnapshot).headline.votesCounted === 13_780 ? true : undefined);
    await page.waitForTimeout(1_000);
    expect(await page.locator('#fig-votes').textContent()).toBe(before);
    await page.getByLabel('Pause live updates').uncheck();
    await expect.poll(() => page.locator('#fig-votes').textContent()).toBe('13,780');
  });

  it('draws a map tile per region in the leading party colour, with details on focus', async () => {
    // One tile per region the page knows: the 30 written here plus any the database registered.
    const regions = ((await (await fetch(new URL('/api/results', server.url))).json()) as ResultsSnapshot).regions.length;
    expect(regions).toBeGreaterThanOrEqual(REGION_COUNT);
    expect(await page.locator('#map .tile').count()).toBe(regions);
    const first = page.locator('#map .tile[aria-label^="Testshire 01:"]'); // the first with votes
    expect(await first.locator('rect.tile-box').getAttribute('fill')).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await first.getAttribute('aria-label')).toMatch(/^Testshire \d+: .+ leads with [\d,]+ votes; [\d.]+% of registered voters counted/);
    await first.focus();
    await expect.poll(() => first.locator('.tip').evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');
  });

  it('follows the polling day: open with its clock, closed and counting, then complete in every region once the count has read every vote', async () => {
    const polls = page.locator('#polls-sentence');
    const announce = page.locator('#announce');
    const opened = Date.now() - 60_000;
    await night.pollsOpen(opened, opened + 300_000);
    await expect.poll(() => polls.textContent(), { timeout: 15_000 }).toMatch(/^Polls open: \d\d:\d\d on the polling day \(07:00–22:00\), closing in [34] min \d\d? s\.$/);
    expect(await page.locator('#region-table .count-state.complete').count()).toBe(0);
    expect(await page.locator('#region-table .count-state', { hasText: 'reporting' }).count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline-chart title').first().textContent()).toMatch(/^Votes per .* 07:00 to 22:00 on the polling day/);
    // the polls close: counting, not complete, until the count has read every vote cast
    await night.castVotes(5);
    await night.pollsClosed(Date.now());
    await expect.poll(() => polls.textContent(), { timeout: 15_000 }).toMatch(/^Polls closed at 22:00 \(\d\d:\d\d:\d\d UTC\); counting: 0 of \d+ regions complete\.$/);
    await expect.poll(() => announce.textContent()).toMatch(/^The polls have closed\. .* leads by/);
    await page.waitForTimeout(2_500); // a poll of the count's offsets: not caught up yet
    expect(await page.locator('#map .tile.complete').count()).toBe(0);
    await night.countCatchesUp();
    await expect.poll(() => polls.textContent(), { timeout: 15_000 }).toMatch(/; the count is complete in all \d+ regions\.$/);
    const rows = await page.locator('#region-table tbody tr').count();
    expect(await page.locator('#region-table .count-state.complete').count()).toBe(rows);
    expect(await page.locator('#map .tile.complete').count()).toBe(await page.locator('#map .tile').count());
    expect(await page.locator('#map .tile[data-region="e2e-r01"]').getAttribute('aria-label')).toMatch(/; count complete\.$/);
    expect(await page.locator('#count-sentence').textContent()).toMatch(/; (\d+) of \1 regions complete, 0 reporting\.$/);
    await expect.poll(() => announce.textContent()).toMatch(/^The count is complete in every region\. .*(\d+) of \1 regions complete\.$/);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('announces politely, once, when the leader changes, and not on every update', async () => {
    const live = page.locator('#announce');
    expect(await live.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => live.textContent()).toMatch(/leads/);
    const before = await live.textContent();
    const changes: number = await page.evaluate(() => new Promise<number>((resolve) => {
      let count = 0;
      new MutationObserver(() => { count++; }).observe(document.getElementById('announce')!, { childList: true, characterData: true, subtree: true });
      (window as unknown as { announceChanges: () => number }).announceChanges = () => count;
      resolve(0);
    }));
    expect(changes).toBe(0);
    // two updates that keep the leader: nothing new to say
    await writer.candidate(candidateRow(CANDIDATES[0]!, 5_600));
    await writer.candidate(candidateRow(CANDIDATES[0]!, 5_700));
    await expect.poll(() => page.locator('#fig-votes').textContent()).toBe('13,980');
    expect(await page.evaluate(() => (window as unknown as { announceChanges: () => number }).announceChanges())).toBe(0);
    expect(await live.textContent()).toBe(before);
    // a new leader is announced at once
    await writer.candidate(candidateRow(CANDIDATES[2]!, 6_000));
    await expect.poll(() => live.textContent()).toMatch(/^Oliver Okafor .*now leads/);
  });

  it('reaches every control with the keyboard, and works them with Enter and Space', async () => {
    const stops = await tabStops(page);
    for (const control of ['#pause', '#refresh', 'sort:name', 'sort:turnout', 'sort:leader', 'tile:e2e-r00', 'tile:e2e-r29']) {
      expect(stops, control).toContain(control);
    }
    expect(stops.some((s) => s.startsWith('a:Next') || s.startsWith('a:Previous'))).toBe(true);
    expect(stops.some((s) => s.startsWith('select:'))).toBe(true);
    // the regions table's scroll box, so a keyboard can scroll it on a narrow screen
    expect(stops.some((s) => s.startsWith('div:Regions, page'))).toBe(true);
    // Space toggles the pause box; Enter presses the refresh button and follows a sort link
    await page.locator('#pause').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('#pause').isChecked()).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.locator('#pause').isChecked()).toBe(false);
    // The refresh swaps every panel in; htmx wires a swapped-in link up when the swap settles
    // (20 ms later), and a link pressed before that is followed as a plain link (a full page
    // load: the page's no-JavaScript path). So wait until the swaps have settled, as a person's
    // next key press would.
    await page.evaluate(() => {
      const w = window as unknown as { lastSettleAt: number };
      w.lastSettleAt = 0;
      document.addEventListener('htmx:afterSettle', () => { w.lastSettleAt = performance.now(); });
    });
    const refreshed = page.waitForResponse((r) => r.url().includes('/fragments/all'));
    await page.locator('#refresh').focus();
    await page.keyboard.press('Enter');
    expect((await refreshed).status()).toBe(200);
    await page.waitForFunction(() => {
      const { lastSettleAt } = window as unknown as { lastSettleAt: number };
      return lastSettleAt > 0 && performance.now() - lastSettleAt > 100;
    });
    await page.locator('#region-table thead th[data-column="votes"] a').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#region-table thead th[data-column="votes"]').getAttribute('aria-sort')).toBe('ascending');
    // 25 -> 50 rows a page with the keyboard: all of them (30, or up to 50 with registered regions).
    // An update may swap the panel (and its select) in just as the key is pressed, taking the
    // focus with it: then the key is pressed again on the new select, as a user would.
    const regions = ((await (await fetch(new URL('/api/results', server.url))).json()) as ResultsSnapshot).regions.length;
    await vi.waitFor(async () => {
      const select = page.locator('#regions select');
      if ((await select.inputValue()) !== '50') {
        await select.focus();
        await page.keyboard.press('ArrowDown');
      }
      expect(await page.locator('#region-table tbody tr').count()).toBe(Math.min(50, regions));
    }, { timeout: 30_000, interval: 500 });
  });

  it('looks right on a desktop and on a phone (screenshots saved)', async () => {
    const dir = process.env.TALLY_UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
    mkdirSync(dir, { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${dir}/desktop.png`, fullPage: true });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.goto(server.url);
    await expect.poll(() => phone.locator('#connection').textContent()).toBe('Live');
    await phone.screenshot({ path: `${dir}/phone.png`, fullPage: true });
    expect(await seriousAxeViolations(phone)).toEqual([]);
    // the regions table fits the phone: no column cut off (nothing to scroll inside its box either)
    expect(await phone.locator('#regions .table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect(await phone.locator('#region-table tbody tr').first().locator('td').last().isVisible()).toBe(true);
    // what the live region was last sent is the state already on screen: not spoken on connecting
    await phone.waitForTimeout(1_500);
    expect(await phone.locator('#announce').textContent()).toBe('');
    // nothing makes the phone page scroll sideways (wide tables scroll inside their own box)
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();
  });

  it('recovers after the UI server restarts on the same port, without a reload', async () => {
    const port = new URL(server.url).port;
    await server.close();
    await expect.poll(() => page.locator('#connection').textContent()).toBe('Reconnecting…');
    server = await startUiServer(resultsPageSettings(config), { port: Number(port) });
    await writer.candidate({ ...candidateRow(CANDIDATES[1]!, 9_000) });
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 30_000 }).toBe('Live');
    await expect.poll(() => page.locator('#leader-name').textContent(), { timeout: 30_000 }).toBe(HOSTILE);
    expect(await page.evaluate(() => (window as unknown as { stillSamePage?: boolean }).stillSamePage)).toBe(true);
    expect(dialogs).toEqual([]);
  });
});
