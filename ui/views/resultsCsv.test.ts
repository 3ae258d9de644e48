import { describe, expect, it } from 'vitest';
import type { ResultsSnapshot } from '../live/resultsSnapshot.ts';
import { FORMULA_NAME, hostileSnapshot } from '../testing/hostileRows.ts';
import { sampleSnapshot } from '../testing/sampleElection.ts';
import { csvTextCell, renderResultsCsv } from './resultsCsv.ts';

// What a spreadsheet would run: a field starting with = + - @ (after any spaces or quotes a lax
// parser may drop), or with a tab or CR. A field starting with ' is text.
function evaluates(field: string): boolean {
  if (/^[\t\r]/.test(field)) return true;
  return /^[=+\-@]/.test(field.replace(/^[ "]+/, ''));
}

const FORMULAS = [
  FORMULA_NAME, '=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', ' =1', '"=1', 'a,=1', 'a;+1', 'a; -1', 'a;"=1',
  'a,"@x', 'a\n=1', 'a\r\n@1', '=HYPERLINK("http://x";"y")', 'a;;=1', '=;=,=', 'ok; fine, "quoted"',
];

function hostileRegionsSnapshot(): ResultsSnapshot {
  const base = sampleSnapshot();
  return {
    ...base,
    candidates: FORMULAS.map((name, i) => ({ candidate_id: `=c${i}`, name, party_id: '-P', party_name: name, color: '#000000', photo_url: '', votes: i, share: 0.5 })),
    regions: FORMULAS.map((name, i) => ({ region_id: `+r${i}`, name, registered_voters: 10, votes: i, turnout: i / 10, leader: { candidate_id: '@c', name, party_id: 'P', color: '#000000', votes: 1 }, count: 'reporting' as const })),
  };
}

describe('results CSV', () => {
  it('quotes every text cell and doubles quotes inside it (RFC 4180)', () => {
    expect(csvTextCell('Savior "Party" & Co')).toBe('"Savior ""Party"" & Co"');
    expect(csvTextCell('')).toBe('""');
    expect(renderResultsCsv(sampleSnapshot(), 'candidates').split('\r\n')[1]).toBe('"c1","Ada Lovelace","MNP","Management Party",50,0.5');
  });

  it('writes "Ann Lee;=1+1" so that neither a `,` nor a `;` spreadsheet runs =1+1', () => {
    expect(csvTextCell(FORMULA_NAME)).toBe(`"Ann Lee;'=1+1"`);
    expect(csvTextCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvTextCell('a, -1')).toBe(`"a,' -1"`);
  });

  for (const separator of [',', ';']) {
    for (const kind of ['candidates', 'regions'] as const) {
      it(`leaves no field a spreadsheet would evaluate when the ${kind} CSV is split on lines and on "${separator}"`, () => {
        for (const snapshot of [hostileRegionsSnapshot(), hostileSnapshot()]) {
          const csv = renderResultsCsv(snapshot, kind);
          const fields = csv.split(/\r\n|\n|\r/).flatMap((line) => line.split(separator));
          expect(fields.filter(evaluates)).toEqual([]);
        }
      });
    }
  }

  it('keeps each hostile value whole in its cell for a parser that honours quotes', () => {
    const line = renderResultsCsv(hostileRegionsSnapshot(), 'candidates').split('\r\n')[1]!;
    expect(line).toBe(`"'=c0","Ann Lee;'=1+1","'-P","Ann Lee;'=1+1",0,0.5`);
  });
});
