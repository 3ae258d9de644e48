import type {
  RejectedByReason, TallyByCandidate, TallyByParty, TallyByRegionCandidate, TurnoutByRegion, VotesPerMinute,
} from '../../shared/election/model.ts';
import { EMPTY_REGISTRY, type RegistryFigures } from '../live/liveTypes.ts';
import { buildResultsSnapshot, type ResultsSnapshot } from '../live/resultsSnapshot.ts';
import { ResultsView } from '../live/resultsView.ts';
import type { TallyKind, TallyRowTypes } from '../../shared/election/tallyRows.ts';
import { TALLY_TOPICS } from '../../shared/election/tallyRows.ts';

// A small election for unit tests: three candidates (one with a hostile name), two regions.

export const HOSTILE_NAME = '<script>alert(1)</script>';
export const T0 = Date.UTC(2026, 4, 7, 9, 0, 0);

export const candidateRows: TallyByCandidate[] = [
  { candidate_id: 'c1', candidate_name: 'Ada Lovelace', party_id: 'MNP', party_name: 'Management Party', photo_url: '/photos/c1.svg', votes: 50, last_cast_at: T0 + 1_000 },
  { candidate_id: 'c2', candidate_name: HOSTILE_NAME, party_id: 'SVP', party_name: 'Savior "Party" & Co', photo_url: 'javascript:alert(2)', votes: 30, last_cast_at: T0 + 5_000 },
  { candidate_id: 'c3', candidate_name: 'Grace Hopper', party_id: 'TBP', party_name: 'Tech Republic Party', photo_url: '/photos/c3.svg', votes: 20, last_cast_at: T0 + 2_000 },
];
export const partyRows: TallyByParty[] = [
  { party_id: 'MNP', party_name: 'Management Party', color: '#1f77b4', votes: 50, last_cast_at: T0 + 1_000 },
  { party_id: 'SVP', party_name: 'Savior "Party" & Co', color: '#d62728', votes: 30, last_cast_at: T0 + 5_000 },
  { party_id: 'TBP', party_name: 'Tech Republic Party', color: 'red"><script>', votes: 20, last_cast_at: T0 + 2_000 },
];
export const regionCandidateRows: TallyByRegionCandidate[] = [
  { region_id: 'north', candidate_id: 'c1', candidate_name: 'Ada Lovelace', party_id: 'MNP', votes: 40, last_cast_at: T0 },
  { region_id: 'north', candidate_id: 'c2', candidate_name: HOSTILE_NAME, party_id: 'SVP', votes: 10, last_cast_at: T0 },
  { region_id: 'south', candidate_id: 'c1', candidate_name: 'Ada Lovelace', party_id: 'MNP', votes: 10, last_cast_at: T0 },
  { region_id: 'south', candidate_id: 'c2', candidate_name: HOSTILE_NAME, party_id: 'SVP', votes: 20, last_cast_at: T0 },
  { region_id: 'south', candidate_id: 'c3', candidate_name: 'Grace Hopper', party_id: 'TBP', votes: 20, last_cast_at: T0 },
];
export const turnoutRows: TurnoutByRegion[] = [
  { region_id: 'north', region_name: 'North', registered_voters: 100, votes: 50, turnout: 0.5, last_cast_at: T0 },
  { region_id: 'south', region_name: HOSTILE_NAME, registered_voters: 200, votes: 50, turnout: 0.25, last_cast_at: T0 },
];
export const minuteRows: VotesPerMinute[] = [
  { minute_start: T0 + 60_000, votes: 70, last_cast_at: T0 + 5_000 },
  { minute_start: T0, votes: 30, last_cast_at: T0 + 59_000 },
];
export const rejectedRows: RejectedByReason[] = [
  { reason: 'duplicate_vote', events: 3 },
  { reason: 'unknown_voter', events: 4 },
];

export const sampleRegistry: RegistryFigures = {
  ...EMPTY_REGISTRY,
  registeredVoters: 400,
  candidates: 3,
  parties: [{ party_id: 'TBP', name: 'Tech Republic Party', color: '#2ca02c' }],
  regions: [
    { region_id: 'north', name: 'North', registered_voters: 100 },
    { region_id: 'south', name: 'South', registered_voters: 200 },
    { region_id: 'west', name: 'West', registered_voters: 100 },
  ],
  candidateList: [{ candidate_id: 'c4', name: 'Alan Turing', party_id: 'TBP' }],
  refreshedAt: T0,
};

export function keyOf<K extends TallyKind>(kind: K, row: TallyRowTypes[K]): string {
  const pk: Record<string, unknown> = {};
  for (const column of TALLY_TOPICS[kind].primaryKey) pk[column] = row[column];
  return JSON.stringify(pk);
}

export function applyRows<K extends TallyKind>(view: ResultsView, kind: K, rows: TallyRowTypes[K][]): void {
  for (const row of rows) view.apply(kind, keyOf(kind, row), JSON.stringify(row));
}

export function sampleView(): ResultsView {
  const view = new ResultsView();
  applyRows(view, 'candidates', candidateRows);
  applyRows(view, 'parties', partyRows);
  applyRows(view, 'regionCandidates', regionCandidateRows);
  applyRows(view, 'turnout', turnoutRows);
  applyRows(view, 'votesPerMinute', minuteRows);
  applyRows(view, 'rejected', rejectedRows);
  return view;
}

export function sampleSnapshot(now = T0 + 6_000): ResultsSnapshot {
  return buildResultsSnapshot({
    tables: sampleView().tables,
    registry: sampleRegistry,
    operations: { health: null, quality: null },
    reader: { connected: true, caughtUp: true, malformedMessages: 0 },
    now,
  });
}
