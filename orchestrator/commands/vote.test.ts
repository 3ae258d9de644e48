import { describe, expect, it } from 'vitest';
import { everyoneVoted } from '../election/simulator.ts';
import { nothingToDoMessage } from './vote.ts';

describe('tally vote when nobody is left to vote', () => {
  it('knows every registered voter has voted once the votes on the topic cover the register', () => {
    expect(everyoneVoted(50, 50)).toBe(true);
    expect(everyoneVoted(50, 49)).toBe(false);
    expect(everyoneVoted(0, 0)).toBe(true);
  });

  it('says so in one line, naming how many are registered', () => {
    expect(nothingToDoMessage({ votes: 0, stoppedBecause: 'all_voted', registeredVoters: 50 })).toBe('nothing to do: all 50 registered voters have voted');
    expect(nothingToDoMessage({ votes: 0, stoppedBecause: 'all_voted', registeredVoters: 0 })).toBe('nothing to do: no voters are registered (run tally register first)');
  });

  it('says the polls have closed when an election night carried on has no vote left to cast', () => {
    expect(nothingToDoMessage({ votes: 0, stoppedBecause: 'polls_closed', registeredVoters: 50, alreadyVoted: 30, abstained: 20 }))
      .toBe('nothing to do: the polls have closed (30 of 50 registered voters voted, 20 abstain); run without --keep-election for a new election');
    expect(nothingToDoMessage({ votes: 4, stoppedBecause: 'polls_closed', registeredVoters: 50 })).toBeNull();
  });

  it('prints the usual summary when it cast votes or stopped for another reason', () => {
    expect(nothingToDoMessage({ votes: 3, stoppedBecause: 'all_voted', registeredVoters: 50 })).toBeNull();
    expect(nothingToDoMessage({ votes: 0, stoppedBecause: 'count', registeredVoters: 50 })).toBeNull();
  });
});
