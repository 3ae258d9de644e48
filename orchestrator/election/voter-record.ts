import type { Voter } from '../../shared/election/model.ts';

// What the vote simulator needs of a record on the voters topic: the voter's id and region.
// Registration writes each voter as one flat JSON object (JSON.stringify of a Voter, ~700 bytes),
// and parsing all of it for two short fields was about a tenth of the simulator's CPU. Such a
// record's two fields are read straight from its bytes; anything else (whitespace around a colon,
// an escape in either value, a nested object, a field given twice) is parsed in full as before.

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const VOTER_ID = Buffer.from('"voter_id":"');
const REGION_ID = Buffer.from('"region_id":"');

/**
 * The voter_id and region_id of a voter record's value (UTF-8 JSON), or null for a tombstone, a
 * value that is not a JSON object, or one without both as strings. Gives what JSON.parse would
 * for every record registration writes.
 */
export function voterOfRecord(value: Buffer | null): Pick<Voter, 'voter_id' | 'region_id'> | null {
  if (!value) return null;
  if (value[0] === OPEN_BRACE && value[value.length - 1] === CLOSE_BRACE && value.indexOf(OPEN_BRACE, 1) < 0) {
    const voter_id = flatString(value, VOTER_ID);
    const region_id = flatString(value, REGION_ID);
    if (voter_id !== undefined && region_id !== undefined) return { voter_id, region_id };
  }
  return parsedVoter(value.toString());
}

/** The value of `"field":"…"` when the field occurs once and its value has no escape; else undefined. */
function flatString(bytes: Buffer, field: Buffer): string | undefined {
  const at = bytes.indexOf(field);
  if (at < 0 || bytes.indexOf(field, at + 1) >= 0) return undefined;
  const start = at + field.length;
  const end = bytes.indexOf(QUOTE, start);
  if (end < 0) return undefined;
  const escape = bytes.indexOf(BACKSLASH, start);
  if (escape >= 0 && escape < end) return undefined;
  return bytes.toString('utf8', start, end);
}

function parsedVoter(raw: string): Pick<Voter, 'voter_id' | 'region_id'> | null {
  try {
    const value = JSON.parse(raw) as Partial<Voter> | null;
    return value && typeof value.voter_id === 'string' && typeof value.region_id === 'string' ? { voter_id: value.voter_id, region_id: value.region_id } : null;
  } catch {
    return null;
  }
}
