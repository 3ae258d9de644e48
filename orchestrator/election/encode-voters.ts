import { copyTextRow } from './copy-text.ts';
import type { Voter } from '../../shared/election/model.ts';

// A chunk of voters in the two forms registration writes: COPY text for Postgres and keyed JSON
// for Kafka, as UTF-8 bytes in a few flat arrays. Flat arrays cross a worker_threads boundary
// without copying (transferred), and kafkajs and pg-copy-streams write bytes without encoding.

export const VOTER_COLUMNS = [
  'voter_id', 'name', 'date_of_birth', 'gender', 'nationality', 'registration_number', 'street', 'city',
  'region_id', 'country', 'postcode', 'email', 'phone', 'cell', 'picture', 'registered_age',
] as const satisfies readonly (keyof Voter)[];

export interface EncodedVoters {
  count: number;
  /** One COPY text line per voter, columns in VOTER_COLUMNS order (UTF-8). */
  copyText: Uint8Array;
  /** The voter ids back to back; voter i's ends at keyEnds[i] (bytes). */
  keys: Uint8Array;
  keyEnds: Uint32Array;
  /** The voters' JSON back to back; voter i's ends at valueEnds[i] (bytes). */
  values: Uint8Array;
  valueEnds: Uint32Array;
}

const utf8 = new TextEncoder();

/** Encodes voters for Postgres (COPY text) and Kafka (key voter_id, value the voter's JSON). */
export function encodeVoters(voters: readonly Voter[]): EncodedVoters {
  let copyText = '';
  for (const voter of voters) copyText += copyTextRow(VOTER_COLUMNS.map((c) => voter[c]));
  const keys = packUtf8(voters.map((v) => v.voter_id));
  const values = packUtf8(voters.map((v) => JSON.stringify(v)));
  return { count: voters.length, copyText: utf8.encode(copyText), keys: keys.bytes, keyEnds: keys.ends, values: values.bytes, valueEnds: values.ends };
}

function packUtf8(strings: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  const ends = new Uint32Array(strings.length);
  let total = 0;
  for (let i = 0; i < strings.length; i++) ends[i] = total += Buffer.byteLength(strings[i]!);
  const bytes = new Uint8Array(total);
  utf8.encodeInto(strings.join(''), bytes);
  return { bytes, ends };
}

/** The memory of an encoded chunk, to pass as postMessage's transfer list. */
export function transferListOf(encoded: EncodedVoters): ArrayBuffer[] {
  return [encoded.copyText, encoded.keys, encoded.keyEnds, encoded.values, encoded.valueEnds].map((a) => a.buffer as ArrayBuffer);
}

/** The chunk's Kafka records: Buffers viewing the encoded bytes (no copy), in voter order. */
export function keyedRecordsOf(encoded: EncodedVoters): { key: Buffer; value: Buffer }[] {
  const records = new Array<{ key: Buffer; value: Buffer }>(encoded.count);
  for (let i = 0; i < encoded.count; i++) {
    records[i] = { key: slice(encoded.keys, encoded.keyEnds, i), value: slice(encoded.values, encoded.valueEnds, i) };
  }
  return records;
}

function slice(bytes: Uint8Array, ends: Uint32Array, i: number): Buffer {
  const start = i === 0 ? 0 : ends[i - 1]!;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, ends[i]! - start);
}

/** The chunk's COPY text as a Buffer viewing the encoded bytes. */
export function copyTextOf(encoded: Pick<EncodedVoters, 'copyText'>): Buffer {
  return Buffer.from(encoded.copyText.buffer, encoded.copyText.byteOffset, encoded.copyText.byteLength);
}
