import type { ServerResponse } from 'node:http';
import type { SseClient } from './broadcast.ts';
import { GZIP_STREAM_HEADER, type SseEncoding } from './sseEncoding.ts';

// The SSE stream of one browser on Node's own response object: writing a shared Buffer straight
// to the socket is what lets one process push to thousands of clients (a web stream per client
// costs several times more per write).

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  // no-transform: a proxy must not compress or buffer the stream (compression holds bytes back).
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx and some CDNs buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
  Vary: 'Accept-Encoding',
} as const;

/**
 * Sends the SSE response head on `response` and wraps it as an SseClient. With gzip the head says
 * so, and the gzip header is the first body bytes; what follows must be deflatePush pieces.
 * @param response - a Node response no header of which has been sent yet
 * @param onClose - called once when the connection closes, whichever side closes it
 */
export function openNodeSseClient(response: ServerResponse, onClose: () => void, encoding: SseEncoding = 'identity'): SseClient {
  response.writeHead(200, encoding === 'gzip' ? { ...SSE_HEADERS, 'Content-Encoding': 'gzip' } : SSE_HEADERS);
  if (encoding === 'gzip') response.write(GZIP_STREAM_HEADER);
  response.socket?.setNoDelay(true);
  response.once('close', onClose);
  return {
    write: (bytes) => (response.writableEnded || response.destroyed ? true : response.write(bytes)),
    bufferedBytes: () => response.writableLength,
    onceDrained: (listener) => { response.once('drain', listener); },
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
