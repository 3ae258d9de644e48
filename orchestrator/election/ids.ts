import { hash } from 'node:crypto';

// Ids are a hash of what identifies a record (seed, locale, index...), so the same election always
// gets the same ids, whatever order or chunk size it is generated in, and two seeds never collide.

/** A name-based UUID (RFC 4122 layout, version 5) of the given parts. */
export function deterministicUuid(...parts: (string | number)[]): string {
  const bytes = Buffer.from(hash('sha1', parts.join('\u001f'), 'hex'), 'hex');
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** An unsigned 32-bit hash of the given parts, for seeding generators and weighted choices. */
export function hash32(...parts: (string | number)[]): number {
  return Number.parseInt(hash('sha1', parts.join('\u001f'), 'hex').slice(0, 8), 16);
}

/**
 * An electoral-register style number taken from the voter id's first 64 bits: unique because the
 * id is (the schema makes registration_number UNIQUE across every election in the database).
 */
export function registrationNumberFor(voterId: string): string {
  const hex = voterId.replace(/-/g, '').slice(0, 16).toUpperCase();
  return `ER-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}`;
}
