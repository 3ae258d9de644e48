// What the fan-out clients saw, summarised per update: each client records the updates it
// received in order (the newest cast_at each headline showed, and when it arrived).

export interface UpdateReceipt {
  lastCastAt: number;
  /** When the first client received this update. */
  firstAt: number;
  /** Clients that received this update or a newer one. */
  clients: number;
  /** When the last of them did (each client's first receipt of this update or a newer one). */
  lastAt: number;
}

/** Per distinct update: first receipt anywhere, and when every client had it or a newer one. */
export function summarize(receipts: [number, number][][]): UpdateReceipt[] {
  const firstAt = new Map<number, number>();
  for (const client of receipts) for (const [castAt, at] of client) firstAt.set(castAt, Math.min(at, firstAt.get(castAt) ?? at));
  const updates = [...firstAt.keys()].sort((a, b) => a - b);
  const reached = updates.map(() => ({ clients: 0, lastAt: 0 }));
  for (const client of receipts) {
    // Receipts are in order with rising cast_at: walk both lists once.
    let r = 0;
    for (let u = 0; u < updates.length; u++) {
      while (r < client.length && client[r]![0] < updates[u]!) r++;
      if (r >= client.length) break;
      reached[u]!.clients++;
      reached[u]!.lastAt = Math.max(reached[u]!.lastAt, client[r]![1]);
    }
  }
  return updates.map((castAt, u) => ({ lastCastAt: castAt, firstAt: firstAt.get(castAt) ?? 0, clients: reached[u]!.clients, lastAt: reached[u]!.lastAt }));
}

