import { describe, expect, it } from 'vitest';
import { EMPTY_REGISTRY } from './liveTypes.ts';
import { buildResultsSnapshot } from './resultsSnapshot.ts';
import { ResultsView } from './resultsView.ts';
import { applyRows, candidateRows, HOSTILE_NAME, sampleSnapshot, T0 } from '../testing/sampleElection.ts';

describe('buildResultsSnapshot', () => {
  const snapshot = sampleSnapshot(T0 + 6_000);

  it('names the candidate with most votes as leader, with the margin over the runner-up', () => {
    expect(snapshot.leader?.candidate.candidate_id).toBe('c1');
    expect(snapshot.leader?.runnerUp?.candidate_id).toBe('c2');
    expect(snapshot.leader?.marginOverSecond).toBe(20);
    expect(snapshot.leader?.tied).toBe(false);
  });

  it('reports a tie when the first two candidates have the same votes', () => {
    const view = new ResultsView();
    applyRows(view, 'candidates', [candidateRows[0]!, { ...candidateRows[1]!, votes: 50 }]);
    const tied = buildResultsSnapshot({ tables: view.tables, registry: EMPTY_REGISTRY, operations: { health: null, quality: null }, reader: { connected: true, caughtUp: true, malformedMessages: 0 }, now: T0 });
    expect(tied.leader?.tied).toBe(true);
    expect(tied.leader?.marginOverSecond).toBe(0);
  });

  it('has no leader before any vote is counted', () => {
    const empty = buildResultsSnapshot({ tables: new ResultsView().tables, registry: EMPTY_REGISTRY, operations: { health: null, quality: null }, reader: { connected: false, caughtUp: false, malformedMessages: 0 }, now: T0 });
    expect(empty.leader).toBeNull();
    expect(empty.headline.turnout).toBeNull();
    expect(empty.headline.delayMs).toBeNull();
  });

  it('orders candidates by votes with shares of all counted votes', () => {
    expect(snapshot.candidates.map((c) => [c.candidate_id, c.share])).toEqual([['c1', 0.5], ['c2', 0.3], ['c3', 0.2]]);
    expect(snapshot.headline.votesCounted).toBe(100);
    expect(snapshot.headline.turnout).toBe(0.25);
  });

  it('colours candidates by party and ignores colours that are not #rrggbb', () => {
    expect(snapshot.candidates.find((c) => c.candidate_id === 'c1')?.color).toBe('#1f77b4');
    // the tally's colour for TBP is hostile, so the register's colour is used
    expect(snapshot.candidates.find((c) => c.candidate_id === 'c3')?.color).toBe('#2ca02c');
  });

  it('totals parties with their shares', () => {
    expect(snapshot.parties.map((p) => [p.party_id, p.votes, p.share])).toEqual([['MNP', 50, 0.5], ['SVP', 30, 0.3], ['TBP', 20, 0.2]]);
  });

  it('gives every region its turnout and leading candidate, including regions without votes', () => {
    const byId = new Map(snapshot.regions.map((r) => [r.region_id, r]));
    expect(byId.get('north')).toMatchObject({ votes: 50, turnout: 0.5, leader: { candidate_id: 'c1', votes: 40 } });
    // c2 and c3 tie in the south at 20; the tie is broken by name, so the result is stable
    expect(byId.get('south')).toMatchObject({ name: HOSTILE_NAME, turnout: 0.25, leader: { candidate_id: 'c2' } });
    expect(byId.get('west')).toMatchObject({ votes: 0, turnout: 0, leader: null });
  });

  it('orders the per-minute series by time', () => {
    expect(snapshot.votesPerMinute.map((m) => m.minute_start)).toEqual([T0, T0 + 60_000]);
  });

  it('totals rejected votes by reason, largest first', () => {
    expect(snapshot.rejected.map((r) => r.reason)).toEqual(['unknown_voter', 'duplicate_vote']);
    expect(snapshot.headline.rejectedVotes).toBe(7);
  });

  it('finds the newest cast time and the delay of the update that brought it', () => {
    expect(snapshot.headline.lastCastAt).toBe(T0 + 59_000);
    expect(sampleSnapshot(T0 + 60_000).headline.delayMs).toBe(1_000);
    expect(sampleSnapshot(T0 + 60_000).headline.votesFlowing).toBe(true);
  });
});
