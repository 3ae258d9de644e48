import { constants, deflateRawSync } from 'node:zlib';

// Compressed SSE streams whose every push is the same bytes for every client. A gzip stream is a
// 10-byte header, then deflate blocks; here each push is deflated on its own (a fresh dictionary)
// and ends with a sync flush (an empty stored block, 00 00 ff ff), so pushes compressed once can
// be appended to any client's stream in any order, and the browser decodes each as it arrives.
// The stream never gets gzip's trailer: it ends when the connection does, as an SSE stream does.
// HTML panels compress about 7 to 1, so a push to 10,000 browsers moves a seventh of the bytes.

/** How a client's stream is encoded: as is, or gzip (when its Accept-Encoding allows). */
export type SseEncoding = 'identity' | 'gzip';

/** The gzip member header (RFC 1952): deflate, no name or time, unknown OS. Sent once per stream. */
export const GZIP_STREAM_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/** The bytes every compressed push ends with (the sync flush's empty stored block). */
export const SYNC_FLUSH_MARKER = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/**
 * `bytes` as one self-contained piece of a gzip stream's deflate data (see the header comment).
 * @returns the deflated bytes, ending with SYNC_FLUSH_MARKER; empty input gives empty output
 */
export function deflatePush(bytes: Uint8Array): Buffer {
  if (bytes.length === 0) return Buffer.alloc(0);
  return deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
}

/**
 * The encoding a client gets from its Accept-Encoding header: gzip when listed with a non-zero
 * q-value (RFC 9110 §12.5.3; `*` counts), identity otherwise.
 */
export function sseEncodingFor(acceptEncoding: string | undefined): SseEncoding {
  const q = new Map<string, number>();
  for (const entry of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [coding = '', ...params] = entry.trim().split(';');
    const value = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(coding, value === undefined ? 1 : Number(value));
  }
  const gzip = q.get('gzip') ?? q.get('x-gzip') ?? q.get('*') ?? 0;
  return gzip > 0 ? 'gzip' : 'identity';
}

/**
 * `bytes` (at most 65,535) as a stored, uncompressed deflate block: a piece that can follow the
 * header or any push without running zlib, for what is different per client (its retry line).
 * @throws RangeError when `bytes` is longer than a stored block holds
 */
export function storedBlock(bytes: Uint8Array): Buffer {
  if (bytes.length > 0xffff) throw new RangeError(`a stored deflate block holds at most 65535 bytes, not ${bytes.length}`);
  const head = Buffer.from([0x00, bytes.length & 0xff, bytes.length >> 8, ~bytes.length & 0xff, (~bytes.length >> 8) & 0xff]);
  return Buffer.concat([head, bytes]);
}

/** A constant push (a heartbeat) in both encodings, compressed once. */
export interface EncodedBytes {
  identity: Buffer;
  gzip: Buffer;
}

/** `bytes` as is and deflated (deflatePush). */
export function encodeBoth(bytes: Buffer): EncodedBytes {
  return { identity: bytes, gzip: deflatePush(bytes) };
}
