// What the fan-out clients saw, summarised per update: each client records the updates it
// received in order (the newest cast_at each headline showed, and when it arrived). Clients run in
// several processes: each summarises its own against the list of every update any of them saw,
// and the parent merges the summaries.

export interface UpdateReceipt {
  lastCastAt: number;
  /** When the first client received this update (0: no client of this summary received exactly it). */
  firstAt: number;
  /** Clients that received this update or a newer one. */
  clients: number;
  /** When the last of them did (each client's first receipt of this update or a newer one). */
  lastAt: number;
}

/** Every distinct update the clients received, oldest first. */
export function updatesSeen(receipts: [number, number][][]): number[] {
  const seen = new Set<number>();
  for (const client of receipts) for (const [castAt] of client) seen.add(castAt);
  return [...seen].sort((a, b) => a - b);
}

/**
 * Per update: first receipt of exactly it, and when every client had it or a newer one.
 * @param receipts - per client, [cast_at, received at] in order of rising cast_at
 * @param updates - the updates to summarise, ascending (default: those in `receipts`)
 */
export function summarize(receipts: [number, number][][], updates: number[] = updatesSeen(receipts)): UpdateReceipt[] {
  const reached = updates.map((castAt) => ({ lastCastAt: castAt, firstAt: 0, clients: 0, lastAt: 0 }));
  const index = new Map(updates.map((castAt, u) => [castAt, u]));
  for (const client of receipts) {
    for (const [castAt, at] of client) {
      const u = index.get(castAt);
      if (u !== undefined && (reached[u]!.firstAt === 0 || at < reached[u]!.firstAt)) reached[u]!.firstAt = at;
    }
    // Receipts are in order with rising cast_at: walk both lists once.
    let r = 0;
    for (let u = 0; u < updates.length; u++) {
      while (r < client.length && client[r]![0] < updates[u]!) r++;
      if (r >= client.length) break;
      reached[u]!.clients++;
      reached[u]!.lastAt = Math.max(reached[u]!.lastAt, client[r]![1]);
    }
  }
  return reached;
}

/** Summaries of the same updates (in the same order) from several processes, as one. */
export function mergeReceipts(parts: UpdateReceipt[][]): UpdateReceipt[] {
  const [first, ...rest] = parts;
  if (!first) return [];
  return first.map((update, u) => rest.reduce((sum, part) => {
    const other = part[u]!;
    const firstAt = [sum.firstAt, other.firstAt].filter((t) => t > 0);
    return { lastCastAt: sum.lastCastAt, firstAt: firstAt.length ? Math.min(...firstAt) : 0, clients: sum.clients + other.clients, lastAt: Math.max(sum.lastAt, other.lastAt) };
  }, update));
}
