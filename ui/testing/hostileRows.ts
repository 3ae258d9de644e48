import { EMPTY_REGISTRY } from '../live/liveTypes.ts';
import type { ResultsSource } from '../live/resultsSource.ts';
import { buildResultsSnapshot, type ResultsSnapshot } from '../live/resultsSnapshot.ts';
import { ResultsView } from '../live/resultsView.ts';
import type { TallyKind } from '../../shared/election/tallyRows.ts';
import { T0 } from './sampleElection.ts';

// Tally messages no honest pipeline writes, for unit tests of the page's boundary: each entry is a
// raw key and value as they could arrive on a tally topic, and what the page should make of it.

export const ABSURD_CAST_AT = 9_300_000_000_000_000;
export const LONG_NAME = 'x'.repeat(1_000_000);
export const CONTROL_NAME = 'Ann\u0000Lee\r\nevent: leader\rdata: <b>x</b>\u007f\ud800';
export const FORMULA_NAME = 'Ann Lee;=1+1';

export interface HostileMessage {
  kind: TallyKind;
  key: string | null;
  value: string | null;
  outcome: 'upserted' | 'malformed';
  what: string;
}

const candidate = (id: string, fields: Record<string, unknown>): Record<string, unknown> => ({
  candidate_id: id, candidate_name: `Name ${id}`, party_id: 'P', party_name: 'Party', photo_url: '', votes: 1, last_cast_at: T0, ...fields,
});
const message = (kind: TallyKind, key: unknown, value: unknown, outcome: HostileMessage['outcome'], what: string): HostileMessage =>
  ({ kind, key: JSON.stringify(key), value: typeof value === 'string' ? value : JSON.stringify(value), outcome, what });

export const HOSTILE_MESSAGES: HostileMessage[] = [
  message('candidates', { candidate_id: 'future' }, candidate('future', { last_cast_at: ABSURD_CAST_AT }), 'upserted', 'a cast_at no Date can hold'),
  message('candidates', { candidate_id: 'no-time' }, candidate('no-time', { last_cast_at: undefined }), 'upserted', 'no last_cast_at'),
  message('candidates', { candidate_id: 'text-time' }, candidate('text-time', { last_cast_at: 'soon' }), 'upserted', 'a last_cast_at of the wrong type'),
  message('candidates', { candidate_id: 'long' }, candidate('long', { candidate_name: LONG_NAME, photo_url: `/${LONG_NAME}` }), 'upserted', 'a 1 MB name and photo URL'),
  message('candidates', { candidate_id: 'ctl\u0000id' }, candidate('ctl\u0000id', { candidate_name: CONTROL_NAME, party_name: '<script>alert(1)</script>' }), 'upserted', 'control characters and HTML'),
  message('candidates', { candidate_id: 'formula' }, candidate('formula', { candidate_name: FORMULA_NAME, party_name: '@SUM(A1)', votes: 7 }), 'upserted', 'a formula in a name'),
  message('candidates', { candidate_id: 'negative' }, candidate('negative', { votes: -5 }), 'malformed', 'negative votes'),
  message('candidates', { candidate_id: 'fraction' }, candidate('fraction', { votes: 1.5 }), 'malformed', 'fractional votes'),
  message('candidates', { candidate_id: 'huge' }, candidate('huge', { votes: 1e300 }), 'malformed', 'votes beyond a safe integer'),
  message('candidates', { candidate_id: 'infinite' }, '{"candidate_id":"infinite","candidate_name":"x","party_id":"P","party_name":"x","photo_url":"","votes":1e999,"last_cast_at":0}', 'malformed', 'votes that parse as Infinity'),
  message('candidates', { candidate_id: 'string' }, candidate('string', { votes: '12' }), 'malformed', 'votes as a string'),
  message('candidates', { candidate_id: 'missing' }, candidate('missing', { candidate_name: undefined }), 'malformed', 'a missing name'),
  message('candidates', { candidate_id: 'typed' }, candidate('typed', { candidate_name: { first: 'A' } }), 'malformed', 'a name that is an object'),
  message('candidates', { candidate_id: 'array' }, [1, 2], 'malformed', 'an array instead of a row'),
  message('candidates', { candidate_id: 'null' }, 'null', 'malformed', 'the JSON value null'),
  message('candidates', { candidate_id: 'cut' }, '{"candidate_id":"cut","votes":', 'malformed', 'truncated JSON'),
  message('parties', { party_id: 'P' }, { party_id: 'P', party_name: 'Party\u0000', color: '"><script>', votes: 9, last_cast_at: -1 }, 'upserted', 'a hostile colour and a negative time'),
  message('regionCandidates', { region_id: 'r\r1', candidate_id: 'formula' }, { region_id: 'r\r1', candidate_id: 'formula', candidate_name: '=HYPERLINK("x")', party_id: 'P', votes: 3, last_cast_at: ABSURD_CAST_AT }, 'upserted', 'a formula leader in a region with a CR'),
  message('turnout', { region_id: 'r\r1' }, { region_id: 'r\r1', region_name: '-1+1;+cmd|x', registered_voters: 0, votes: 3, turnout: 1e308, last_cast_at: 0 }, 'upserted', 'a region with votes but no registered voters'),
  message('votesPerMinute', { minute_start: ABSURD_CAST_AT }, { minute_start: ABSURD_CAST_AT, votes: 1, last_cast_at: ABSURD_CAST_AT }, 'malformed', 'a minute no Date can hold'),
  message('votesPerMinute', { minute_start: 8e15 }, { minute_start: 8e15, votes: 1, last_cast_at: 8e15 }, 'upserted', 'a minute far in the future'),
  message('votesPerMinute', { minute_start: T0 }, { minute_start: T0, votes: 4, last_cast_at: T0 }, 'upserted', 'an ordinary minute'),
  message('rejected', { reason: 'cast_at_out_of_window' }, { reason: 'cast_at_out_of_window', events: 2 }, 'upserted', 'a reason the page does not know yet'),
  message('rejected', { reason: '<b>\r' }, { reason: '<b>\r', events: 1e300 }, 'malformed', 'an absurd event count'),
];

/** A view holding every HOSTILE_MESSAGES entry, applied in order. */
export function hostileView(): ResultsView {
  const view = new ResultsView();
  for (const m of HOSTILE_MESSAGES) view.apply(m.kind, m.key, m.value);
  return view;
}

/** The snapshot of hostileView(), taken at T0 + 1 minute. */
export function hostileSnapshot(now = T0 + 60_000): ResultsSnapshot {
  return buildResultsSnapshot({
    tables: hostileView().tables,
    registry: EMPTY_REGISTRY,
    operations: { health: { jobs: [{ name: 'validate_votes', status: 'RUNNING', lastCheckpoint: ABSURD_CAST_AT }] }, quality: null },
    reader: { connected: true, caughtUp: true, malformedMessages: 0 },
    now,
  });
}

/** A ResultsSource serving `snapshot` (the same one at any time), for the routes. */
export function fixedSource(snapshot: ResultsSnapshot): ResultsSource {
  return {
    snapshot: () => snapshot,
    readerStatus: () => snapshot.reader,
    findCandidate: () => undefined,
    onChange: () => () => undefined,
  };
}
