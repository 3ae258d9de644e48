import type { QualityCheck, QualityReport } from '../live/liveTypes.ts';
import type { PollingDayStatus } from '../live/pollingDayPoller.ts';
import { cleanText, isDateRepresentable } from '../../shared/election/tallyValues.ts';
import { formatClock, formatDelay } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { pollingDayTime } from './pollingDayClock.ts';
import { renderQualityFinding, type BucketClock } from './qualityFinding.ts';

/** "Checked at 21:04:05 UTC, 12.0 s before this page was last updated." */
function checkedAtLine(checkedAt: number, now: number): Html {
  if (!isDateRepresentable(checkedAt)) return html`<p class="checked-at">Checked at an unknown time.</p>`;
  const age = now - checkedAt;
  const before = age < 1_000 ? 'just before this page was last updated' : `${formatDelay(age)} before this page was last updated`;
  return html`<p class="checked-at">Checked at <time datetime="${new Date(checkedAt).toISOString()}">${formatClock(checkedAt)}</time>, ${before}.</p>`;
}

/** What the page calls the check that a tally `tally check` compares with Postgres agrees with it. */
const TALLY_TITLES: Record<string, string> = {
  tally_by_candidate: 'Votes per candidate match the Postgres archive',
  tally_by_party: 'Votes per party match the Postgres archive',
  tally_by_region_candidate: 'Votes per candidate in each region match the Postgres archive',
  turnout_by_region: 'Turnout per region matches the Postgres archive',
  votes_per_minute: 'Votes over time match the Postgres archive',
};

/**
 * A check's name for a person: "Votes per party match the Postgres archive" for
 * "tally_by_party equals Postgres"; other names cleaned and capitalised.
 */
export function checkTitle(name: string): string {
  const tally = /^(\w+) equals Postgres$/.exec(name)?.[1];
  if (tally !== undefined && Object.hasOwn(TALLY_TITLES, tally)) return TALLY_TITLES[tally]!;
  const clean = cleanText(name);
  return clean.charAt(0).toUpperCase() + clean.slice(1);
}

/**
 * Data-quality checks (referential integrity, row counts, reconciliation) as the orchestrator
 * reports them, each finding in words (qualityFinding.ts), and when they ran. While votes flow
 * (`countInProgress`) the tallies, the Postgres archive and the log are each a moment apart, so a
 * difference then reads "catching up", not FAILED: only a difference that stays once votes stop
 * is a failure. Text from the data is escaped and cleaned of control characters.
 * @param report - the last `tally check` (checkedAt in epoch ms), or null when the orchestrator cannot tell
 * @param now - epoch ms of the snapshot this panel belongs to: the report's age is counted up to it
 * @param countInProgress - whether votes are still arriving. Defaults to false
 * @param polls - the polling day, when one is recorded: a time bucket a finding names then reads in
 *   polling-day time, as on the rest of the page ("the bucket starting 14:30"); UTC otherwise
 */
export function renderQualityPanel(report: QualityReport | null, now: number, countInProgress = false, polls: PollingDayStatus | null = null): Html {
  if (report === null) return html`<p class="empty">Data-quality status: not available.</p>`;
  const { checks } = report;
  if (checks.length === 0) return html`<p class="empty">No data-quality checks have run yet.</p>`;
  const label = (ok: boolean): string => (ok ? 'OK' : countInProgress ? 'catching up' : 'FAILED');
  const clock: BucketClock = polls ? (at) => pollingDayTime(polls, at) : formatClock;
  const detail = (c: QualityCheck): Html | string => (c.finding ? renderQualityFinding(c.finding, countInProgress && !c.ok, clock) : cleanText(c.detail));
  const items = checks.map((c) => html`<li class="${c.ok ? 'ok' : countInProgress ? 'pending' : 'failed'}"><strong>${label(c.ok)}</strong> <span class="check-name" title="${cleanText(c.name)}">${checkTitle(c.name)}</span><span class="detail">${detail(c)}</span></li>`);
  const note = countInProgress && checks.some((c) => !c.ok)
    ? html`<p class="note">Votes are still arriving: the tallies, the Postgres archive and the vote log are each a moment apart until they stop.</p>`
    : html``;
  return html`${checkedAtLine(report.checkedAt, now)}${note}<ul class="status-list quality-list">${items}</ul>`;
}
