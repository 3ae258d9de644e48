import { describe, expect, it } from 'vitest';
import { sampleSnapshot } from '../testing/sampleElection.ts';
import type { SseClient } from './broadcast.ts';
import { RenderedVersion } from './renderedVersion.ts';
import { ViewStreams } from './viewStreams.ts';

function recordingClient(): SseClient & { written: string[]; closed: boolean } {
  const client = {
    written: [] as string[],
    closed: false,
    write(bytes: Buffer) { client.written.push(bytes.toString('utf8')); return true; },
    bufferedBytes: () => 0,
    onceDrained: () => undefined,
    close() { client.closed = true; },
  };
  return client;
}

describe('ViewStreams', () => {
  it('renders each watched view once per data version, writes its readers the same bytes, and forgets a view nobody watches', () => {
    let renders = 0;
    let data = 'v1';
    const streams = new ViewStreams((_snapshot, view) => { renders++; return [{ event: 'regions', data: `${view}:${data}` }]; });
    const v1 = new RenderedVersion('boot', undefined, sampleSnapshot(0), [{ event: 'n', data: '1' }]);
    const [a, b, c] = [recordingClient(), recordingClient(), recordingClient()];
    const offA = streams.subscribe('sort=votes', a, v1);
    streams.subscribe('sort=votes', b, v1);
    const offC = streams.subscribe('sort=name', c, v1);
    expect(renders).toBe(2);
    expect(a.written).toEqual(['event: regions\ndata: sort=votes:v1\n\n']);
    expect(c.written).toEqual(['event: regions\ndata: sort=name:v1\n\n']);

    data = 'v2';
    const v2 = new RenderedVersion('boot', v1, sampleSnapshot(0), [{ event: 'n', data: '2' }]);
    streams.publish(v2);
    expect(renders).toBe(4);
    expect(a.written[1]).toBe('event: regions\ndata: sort=votes:v2\n\n');
    expect(b.written[1]).toBe(a.written[1]);
    // a version that leaves the view as it was writes its readers nothing
    streams.publish(new RenderedVersion('boot', v2, sampleSnapshot(0), [{ event: 'n', data: '3' }]));
    expect(a.written).toHaveLength(2);

    offC();
    expect(streams.viewCount).toBe(1);
    offA();
    expect(streams.viewCount).toBe(1);
    streams.close();
    expect(b.closed).toBe(true);
    expect(streams.viewCount).toBe(0);
  });
});
