import type { ServerResponse } from 'node:http';
import type { SseClient } from './broadcast.ts';
import { GZIP_STREAM_HEADER, type SseEncoding } from './sseEncoding.ts';

// The SSE stream of one browser on Node's own response object. Once the head is on the wire, each
// push goes straight to the socket as one buffer, framed as an HTTP/1.1 chunk once per push for
// every client (httpChunkOf): `response.write` would instead cork the socket, queue a nextTick and
// write four pieces (size, CRLF, data, CRLF) through the http layer for every client on every push,
// which was most of what a push to thousands of clients cost the page.

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  // no-transform: a proxy must not compress or buffer the stream (compression holds bytes back).
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx and some CDNs buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
  Vary: 'Accept-Encoding',
} as const;

const CRLF = Buffer.from('\r\n', 'latin1');
const FRAMED = new WeakMap<Buffer, Buffer>();

/**
 * `bytes` as one HTTP/1.1 chunk (RFC 9112 §7.1: size in hex, CRLF, the bytes, CRLF), framed once
 * per Buffer object: the same push written to every client is framed once, and the frame lives as
 * long as that Buffer does.
 * @returns the framed bytes; empty input gives empty output (an empty chunk would end the body)
 */
export function httpChunkOf(bytes: Buffer): Buffer {
  if (bytes.length === 0) return bytes;
  let framed = FRAMED.get(bytes);
  if (!framed) {
    framed = Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`, 'latin1'), bytes, CRLF]);
    FRAMED.set(bytes, framed);
  }
  return framed;
}

/**
 * Sends the SSE response head on `response` and wraps it as an SseClient. With gzip the head says
 * so, and the gzip header is the first body bytes; what follows must be deflatePush pieces.
 * @param response - a Node response no header of which has been sent yet
 * @param onClose - called once when the connection closes, whichever side closes it
 */
export function openNodeSseClient(response: ServerResponse, onClose: () => void, encoding: SseEncoding = 'identity'): SseClient {
  response.writeHead(200, encoding === 'gzip' ? { ...SSE_HEADERS, 'Content-Encoding': 'gzip' } : SSE_HEADERS);
  if (encoding === 'gzip') response.write(GZIP_STREAM_HEADER);
  else response.flushHeaders();
  // The response owns its socket now (a pipelined response waiting for an earlier one has none),
  // and the head went to it: later bytes may follow on the socket itself. Without chunked
  // encoding (an HTTP/1.0 client) the body is the bytes as they are, ending with the connection.
  const socket = response.socket;
  const frame = response.chunkedEncoding ? httpChunkOf : (bytes: Buffer): Buffer => bytes;
  socket?.setNoDelay(true);
  response.once('close', onClose);
  return {
    write: (bytes) => {
      if (response.writableEnded || response.destroyed || socket?.destroyed || bytes.length === 0) return true;
      return socket ? socket.write(frame(bytes)) : response.write(bytes);
    },
    bufferedBytes: () => response.writableLength,
    // A raw socket write that returned false makes the socket emit 'drain'; the response only
    // relays it for its own writes.
    onceDrained: (listener) => { (socket ?? response).once('drain', listener); },
    // A client that has not taken what it was sent would hold an ended stream (and its queued
    // bytes) open for as long as it does not read: destroy it instead.
    close: () => {
      if (response.writableLength > 0) response.destroy();
      else if (!response.writableEnded) response.end();
    },
  };
}

/**
 * The `retry:` line a new client is sent: a reconnect delay spread over [minMs, minMs + spreadMs),
 * so browsers that lost the server together (a restart) do not all come back in the same instant.
 * @param random - 0..1, defaults to Math.random
 */
export function jitteredRetry(minMs = 1_000, spreadMs = 4_000, random: () => number = Math.random): Buffer {
  return Buffer.from(`retry: ${Math.floor(minMs + random() * spreadMs)}\n\n`);
}
