import { hash } from 'node:crypto';

// Ids are a hash of what identifies a record (seed, locale, index...), so the same election always
// gets the same ids, whatever order or chunk size it is generated in, and two seeds never collide.

/** A name-based UUID (RFC 4122 layout, version 5) of the given parts. */
export function deterministicUuid(...parts: (string | number)[]): string {
  // The first 16 bytes of the SHA-1, with the version nibble (hex digit 12) set to 5 and the top
  // two bits of hex digit 16 set to the RFC 4122 variant (10), worked on the hex string directly.
  const hex = hash('sha1', parts.join('\u001f'), 'hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
