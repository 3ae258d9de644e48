import type { VoteSummary } from './simulator.ts';

/**
 * The one line `tally vote` and `tally demo` print when a run had nobody to cast a vote for, or
 * null when it cast votes (or stopped for another reason: a count, Ctrl-C).
 */
export function nothingToDoMessage(summary: Pick<VoteSummary, 'votes' | 'stoppedBecause' | 'registeredVoters'> & Partial<Pick<VoteSummary, 'abstained' | 'alreadyVoted'>>): string | null {
  if (summary.votes > 0) return null;
  if (summary.registeredVoters === 0 && (summary.stoppedBecause === 'all_voted' || summary.stoppedBecause === 'polls_closed')) {
    return 'nothing to do: no voters are registered (run tally register first)';
  }
  if (summary.stoppedBecause === 'all_voted') return `nothing to do: all ${summary.registeredVoters} registered voters have voted`;
  if (summary.stoppedBecause === 'polls_closed') {
    return `nothing to do: the polls have closed (${summary.alreadyVoted ?? 0} of ${summary.registeredVoters} registered voters voted, ${summary.abstained ?? 0} abstain); run without --keep-election for a new election`;
  }
  return null;
}
