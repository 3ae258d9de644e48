import { formatCount, formatPercent } from '../views/displayFormat.ts';
import type { ResultsSnapshot } from './resultsSnapshot.ts';

// What the page's polite live region says. Screen-reader users should hear the news, not every
// tick: the text changes at once when the leader changes, and otherwise at most once a minute (a
// short summary). Unchanged text is never re-sent (the broadcaster only sends events that changed).

/** Ms between summaries while the leader stays the same. */
export const SUMMARY_EVERY_MS = 60_000;

export class LeadAnnouncer {
  #leaderId: string | null | undefined;
  #text = '';
  #saidAt = Number.NEGATIVE_INFINITY;

  /** The announcement for `snapshot`: the previous one unless the leader changed or a minute passed. */
  announce(snapshot: ResultsSnapshot): string {
    const leader = snapshot.leader;
    const leaderId = leader?.candidate.candidate_id ?? null;
    const changed = this.#leaderId !== undefined && leaderId !== this.#leaderId;
    const due = snapshot.generatedAt - this.#saidAt >= SUMMARY_EVERY_MS;
    if (!changed && !due && this.#leaderId !== undefined) return this.#text;
    this.#leaderId = leaderId;
    this.#saidAt = snapshot.generatedAt;
    const counted = snapshot.headline.turnout === null ? '' : ` ${formatPercent(snapshot.headline.turnout)} of registered voters counted.`;
    if (!leader) this.#text = `No votes counted yet.${counted}`;
    else if (leader.tied) this.#text = `${leader.candidate.name} and ${leader.runnerUp?.name ?? ''} are tied.${counted}`;
    else {
      const lead = `${leader.candidate.name} (${leader.candidate.party_name}) ${changed ? 'now leads' : 'leads'}`;
      this.#text = `${lead} by ${formatCount(leader.marginOverSecond)} votes with ${formatPercent(leader.candidate.share)} of the vote.${counted}`;
    }
    return this.#text;
  }
}
