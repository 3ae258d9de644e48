import { formatCount, formatPercent } from '../views/displayFormat.ts';
import { pollsPhase, type PollsPhase } from '../views/pollingDayClock.ts';
import type { ResultsSnapshot } from './resultsSnapshot.ts';

// What the page's polite live region says. Screen-reader users should hear the news, not every
// tick, and what they hear must be current when it is said. So the text changes only on news, and
// then says the news with the figures of that moment:
// - the leader changes; a region's count completes; the polls close; the count completes;
// - votes stop arriving (the figures have settled: say them, so the last thing said is not an
//   earlier state);
// - otherwise, at most once a minute, a summary when the figures moved.
// Unchanged text is never re-sent (the broadcaster only sends events that changed), and the page
// does not speak the text it is sent on connecting (live-controls.js): that is the state already
// on screen, possibly from a while ago, not news.

/** Ms between summaries while nothing newsworthy happens. */
export const SUMMARY_EVERY_MS = 60_000;

interface Said {
  leaderId: string | null;
  completeIds: ReadonlySet<string>;
  phase: PollsPhase | null;
  votes: number;
  flowing: boolean;
  at: number;
}

function stateOf(snapshot: ResultsSnapshot): Said {
  return {
    leaderId: snapshot.leader?.candidate.candidate_id ?? null,
    completeIds: new Set(snapshot.regions.filter((r) => r.count === 'complete').map((r) => r.region_id)),
    phase: snapshot.polls === null ? null : pollsPhase(snapshot.polls, snapshot.generatedAt, snapshot.regions),
    votes: snapshot.headline.votesCounted,
    flowing: snapshot.headline.votesFlowing,
    at: snapshot.generatedAt,
  };
}

/** The figures of `snapshot` in a sentence or two: the race, the share counted, the regions complete. */
export function describeFigures(snapshot: ResultsSnapshot, leaderIsNew = false): string {
  const { leader, headline, regions } = snapshot;
  let race: string;
  if (!leader) race = 'No votes counted yet.';
  else if (leader.tied) race = `${leader.candidate.name} and ${leader.runnerUp?.name ?? ''} are tied.`;
  else race = `${leader.candidate.name} (${leader.candidate.party_name}) ${leaderIsNew ? 'now leads' : 'leads'} by ${formatCount(leader.marginOverSecond)} votes with ${formatPercent(leader.candidate.share)} of the vote.`;
  const counted = headline.turnout === null ? `${formatCount(headline.votesCounted)} votes counted` : `${formatPercent(headline.turnout)} of registered voters counted`;
  const complete = regions.filter((r) => r.count === 'complete').length;
  const regionsPart = regions.length > 0 ? `; ${formatCount(complete)} of ${formatCount(regions.length)} regions complete` : '';
  return `${race} ${counted}${regionsPart}.`;
}

const PHASE_NEWS: Record<PollsPhase, string> = {
  open: 'The polls are open.',
  closing: 'The polls are closing.',
  counting: 'The polls have closed.',
  complete: 'The count is complete in every region.',
};

export class LeadAnnouncer {
  #said: Said | undefined;
  #text = '';

  /** The announcement for `snapshot`: the previous text unless there is news (see above). */
  announce(snapshot: ResultsSnapshot): string {
    const now = stateOf(snapshot);
    const before = this.#said;
    if (before === undefined) return this.#say(now, describeFigures(snapshot));
    const news: string[] = [];
    if (now.phase !== null && now.phase !== before.phase) news.push(PHASE_NEWS[now.phase]);
    const newlyComplete = snapshot.regions.filter((r) => r.count === 'complete' && !before.completeIds.has(r.region_id));
    if (newlyComplete.length > 0 && now.phase !== 'complete') {
      news.push(newlyComplete.length <= 3 ? `Count complete in ${newlyComplete.map((r) => r.name).join(', ')}.` : `Count complete in ${formatCount(newlyComplete.length)} more regions.`);
    }
    const leaderChanged = now.leaderId !== before.leaderId;
    const settled = before.flowing && !now.flowing && now.votes !== before.votes;
    const due = now.at - before.at >= SUMMARY_EVERY_MS && now.votes !== before.votes;
    // Keep the flow state current, so "votes stopped" is news once per stop.
    if (news.length === 0 && !leaderChanged && !settled && !due) {
      this.#said = { ...before, flowing: now.flowing };
      return this.#text;
    }
    return this.#say(now, [...news, describeFigures(snapshot, leaderChanged && now.leaderId !== null)].join(' '));
  }

  #say(state: Said, text: string): string {
    this.#said = state;
    this.#text = text;
    return text;
  }
}
