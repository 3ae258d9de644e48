import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createGunzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { SseClient } from './broadcast.ts';
import { httpChunkOf, openNodeSseClient } from './nodeSseClient.ts';
import { deflatePush, type SseEncoding } from './sseEncoding.ts';

// Pushes go straight to the socket as pre-framed HTTP/1.1 chunks: these tests read them with
// Node's own HTTP client (which checks the framing) and over a raw HTTP/1.0 connection.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
});

async function serveOne(encoding: SseEncoding): Promise<{ port: number; client: Promise<SseClient> }> {
  let opened: (client: SseClient) => void = () => undefined;
  const client = new Promise<SseClient>((resolve) => { opened = resolve; });
  const server = createServer((_req, res) => opened(openNodeSseClient(res, () => undefined, encoding)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, client };
}

const readAll = (stream: NodeJS.ReadableStream): Promise<string> => new Promise((resolve, reject) => {
  let text = '';
  stream.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
  stream.on('end', () => resolve(text));
  stream.on('error', reject);
});

describe('httpChunkOf', () => {
  it('frames bytes as one chunk (hex size, CRLF, bytes, CRLF), once per Buffer, and leaves empty bytes empty', () => {
    const bytes = Buffer.from('x'.repeat(300));
    const framed = httpChunkOf(bytes);
    expect(framed.toString('latin1')).toBe(`12c\r\n${'x'.repeat(300)}\r\n`);
    expect(httpChunkOf(bytes)).toBe(framed);
    expect(httpChunkOf(Buffer.alloc(0))).toHaveLength(0);
  });
});

describe('openNodeSseClient', () => {
  it('writes pushes an HTTP/1.1 client reads as the body, the same bytes in the order written, then ends it', async () => {
    const { port, client } = await serveOne('identity');
    const response = await new Promise<IncomingMessage>((resolve, reject) => { get(`http://127.0.0.1:${port}/`, resolve).on('error', reject); });
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const body = readAll(response);
    const sse = await client;
    const shared = Buffer.from('event: a\ndata: 1\n\n');
    expect(sse.write(shared)).toBe(true);
    sse.write(Buffer.alloc(0));
    sse.write(Buffer.from('event: b\ndata: 2\n\n'));
    sse.write(shared);
    sse.close();
    expect(await body).toBe('event: a\ndata: 1\n\nevent: b\ndata: 2\n\nevent: a\ndata: 1\n\n');
  });

  it('sends a gzip client a stream gunzip decodes: the gzip header, then each deflated push', async () => {
    const { port, client } = await serveOne('gzip');
    const response = await new Promise<IncomingMessage>((resolve, reject) => { get(`http://127.0.0.1:${port}/`, { headers: { 'Accept-Encoding': 'gzip' } }, resolve).on('error', reject); });
    expect(response.headers['content-encoding']).toBe('gzip');
    const gunzip = createGunzip();
    gunzip.on('error', () => undefined); // the stream never gets gzip's trailer (sseEncoding.ts)
    response.pipe(gunzip);
    const decoded: string[] = [];
    gunzip.on('data', (chunk: Buffer) => decoded.push(chunk.toString('utf8')));
    const sse = await client;
    sse.write(deflatePush(Buffer.from('event: a\ndata: 1\n\n')));
    sse.write(deflatePush(Buffer.from('event: b\ndata: 2\n\n')));
    await new Promise((r) => setTimeout(r, 100));
    expect(decoded.join('')).toBe('event: a\ndata: 1\n\nevent: b\ndata: 2\n\n');
    sse.close();
  });

  it('writes an HTTP/1.0 client the pushes unframed, as its body', async () => {
    const { port, client } = await serveOne('identity');
    const socket = connect(port, '127.0.0.1');
    const received = readAll(socket);
    socket.write('GET / HTTP/1.0\r\n\r\n');
    const sse = await client;
    sse.write(Buffer.from('event: a\ndata: 1\n\n'));
    sse.close();
    const raw = await received;
    expect(raw.slice(raw.indexOf('\r\n\r\n') + 4)).toBe('event: a\ndata: 1\n\n');
  });
});
