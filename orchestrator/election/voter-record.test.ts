import { describe, expect, it } from 'vitest';
import { encodeVoters, keyedRecordsOf } from './encode-voters.ts';
import { generateVoters } from './voters.ts';
import { voterOfRecord } from './voter-record.ts';

const parsed = (raw: string): unknown => {
  try {
    const v = JSON.parse(raw) as Record<string, unknown> | null;
    return v && typeof v.voter_id === 'string' && typeof v.region_id === 'string' ? { voter_id: v.voter_id, region_id: v.region_id } : null;
  } catch {
    return null;
  }
};

describe('voterOfRecord', () => {
  it('reads the id and region of every record registration writes, as JSON.parse does', () => {
    const voters = generateVoters({ seed: 7, locale: 'en_GB' }, 0, 2000);
    const records = keyedRecordsOf(encodeVoters(voters));
    records.forEach((record, i) => {
      expect(voterOfRecord(record.value)).toEqual({ voter_id: voters[i]!.voter_id, region_id: voters[i]!.region_id });
    });
  });

  it('agrees with JSON.parse on records registration does not write', () => {
    const values = [
      '{"voter_id":"a","region_id":"r"}',
      '{"voter_id" : "a", "region_id" : "r"}',
      '{"voter_id":"a\\"b","region_id":"r"}',
      '{"voter_id":"a","region_id":"r\\u00e9"}',
      '{"voter_id":"a","region_id":"r","voter_id":"b"}',
      '{"name":{"voter_id":"x","region_id":"y"},"voter_id":"a","region_id":"r"}',
      '{"voter_id":"a"}',
      '{"voter_id":1,"region_id":"r"}',
      '{"voter_id":"a","region_id":null}',
      '{"name":"\\"voter_id\\":\\"x\\"","voter_id":"a","region_id":"r"}',
      '{"voter_id":"ä","region_id":"Île"}',
      'null', '[]', '"x"', 'not json', '',
    ];
    for (const raw of values) expect(voterOfRecord(Buffer.from(raw)), raw).toEqual(parsed(raw));
  });

  it('gives null for a tombstone', () => {
    expect(voterOfRecord(null)).toBeNull();
  });
});
