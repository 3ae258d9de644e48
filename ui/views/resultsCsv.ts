import type { ResultsSnapshot } from '../live/resultsSnapshot.ts';

// CSV downloads of the candidate and region tables. Cells that a spreadsheet would run as a
// formula (=, +, -, @ first) are prefixed with a quote.

export const CSV_KINDS = ['candidates', 'regions'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function renderResultsCsv(snapshot: ResultsSnapshot, kind: CsvKind): string {
  if (kind === 'candidates') {
    return toCsv(['candidate_id', 'name', 'party_id', 'party_name', 'votes', 'share'],
      snapshot.candidates.map((c) => [c.candidate_id, c.name, c.party_id, c.party_name, c.votes, Number(c.share.toFixed(6))]));
  }
  return toCsv(['region_id', 'name', 'registered_voters', 'votes', 'turnout', 'leader_candidate_id', 'leader_name'],
    snapshot.regions.map((r) => [r.region_id, r.name, r.registered_voters, r.votes, r.turnout === null ? null : Number(r.turnout.toFixed(6)), r.leader?.candidate_id ?? null, r.leader?.name ?? null]));
}
