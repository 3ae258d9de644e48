import { describe, expect, it } from 'vitest';
import { copyTextRow } from './copy-text.ts';
import { copyTextOf, encodeVoters, keyedRecordsOf, VOTER_COLUMNS } from './encode-voters.ts';
import type { Voter } from '../../shared/election/model.ts';
import { generateVoters } from './voters.ts';

const options = { seed: 42, locale: 'en_GB' as const };

describe('encodeVoters', () => {
  it('gives each voter one COPY line and one record keyed by voter_id with the voter as JSON', () => {
    const voters = generateVoters(options, 0, 50);
    const encoded = encodeVoters(voters);
    expect(encoded.count).toBe(50);
    expect(copyTextOf(encoded).toString('utf8')).toBe(voters.map((v) => copyTextRow(VOTER_COLUMNS.map((c) => v[c]))).join(''));
    const records = keyedRecordsOf(encoded);
    expect(records.map((r) => r.key.toString('utf8'))).toEqual(voters.map((v) => v.voter_id));
    expect(records.map((r) => JSON.parse(r.value.toString('utf8')) as Voter)).toEqual(voters);
  });

  it('measures keys and values in bytes, so accented and emoji names stay whole', () => {
    const [voter] = generateVoters(options, 0, 1);
    const voters = [{ ...voter!, name: 'Zoë Brontë 🗳️' }, { ...voter!, voter_id: 'ß-id', name: "O'Brien\tthe\\second" }];
    const encoded = encodeVoters(voters);
    expect(keyedRecordsOf(encoded).map((r) => JSON.parse(r.value.toString('utf8')) as Voter)).toEqual(voters);
    expect(keyedRecordsOf(encoded)[1]!.key.toString('utf8')).toBe('ß-id');
    expect(copyTextOf(encoded).toString('utf8')).toContain("O'Brien\\tthe\\\\second");
  });

  it('encodes a chunk the same whichever way the voters were chunked', () => {
    const whole = encodeVoters(generateVoters(options, 0, 2500));
    const parts = [[0, 700], [700, 1800], [1800, 2500]].map(([from, to]) => encodeVoters(generateVoters(options, from!, to!)));
    expect(Buffer.concat(parts.map(copyTextOf)).equals(copyTextOf(whole))).toBe(true);
    const values = (records: ReturnType<typeof keyedRecordsOf>) => records.map((r) => r.value.toString('utf8'));
    expect(parts.flatMap((p) => values(keyedRecordsOf(p)))).toEqual(values(keyedRecordsOf(whole)));
  });
});
