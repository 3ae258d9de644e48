import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionSlug } from '../shared/election/regions.ts';
import { loadConfig } from '../shared/config/load.ts';
import type { GroundTruthFile } from '../orchestrator/election/ground-truth.ts';
import { createPool } from '../shared/postgres/connection.ts';
import type { ResultsSnapshot } from '../ui/live/resultsSnapshot.ts';
import { resultsPageSettings, startUiServer } from '../ui/index.ts';
import { runChecksInWorker } from '../orchestrator/checks/checkThread.ts';
import { runChecks } from '../orchestrator/checks/quality.ts';
import { runTally } from './support/cli.ts';
import { postgresSettings } from '../shared/config/settings.ts';

// `tally demo` as `npm start` runs it, an election night, made small: a seeded night of 4,000
// voters over 20 seconds at 60% turnout, with bad events mixed in. It must reconcile exactly
// (every check, and the tallies equal to the votes actually cast), leave some voters abstaining,
// give regions different turnouts, deliver the late regions' votes late, record when the polls
// closed, and the page must then call every region complete (once the count job has committed the
// end of the votes log). Carrying on afterwards, and registering the same voters again, have
// nothing to do.

const config = loadConfig();
const VOTERS = 4_000;
const DURATION_MS = 20_000;
const pool = createPool(postgresSettings(config));
let demoStderr = '';

function newestGroundTruth(): GroundTruthFile {
  const dir = join(config.dataDir, 'ground-truth');
  const newest = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().pop();
  if (!newest) throw new Error(`no ground truth in ${dir}`);
  return JSON.parse(readFileSync(join(dir, newest), 'utf8')) as GroundTruthFile;
}

beforeAll(async () => {
  const reset = await runTally(['reset', '--yes']);
  expect(reset.code, reset.stderr).toBe(0);
});

afterAll(async () => {
  await pool.end();
});

describe('an election night', () => {
  it('reconciles exactly with the votes actually cast, some voters abstaining', async () => {
    const demo = await runTally(['demo', '--until-done', '--keep-stack', '--no-ui', '--voters', String(VOTERS), '--duration', `${DURATION_MS / 1000}s`, '--turnout', '0.6', '--chaos', '0.02']);
    demoStderr = demo.stderr;
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/tally_by_candidate equals ground truth\s+ok/);
    expect(demo.stdout).not.toMatch(/FAIL/);
    const truth = newestGroundTruth();
    expect(truth.surprises).toEqual([]);
    expect(truth.total_valid).toBeGreaterThan(VOTERS * 0.45);
    expect(truth.total_valid).toBeLessThan(VOTERS * 0.75);
    expect(demo.stderr).toContain(`${(VOTERS - truth.total_valid).toLocaleString('en-GB')} registered voters abstained`);
  });

  it('gives the regions different turnouts, all well below 100%', async () => {
    const { rows } = await pool.query<{ region_id: string; turnout: number }>(
      'SELECT r.region_id, count(v.voter_id)::float / r.registered_voters AS turnout FROM regions r LEFT JOIN votes v USING (region_id) WHERE r.registered_voters > 0 GROUP BY r.region_id, r.registered_voters',
    );
    expect(rows.length).toBe(12);
    for (const row of rows) expect(row.turnout, row.region_id).toBeLessThan(0.85);
    const turnouts = rows.map((r) => r.turnout);
    expect(Math.max(...turnouts) - Math.min(...turnouts)).toBeGreaterThan(0.05);
  });

  it('delivers the late regions\' votes late in the night, and records when the polls closed', async () => {
    // "planned turnout: North East 63%, Yorkshire and the Humber 64% (reports late), ...": the late regions' ids
    const planned = /planned turnout: (.*)$/m.exec(demoStderr)?.[1] ?? '';
    const late = planned.split(', ').filter((entry) => entry.endsWith(' (reports late)')).map((entry) => regionSlug(entry.replace(/ \d+% \(reports late\)$/, '')));
    expect(late.length).toBeGreaterThan(0);
    const [night] = (await pool.query<{ opened_at_ms: string; closes_at_ms: string; closed_at_ms: string | null }>('SELECT * FROM polling_day')).rows;
    expect(night?.closed_at_ms).not.toBeNull();
    const opened = Number(night!.opened_at_ms);
    expect(Number(night!.closes_at_ms) - opened).toBe(DURATION_MS);
    const { rows } = await pool.query<{ first_ms: string }>('SELECT min(cast_at_ms) AS first_ms FROM votes WHERE region_id = ANY($1)', [late]);
    // A late region's first votes arrive after at least 30% of the night.
    expect(Number(rows[0]!.first_ms) - opened).toBeGreaterThanOrEqual(DURATION_MS * 0.3 - 1_000);
  });

  it('shows every region complete on the page once the count job has read the whole votes log', async () => {
    const page = await startUiServer(resultsPageSettings(config), { port: 0 });
    try {
      // Flink commits its offsets when a checkpoint completes: within one checkpoint interval.
      let results: ResultsSnapshot | undefined;
      await expect.poll(async () => {
        results = await (await fetch(new URL('/api/results', page.url))).json() as ResultsSnapshot;
        return results.polls?.countCaughtUp;
      }, { timeout: 90_000, interval: 1_000 }).toBe(true);
      expect(results!.regions).toHaveLength(12);
      expect(results!.regions.every((r) => r.count === 'complete')).toBe(true);
      expect(results!.regions.every((r) => r.turnout !== null && r.turnout < 0.85)).toBe(true);
      const headline = await (await fetch(new URL('/fragments/headline', page.url))).text();
      expect(headline).toMatch(/Polls closed<\/strong> at 22:00 \(\d\d:\d\d:\d\d UTC\); the count is complete in all 12 regions\./);
    } finally {
      await page.close();
    }
  });

  it('checks the night on a worker thread, as the page does, with the results of tally check', async () => {
    const [inWorker, inline] = [await runChecksInWorker(config), await runChecks(config)];
    expect(inWorker.length).toBeGreaterThan(5);
    expect(inWorker.every((c) => c.ok), JSON.stringify(inWorker.filter((c) => !c.ok))).toBe(true);
    expect(inWorker).toEqual(inline);
  });

  it('has nothing to do when carried on after the polls closed, and says so', async () => {
    // The same seed and turnout: the same voters abstain (another turnout would be another night).
    const again = await runTally(['demo', '--keep-election', '--keep-stack', '--no-ui', '--duration', '10s', '--turnout', '0.6']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/nothing to do: the polls have closed/);
    expect(again.stderr).toMatch(/0 votes and 0 bad events sent/);
  });

  it('has nothing to do when registering the same voters again, and says so', async () => {
    const again = await runTally(['register', '--voters', String(VOTERS)]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`nothing to do: the ${VOTERS.toLocaleString('en-GB')} voters of seed \\d+ are already registered`));
  });
});
