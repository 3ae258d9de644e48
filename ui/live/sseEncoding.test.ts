import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflatePush, GZIP_STREAM_HEADER, sseEncodingFor, storedBlock, SYNC_FLUSH_MARKER } from './sseEncoding.ts';

/** Feeds `pieces` to a streaming gunzip one by one; resolves with what each piece decoded to at once. */
async function decodeEach(pieces: Buffer[]): Promise<string[]> {
  const gunzip = createGunzip();
  const decoded: string[] = [];
  for (const piece of pieces) {
    const text = await new Promise<string>((resolve) => {
      let out = '';
      const onData = (chunk: Buffer): void => { out += chunk.toString('utf8'); };
      gunzip.on('data', onData);
      gunzip.write(piece, () => setImmediate(() => { gunzip.off('data', onData); resolve(out); }));
    });
    decoded.push(text);
  }
  gunzip.destroy();
  return decoded;
}

describe('gzip SSE streams', () => {
  it('decodes each push as soon as it arrives, whatever came before it on the stream', async () => {
    const a = deflatePush(Buffer.from('event: a\ndata: one\n\n'));
    const b = deflatePush(Buffer.from('event: b\ndata: two\n\n'));
    const pieces = [GZIP_STREAM_HEADER, storedBlock(Buffer.from('retry: 1500\n\n')), b, a, b];
    expect(await decodeEach(pieces)).toEqual(['', 'retry: 1500\n\n', 'event: b\ndata: two\n\n', 'event: a\ndata: one\n\n', 'event: b\ndata: two\n\n']);
  });

  it('ends every push with the sync-flush marker and compresses repetitive HTML several times over', () => {
    const html = Buffer.from(`event: map\ndata: ${'<g class="tile"><rect x="1" y="2"/></g>'.repeat(200)}\n\n`);
    const push = deflatePush(html);
    expect(push.subarray(-4)).toEqual(SYNC_FLUSH_MARKER);
    expect(push.length * 5).toBeLessThan(html.length);
    expect(deflatePush(Buffer.alloc(0))).toHaveLength(0);
    expect(() => storedBlock(Buffer.alloc(70_000))).toThrow(RangeError);
  });

  it('gives gzip to a client that accepts it, identity to one that refuses or says nothing', () => {
    expect(sseEncodingFor('gzip, deflate, br')).toBe('gzip');
    expect(sseEncodingFor('br;q=1.0, gzip;q=0.8')).toBe('gzip');
    expect(sseEncodingFor('*')).toBe('gzip');
    expect(sseEncodingFor('gzip;q=0, *')).toBe('identity');
    expect(sseEncodingFor('br')).toBe('identity');
    expect(sseEncodingFor(undefined)).toBe('identity');
  });
});
