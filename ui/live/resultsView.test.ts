import { describe, expect, it } from 'vitest';
import { ResultsView } from './resultsView.ts';
import { applyRows, candidateRows, keyOf, regionCandidateRows } from '../testing/sampleElection.ts';

describe('ResultsView', () => {
  it('keeps the latest value per key, as an upsert topic does', () => {
    const view = new ResultsView();
    applyRows(view, 'candidates', candidateRows);
    const updated = { ...candidateRows[0]!, votes: 51 };
    expect(view.apply('candidates', keyOf('candidates', updated), JSON.stringify(updated))).toBe('upserted');
    expect(view.tables.candidates.size).toBe(3);
    expect(view.tables.candidates.get(JSON.stringify(['c1']))?.votes).toBe(51);
  });

  it('deletes a key when its value is a tombstone', () => {
    const view = new ResultsView();
    applyRows(view, 'candidates', candidateRows);
    expect(view.apply('candidates', JSON.stringify({ candidate_id: 'c2' }), null)).toBe('deleted');
    expect([...view.tables.candidates.values()].map((r) => r.candidate_id)).toEqual(['c1', 'c3']);
  });

  it('identifies rows by a composite key of region and candidate', () => {
    const view = new ResultsView();
    applyRows(view, 'regionCandidates', regionCandidateRows);
    expect(view.tables.regionCandidates.size).toBe(5);
    view.apply('regionCandidates', JSON.stringify({ region_id: 'south', candidate_id: 'c3' }), null);
    expect(view.tables.regionCandidates.size).toBe(4);
  });

  it('counts and skips messages that are not JSON, miss fields, or disagree with their key', () => {
    const view = new ResultsView();
    const row = candidateRows[0]!;
    expect(view.apply('candidates', '{"candidate_id":"c1"}', '{not json')).toBe('malformed');
    expect(view.apply('candidates', '{"candidate_id":"c1"}', JSON.stringify({ candidate_id: 'c1', votes: 'many' }))).toBe('malformed');
    expect(view.apply('candidates', '{"candidate_id":"other"}', JSON.stringify(row))).toBe('malformed');
    expect(view.apply('candidates', 'garbage', null)).toBe('malformed');
    expect(view.apply('rejected', '{"reason":"bribery"}', '{"reason":"bribery","events":-1}')).toBe('malformed');
    expect(view.malformed).toBe(5);
    expect(view.tables.candidates.size).toBe(0);
    expect(view.version).toBe(0);
  });

  it('keeps a rejection reason it does not know, so a reason the pipeline adds is still counted', () => {
    const view = new ResultsView();
    expect(view.apply('rejected', '{"reason":"bribery"}', '{"reason":"bribery","events":1}')).toBe('upserted');
    expect(view.tables.rejected.get(JSON.stringify(['bribery']))?.events).toBe(1);
  });

  it('takes the key from the value when a message has no key', () => {
    const view = new ResultsView();
    expect(view.apply('candidates', null, JSON.stringify(candidateRows[0]))).toBe('upserted');
    expect(view.version).toBe(1);
  });
});
