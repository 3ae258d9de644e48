import { randomBytes } from 'node:crypto';
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleSnapshot } from '../testing/sampleElection.ts';
import { Broadcaster } from './broadcast.ts';
import { openNodeSseClient } from './nodeSseClient.ts';
import { RenderedVersion } from './renderedVersion.ts';

// The slow-client bound on real sockets: a client that stops reading holds at most one push
// queued in the page (it is skipped while its socket is full) and is dropped when it stays full
// past the stall limit, while a client that reads gets every push.

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); })));
});

async function serveBroadcast(broadcaster: Broadcaster, first: RenderedVersion): Promise<{ url: string; closed: () => number; responses: ServerResponse[] }> {
  let closed = 0;
  const responses: ServerResponse[] = [];
  const server = createServer((_req, res) => {
    responses.push(res);
    let unsubscribe: () => void = () => undefined;
    const client = openNodeSseClient(res, () => { closed++; unsubscribe(); });
    unsubscribe = broadcaster.subscribe(client, first);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, closed: () => closed, responses };
}

const open = (url: string): Promise<IncomingMessage> => new Promise((resolve, reject) => { get(url, resolve).on('error', reject); });

describe('a slow client on a real socket', () => {
  it('holds at most one push queued, is dropped when it stays stalled, and the client that reads gets every push', async () => {
    const broadcaster = new Broadcaster({ heartbeatMs: 50, stalledMs: 500 });
    let version = new RenderedVersion('boot', undefined, sampleSnapshot(0), [{ event: 'n', data: '0' }]);
    const { url, closed, responses } = await serveBroadcast(broadcaster, version);
    const fast = await open(url);
    let received = '';
    fast.on('data', (chunk: Buffer) => { received += chunk.toString('latin1'); });
    const slow = await open(url);
    slow.pause(); // reads nothing more: the kernel's buffers fill, then the page's queue
    await new Promise((r) => setTimeout(r, 50));
    const slowResponse = responses[1]!;

    // 100 incompressible pushes of 256 KB (25 MB): far more than the socket buffers hold.
    let mostQueued = 0;
    for (let n = 1; n <= 100; n++) {
      version = new RenderedVersion('boot', version, sampleSnapshot(0), [{ event: 'n', data: String(n) }, { event: 'pad', data: randomBytes(128 * 1024).toString('hex') }]);
      broadcaster.publish(version);
      mostQueued = Math.max(mostQueued, slowResponse.writableLength);
      await new Promise((r) => setImmediate(r));
    }
    expect(mostQueued).toBeGreaterThan(0);
    expect(mostQueued).toBeLessThan(2 * version.delta.length);
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toContain('event: n\ndata: 100\n\n');
    await new Promise((r) => setTimeout(r, 700));
    expect(broadcaster.clientCount).toBe(1);
    expect(closed()).toBe(1);
    broadcaster.close();
    slow.destroy();
  });
});
