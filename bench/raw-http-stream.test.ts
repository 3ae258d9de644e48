import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChunkedDecoder, openRawStream, parseResponseHead, type ResponseHead } from './raw-http-stream.ts';

describe('ChunkedDecoder', () => {
  const framed = Buffer.from('5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n', 'latin1');

  it('removes the framing of chunks that arrive whole', () => {
    const decoder = new ChunkedDecoder();
    expect(Buffer.concat(decoder.push(framed)).toString()).toBe('hello, world');
    expect(decoder.done).toBe(true);
  });

  it('gives the same bytes when the framing is split at every byte', () => {
    const decoder = new ChunkedDecoder();
    const out: Buffer[] = [];
    for (let i = 0; i < framed.length; i++) out.push(...decoder.push(framed.subarray(i, i + 1)));
    expect(Buffer.concat(out).toString()).toBe('hello, world');
    expect(decoder.done).toBe(true);
  });

  it('reads upper-case sizes, and a size line cut between two reads', () => {
    const decoder = new ChunkedDecoder();
    const body = 'x'.repeat(26);
    const out = [...decoder.push(Buffer.from(`1A\r\n${body}\r\n1`, 'latin1')), ...decoder.push(Buffer.from('A\r\n' + body + '\r\n0\r\n\r\n', 'latin1'))];
    expect(Buffer.concat(out).toString()).toBe(body + body);
    expect(decoder.done).toBe(true);
  });

  it('rejects a size that is not hexadecimal', () => {
    expect(() => new ChunkedDecoder().push(Buffer.from('zz\r\n'))).toThrow(/not hexadecimal/);
  });
});

describe('parseResponseHead', () => {
  it('reads the status and lower-cases header names', () => {
    const head = parseResponseHead('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect(head.headers.get('transfer-encoding')).toBe('chunked');
  });

  it('rejects what is not an HTTP/1.x status line', () => {
    expect(() => parseResponseHead('SSH-2.0-OpenSSH')).toThrow(/status line/);
  });
});

describe('openRawStream', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => {
    if (!server) { resolve(); return; }
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  it('streams a chunked body from Node\'s http server, each write as it comes, and reports the close', async () => {
    let seenHeaders: Record<string, unknown> = {};
    server = createServer((request, response) => {
      seenHeaders = request.headers;
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Content-Encoding': 'identity' });
      response.write('data: one\n\n');
      setTimeout(() => { response.write('data: two\n\n'); response.end(); }, 20);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const bodies: string[] = [];
    let head: ResponseHead | undefined;
    const hadHead = await new Promise<boolean>((resolve) => {
      openRawStream('127.0.0.1', port, '/events?x=1', { Accept: 'text/event-stream' }, {
        onHead: (h) => { head = h; },
        onBody: (bytes) => bodies.push(bytes.toString()),
        onClose: resolve,
      });
    });
    expect(hadHead).toBe(true);
    expect(head?.status).toBe(200);
    expect(seenHeaders.accept).toBe('text/event-stream');
    expect(bodies).toEqual(['data: one\n\n', 'data: two\n\n']);
  });

  it('reports a refused connection as a close before any head', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const hadHead = await new Promise<boolean>((resolve) => {
      openRawStream('127.0.0.1', port, '/', {}, { onHead: () => undefined, onBody: () => undefined, onClose: resolve });
    });
    expect(hadHead).toBe(false);
  });
});
