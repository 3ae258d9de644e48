import { pollingClock } from '../../shared/election/polling-clock.ts';
import type { PollingDayStatus } from '../live/pollingDayPoller.ts';
import type { RegionResult } from '../live/resultsSnapshot.ts';
import { formatClock, formatCount } from './displayFormat.ts';
import { html, type Html } from './html.ts';
import { completeRegions } from './regionReporting.ts';

// The polling day in the headline: polls open (the polling-day clock, 07:00 to 22:00, and the time
// left on the wall clock), closing, or closed and counting, then complete. A night compressed
// into minutes runs the same clock, so "14:30" means halfway through the day whatever its length.

/** Where the polling day stands at `now` (epoch ms). */
export type PollsPhase = 'open' | 'closing' | 'counting' | 'complete';

/** The phase of `polls` at `now`; 'complete' once every region's count is. */
export function pollsPhase(polls: PollingDayStatus, now: number, regions: readonly RegionResult[]): PollsPhase {
  if (polls.closedAt === null) return now < polls.closesAt ? 'open' : 'closing';
  const [complete, total] = completeRegions(regions);
  return total > 0 && complete === total ? 'complete' : 'counting';
}

/** The polling-day clock ("07:00".."22:00") at epoch ms `at` of the night `polls`. */
export function pollingDayTime(polls: Pick<PollingDayStatus, 'openedAt' | 'closesAt'>, at: number): string {
  return pollingClock(at - polls.openedAt, Math.max(1, polls.closesAt - polls.openedAt));
}

/**
 * Ms of real time in words, rounded up: "3 min 12 s", "45 s", "1 h 0 min 1 s". Units, not "3:12":
 * beside the polling-day clock ("14:30") a bare m:ss read as hours and minutes.
 */
export function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1_000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${m} min ${s} s`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/**
 * The polls sentence of the headline, or nothing when no polling day is recorded.
 * @param now - epoch ms of the snapshot
 * @param regions - for "complete in k of n regions" once the polls have closed
 */
export function renderPollsSentence(polls: PollingDayStatus | null, now: number, regions: readonly RegionResult[]): Html {
  if (polls === null) return html``;
  const phase = pollsPhase(polls, now, regions);
  const [complete, total] = completeRegions(regions);
  const closedAt = polls.closedAt === null ? '' : ` (${formatClock(polls.closedAt)})`;
  const text = {
    open: html`<strong>Polls open</strong>: ${pollingDayTime(polls, now)} on the polling day (07:00–22:00), closing in ${formatCountdown(polls.closesAt - now)}.`,
    closing: html`<strong>Polls closing</strong>: the last votes of the day are being cast.`,
    counting: html`<strong>Polls closed</strong> at 22:00${closedAt}; counting: ${formatCount(complete)} of ${formatCount(total)} regions complete.`,
    complete: html`<strong>Polls closed</strong> at 22:00${closedAt}; the count is complete in all ${formatCount(total)} regions.`,
  }[phase];
  return html`<p class="polls-sentence ${phase}" id="polls-sentence">${text}</p>`;
}
