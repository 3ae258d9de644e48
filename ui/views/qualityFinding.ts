import type { CountsFinding, KeyedCountDifference, QualityFinding } from '../../shared/checks/qualityFinding.ts';
import { cleanText, isDateRepresentable } from '../../shared/election/tallyValues.ts';
import { formatClock, formatCount } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { reasonLabel } from './rejectedPanel.ts';

// A data-quality finding in words for a person: names for ids, clock times for time buckets,
// labels for rejection reasons. The exact keys `tally check` prints stay in each key's title.

/** What one value of each tally key column is, singular and plural. */
const KEY_NOUNS: Record<string, readonly [string, string]> = {
  candidate_id: ['candidate', 'candidates'],
  party_id: ['party', 'parties'],
  region_id: ['region', 'regions'],
  minute_start: ['time bucket', 'time buckets'],
};

function nounsOf(column: string): readonly [string, string] {
  return Object.hasOwn(KEY_NOUNS, column) ? KEY_NOUNS[column]! : [column, column];
}

/** "regions", "1 candidate" style nouns for `n` keys of these columns: "region and candidate pairs" for two. */
function keysNoun(columns: string[], n: number): string {
  const nouns = columns.map(nounsOf);
  if (nouns.length === 1) return n === 1 ? nouns[0]![0] : nouns[0]![1];
  return `${nouns.map(([one]) => one).join(' and ')} ${n === 1 ? 'pair' : 'pairs'}`;
}

/** Epoch ms as the time a reader of the page knows it by (the polling-day clock, or UTC). */
export type BucketClock = (at: number) => string;

/** One value of a key: the register's name, a bucket's start as a clock time, or the id quoted. */
function keyValueLabel(column: string, value: string, name: string | null, clock: BucketClock): string {
  if (column === 'minute_start') {
    const start = value.trim() === '' ? Number.NaN : Number(value);
    return isDateRepresentable(start) ? `the bucket starting ${clock(start)}` : `the bucket “${cleanText(value)}”`;
  }
  if (name !== null) return cleanText(name);
  return `${nounsOf(column)[0]} “${cleanText(value)}” (not in the register)`;
}

function keyLabel(columns: string[], d: KeyedCountDifference, clock: BucketClock): Html {
  const label = d.key.length === columns.length
    ? d.key.map((value, i) => keyValueLabel(columns[i]!, value, d.names[i] ?? null, clock)).join(', ')
    : `“${cleanText(d.key.join('|'))}”`;
  return html`<span class="key" title="${cleanText(d.key.join('|'))}">${label}</span>`;
}

/** "; and 4 more" when `shown` of `total` were listed. */
function andMore(total: number, shown: number): string {
  return total > shown ? `; and ${formatCount(total - shown)} more` : '';
}

function describeCounts(f: CountsFinding, brief: boolean, clock: BucketClock): Html {
  if (f.differing === 0) {
    return f.keys === 0
      ? html`No votes yet, in the tally or in Postgres.`
      : html`${formatCount(f.tallyTotal)} votes over ${formatCount(f.keys)} ${keysNoun(f.keyColumns, f.keys)}, the same in the tally and in Postgres.`;
  }
  const differ = `${formatCount(f.differing)} of ${formatCount(f.keys)} ${keysNoun(f.keyColumns, f.keys)} ${f.differing === 1 ? 'differs' : 'differ'}`;
  if (brief) return html`${differ} for now: ${formatCount(f.tallyTotal)} votes in the tally, ${formatCount(f.postgresTotal)} in Postgres.`;
  const items = f.shown.map((d, i) => html`${i > 0 ? '; ' : ''}${keyLabel(f.keyColumns, d, clock)}: ${formatCount(d.tally)} in the tally, ${formatCount(d.postgres)} in Postgres`);
  return html`${differ} (${formatCount(f.tallyTotal)} votes in the tally, ${formatCount(f.postgresTotal)} in Postgres): ${items}${andMore(f.differing, f.shown.length)}.`;
}

/**
 * A check's finding in words, e.g. "1 of 40 time buckets differs (…): the bucket starting
 * 14:30: 120 in the tally, 118 in Postgres." Text from the data is escaped and cleaned of
 * control characters; each key of a difference keeps its exact value in a title.
 * @param brief - votes are still arriving, so a difference is the two sides catching up: say how
 *   many keys differ and the totals, not which keys. Defaults to false
 * @param clock - how a time bucket's start reads: the polling-day clock the rest of the page uses
 *   when the night is known (pollingDayTime); UTC clock time (formatClock) by default
 */
export function renderQualityFinding(finding: QualityFinding, brief = false, clock: BucketClock = formatClock): Html {
  switch (finding.kind) {
    case 'counts':
      return describeCounts(finding, brief, clock);
    case 'over-turnout': {
      if (finding.regionsOver === 0) return html`Every region is at or under its registered voters.`;
      const items = finding.shown.map((r) => `${cleanText(r.name)}: ${formatCount(r.votes)} votes, ${formatCount(r.registered_voters)} registered voters`);
      return html`${formatCount(finding.regionsOver)} ${finding.regionsOver === 1 ? 'region has' : 'regions have'} more votes than registered voters: ${items.join('; ')}${andMore(finding.regionsOver, finding.shown.length)}.`;
    }
    case 'accounting': {
      const rejected = finding.rejected.reduce((sum, r) => sum + r.events, 0);
      const reasons = finding.rejected.map((r) => `${cleanText(reasonLabel(r.reason))}: ${formatCount(r.events)}`).join('; ');
      const left = finding.events - finding.counted - rejected;
      const rest = left > 0 ? `; ${formatCount(left)} not yet counted or rejected` : left < 0 ? `; ${formatCount(-left)} more counted or rejected than received` : '';
      return html`${formatCount(finding.events)} vote events received: ${formatCount(finding.counted)} counted, ${formatCount(rejected)} rejected${reasons ? ` (${reasons})` : ''}${rest}.`;
    }
  }
}
