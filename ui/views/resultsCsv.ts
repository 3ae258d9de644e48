import type { ResultsSnapshot } from '../live/resultsSnapshot.ts';

// CSV downloads of the candidate and region tables, safe to open in a spreadsheet whatever the
// data holds and whether the reader's locale separates fields with `,` or `;`:
// - every text cell is quoted (RFC 4180, `"` doubled), so a `,` or `;` in a name stays in its cell
//   for any program that honours quotes;
// - for one that does not (a naive split on `,`, `;` or a line break), every place a split can start
//   a field (the start of the value, and right after each `,` `;` CR or LF in it) that begins with
//   a formula character (= + - @ tab CR, after any spaces or quotes) gets a `'` first, as OWASP's CSV-injection
//   guidance says, so the spreadsheet shows it as text.
// Numbers are written bare: they come from the snapshot as finite numbers, never as text.

export const CSV_KINDS = ['candidates', 'regions'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

// Looks behind rather than consuming the separator: a CR is both a separator and a formula start.
const EXPOSED_FORMULA = /(?<=^|[,;\r\n])(?=[ "]*[=+\-@\t\r])/g;

/**
 * One text value as a CSV cell: formula starts neutralised (see above), then quoted with `"` doubled.
 * Never throws; the result always starts and ends with `"`.
 */
export function csvTextCell(value: string): string {
  return `"${value.replace(EXPOSED_FORMULA, "'").replace(/"/g, '""')}"`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvTextCell(value);
}

function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The `kind` table of `snapshot` as CSV: a header line, then one line per row, each ending CRLF. */
export function renderResultsCsv(snapshot: ResultsSnapshot, kind: CsvKind): string {
  if (kind === 'candidates') {
    return toCsv(['candidate_id', 'name', 'party_id', 'party_name', 'votes', 'share'],
      snapshot.candidates.map((c) => [c.candidate_id, c.name, c.party_id, c.party_name, c.votes, Number(c.share.toFixed(6))]));
  }
  return toCsv(['region_id', 'name', 'registered_voters', 'votes', 'turnout', 'count', 'leader_candidate_id', 'leader_name'],
    snapshot.regions.map((r) => [r.region_id, r.name, r.registered_voters, r.votes, r.turnout === null ? null : Number(r.turnout.toFixed(6)), r.count, r.leader?.candidate_id ?? null, r.leader?.name ?? null]));
}
