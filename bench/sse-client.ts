// A minimal SSE client on plain `fetch`: parses `event:` / `data:` blocks from the stream and
// stamps each event with the time it was read, which is what vote-to-screen is measured against.

export interface ReceivedEvent {
  event: string;
  data: string;
  receivedAt: number;
}

export interface SseConnection {
  /** Resolves when the stream ends (closed by either side). */
  done: Promise<void>;
  close(): void;
}

export function connectSse(url: string, onEvent: (event: ReceivedEvent) => void): SseConnection {
  const abort = new AbortController();
  const done = (async () => {
    const response = await fetch(url, { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
    if (!response.ok || !response.body) throw new Error(`GET ${url} answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      const receivedAt = Date.now();
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const parsed = parseBlock(block);
        if (parsed) onEvent({ ...parsed, receivedAt });
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
  return { done, close: () => abort.abort() };
}

export function parseBlock(block: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

/** The newest cast_at the headline event shows (see ui/views/headlinePanel.ts), or null. */
export function lastCastAtOf(headlineHtml: string): number | null {
  const match = /data-last-cast-at="(\d+)"/.exec(headlineHtml);
  return match ? Number(match[1]) : null;
}

/** The vote-to-screen delay the server computed when it rendered the headline, in ms, or null. */
export function serverDelayOf(headlineHtml: string): number | null {
  const match = /id="fig-delay">([\d.]+) (ms|s|min)</.exec(headlineHtml);
  if (!match) return null;
  const unit = match[2] === 'ms' ? 1 : match[2] === 's' ? 1000 : 60_000;
  return Number(match[1]) * unit;
}
