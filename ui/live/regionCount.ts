import type { PollingDayStatus } from './pollingDayPoller.ts';

// When a region's count is complete. A returning officer declares a result once the polls have
// closed and every vote cast has been counted. Tally knows both: the polls closed when the
// polling_day row says so (the last vote was cast), and every vote cast has been counted when the
// count job has read the whole votes log (its committed offsets reached the log's end, after the
// close). The votes log is one for the whole election, so on one night every region completes at
// that moment. A region is also complete, polls open or not, when every registered voter's vote is
// counted: nobody is left to vote. Anything short of that with votes counted is "reporting".

export type RegionCountState = 'complete' | 'reporting' | 'no-votes' | 'no-register';

/**
 * The state of a region's count (see above).
 * @param registered - registered voters in the region (0 or less: the register is not known)
 * @param votes - votes counted in the region
 * @param polls - the polling day, or null when none is known (then only the 100% rule applies)
 */
export function regionCountState(registered: number, votes: number, polls: PollingDayStatus | null): RegionCountState {
  if (polls !== null && polls.closedAt !== null && polls.countCaughtUp) return 'complete';
  if (registered <= 0) return 'no-register';
  if (votes >= registered) return 'complete';
  return votes > 0 ? 'reporting' : 'no-votes';
}
