import { describe, expect, it } from 'vitest';
import type { CountsFinding } from '../../shared/checks/qualityFinding.ts';
import { T0 } from '../testing/sampleElection.ts';
import { pollingDayTime } from './pollingDayClock.ts';
import { renderQualityFinding } from './qualityFinding.ts';
import { renderQualityPanel } from './qualityPanel.ts';

const counts = (f: Partial<CountsFinding>): CountsFinding => ({
  kind: 'counts', keyColumns: ['candidate_id'], keys: 12, tallyTotal: 100, postgresTotal: 100, differing: 0, shown: [], ...f,
});
const words = (html: { toString(): string }): string => html.toString().replace(/<[^>]+>/g, '');

describe('a data-quality finding in words', () => {
  it('says a tally that agrees with Postgres agrees, over how many keys', () => {
    expect(words(renderQualityFinding(counts({ tallyTotal: 12_345 })))).toBe('12,345 votes over 12 candidates, the same in the tally and in Postgres.');
    expect(words(renderQualityFinding(counts({ keys: 0, tallyTotal: 0, postgresTotal: 0 })))).toBe('No votes yet, in the tally or in Postgres.');
  });

  it('names candidates and regions by their names, and keeps the exact key in a title', () => {
    const html = renderQualityFinding(counts({
      keyColumns: ['region_id', 'candidate_id'], keys: 120, tallyTotal: 1_000, postgresTotal: 1_001, differing: 1,
      shown: [{ key: ['3f2a-north', '9c1e-ada'], names: ['North', 'Ada Lovelace'], tally: 40, postgres: 41 }],
    })).toString();
    expect(words(html)).toBe('1 of 120 region and candidate pairs differs (1,000 votes in the tally, 1,001 in Postgres): North, Ada Lovelace: 40 in the tally, 41 in Postgres.');
    expect(html).toContain('<span class="key" title="3f2a-north|9c1e-ada">North, Ada Lovelace</span>');
  });

  it('says a time bucket by the clock time it starts at, not its epoch milliseconds', () => {
    const html = renderQualityFinding(counts({
      keyColumns: ['minute_start'], keys: 40, tallyTotal: 120, postgresTotal: 118, differing: 1,
      shown: [{ key: [String(T0 + 5_000)], names: [null], tally: 120, postgres: 118 }],
    }));
    expect(words(html)).toBe('1 of 40 time buckets differs (120 votes in the tally, 118 in Postgres): the bucket starting 09:00:05 UTC: 120 in the tally, 118 in Postgres.');
  });

  it('says a time bucket in polling-day time when the page has a polling day, as its chart does', () => {
    // A polling day of 07:00-22:00 compressed into 15 minutes: 10 s of real time is 10 minutes of it.
    const polls = { openedAt: T0, closesAt: T0 + 15 * 60_000, closedAt: null, countCaughtUp: false };
    const finding = counts({ keyColumns: ['minute_start'], keys: 40, tallyTotal: 120, postgresTotal: 118, differing: 1, shown: [{ key: [String(T0 + 450_000)], names: [null], tally: 120, postgres: 118 }] });
    expect(words(renderQualityFinding(finding, false, (at) => pollingDayTime(polls, at)))).toContain('the bucket starting 14:30: 120 in the tally');
    const panel = renderQualityPanel({ checkedAt: T0, checks: [{ name: 'votes_per_minute equals Postgres', ok: false, detail: '', finding }] }, T0, false, polls).toString();
    expect(words(panel)).toContain('the bucket starting 14:30: 120 in the tally');
    expect(words(panel)).not.toContain('UTC: 120');
  });

  it('quotes an id the register does not hold, and a key it could not split, and counts the differences not shown', () => {
    const html = renderQualityFinding(counts({
      keyColumns: ['region_id', 'candidate_id'], keys: 7, tallyTotal: 9, postgresTotal: 11, differing: 5,
      shown: [
        { key: ['west', 'c1'], names: [null, 'Ada Lovelace'], tally: 0, postgres: 1 },
        { key: ['a|b|c1'], names: [null], tally: 1, postgres: 0 },
        { key: ['north', 'c2'], names: ['North', 'Grace Hopper'], tally: 2, postgres: 3 },
      ],
    }));
    expect(words(html)).toBe('5 of 7 region and candidate pairs differ (9 votes in the tally, 11 in Postgres): region “west” (not in the register), Ada Lovelace: 0 in the tally, 1 in Postgres; “a|b|c1”: 1 in the tally, 0 in Postgres; North, Grace Hopper: 2 in the tally, 3 in Postgres; and 2 more.');
  });

  it('says which regions have more votes than registered voters, by name', () => {
    expect(words(renderQualityFinding({ kind: 'over-turnout', regionsOver: 0, shown: [] }))).toBe('Every region is at or under its registered voters.');
    const over = renderQualityFinding({ kind: 'over-turnout', regionsOver: 4, shown: [{ region_id: '3f2a', name: 'North', votes: 1_203, registered_voters: 1_200 }] });
    expect(words(over)).toBe('4 regions have more votes than registered voters: North: 1,203 votes, 1,200 registered voters; and 3 more.');
  });

  it('says how every vote event was accounted for, with reasons in words', () => {
    const accounted = renderQualityFinding({ kind: 'accounting', events: 12_345, counted: 12_000, rejected: [{ reason: 'duplicate_vote', events: 300 }, { reason: 'unknown_voter', events: 45 }] });
    expect(words(accounted)).toBe('12,345 vote events received: 12,000 counted, 345 rejected (Second vote by the same voter: 300; Unknown voter: 45).');
    expect(words(renderQualityFinding({ kind: 'accounting', events: 10, counted: 7, rejected: [] }))).toBe('10 vote events received: 7 counted, 0 rejected; 3 not yet counted or rejected.');
    expect(words(renderQualityFinding({ kind: 'accounting', events: 10, counted: 11, rejected: [] }))).toBe('10 vote events received: 11 counted, 0 rejected; 1 more counted or rejected than received.');
  });

  it('shows hostile ids, names and reasons as text, without control characters', () => {
    const html = [
      renderQualityFinding(counts({ differing: 1, shown: [{ key: ['"><script>x</script>'], names: ['<b>Ann\r\nLee</b>'], tally: 1, postgres: 0 }] })),
      renderQualityFinding(counts({ keyColumns: ['minute_start'], differing: 1, shown: [{ key: ['<img src=x>'], names: [null], tally: 1, postgres: 0 }] })),
      renderQualityFinding({ kind: 'over-turnout', regionsOver: 1, shown: [{ region_id: 'r', name: '<script>alert(1)</script>', votes: 2, registered_voters: 1 }] }),
      renderQualityFinding({ kind: 'accounting', events: 1, counted: 0, rejected: [{ reason: '<b>\u0000', events: 1 }, { reason: 'constructor', events: 0 }] }),
    ].join(' ');
    expect(html).not.toMatch(/<script|<b>|<img/);
    expect(html).not.toMatch(/\p{Cc}/u);
    expect(html).toContain('title="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('&lt;b&gt;Ann\uFFFD\uFFFDLee&lt;/b&gt;');
    expect(html).toContain('the bucket “&lt;img src=x&gt;”');
    expect(html).toContain('constructor: 0');
  });
});
