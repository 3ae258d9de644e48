import { TALLY_TOPICS, type TallyKind, type TallyRowTypes } from '../../shared/election/tallyRows.ts';

// The latest tally rows, keyed by primary key, exactly as the compacted upsert-kafka topics hold
// them: a value upserts its key, a null value (tombstone) deletes it. Nothing here talks to Kafka.

export type ApplyOutcome = 'upserted' | 'deleted' | 'malformed';

export type TallyTables = { readonly [K in TallyKind]: ReadonlyMap<string, TallyRowTypes[K]> };

export class ResultsView {
  readonly #tables: { [K in TallyKind]: Map<string, TallyRowTypes[K]> } = {
    candidates: new Map(), parties: new Map(), regionCandidates: new Map(),
    turnout: new Map(), votesPerMinute: new Map(), rejected: new Map(),
  };
  #version = 0;
  #malformed = 0;

  /** Increases on every change, so renderers can tell whether anything moved. */
  get version(): number { return this.#version; }
  /** Messages that were skipped because their key or value did not parse or fit the contract. */
  get malformed(): number { return this.#malformed; }
  get tables(): TallyTables { return this.#tables; }

  apply(kind: TallyKind, key: string | null, value: string | null): ApplyOutcome {
    const outcome = this.#applyOne(kind, key, value);
    if (outcome === 'malformed') this.#malformed += 1;
    else this.#version += 1;
    return outcome;
  }

  #applyOne<K extends TallyKind>(kind: K, key: string | null, value: string | null): ApplyOutcome {
    const topic = TALLY_TOPICS[kind];
    const table = this.#tables[kind] as Map<string, TallyRowTypes[K]>;
    const keyId = key === null ? null : primaryKeyId(parseJson(key), topic.primaryKey);
    if (value === null) {
      if (keyId === null) return 'malformed';
      table.delete(keyId);
      return 'deleted';
    }
    const json = parseJson(value);
    const parsed = topic.schema.safeParse(json);
    if (!parsed.success) return 'malformed';
    const row = parsed.data;
    // Identity from the value as written: cleaning its text for the page must not change its key.
    const rowId = primaryKeyId(json, topic.primaryKey);
    // The key decides identity (it is what compaction and tombstones use); a key that disagrees
    // with its own value is a broken message, not something to guess about.
    if (rowId === null || (keyId !== null && keyId !== rowId) || (key !== null && keyId === null)) return 'malformed';
    table.set(rowId, row);
    return 'upserted';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A stable string for a row's primary key, or null when a column is missing or not a scalar. */
function primaryKeyId(source: unknown, columns: readonly string[]): string | null {
  if (typeof source !== 'object' || source === null) return null;
  const record = source as Record<string, unknown>;
  const parts: (string | number)[] = [];
  for (const column of columns) {
    const part = record[column];
    if (typeof part !== 'string' && typeof part !== 'number') return null;
    parts.push(part);
  }
  return JSON.stringify(parts);
}
