import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../shared/config/load.ts';
import type { ResultsSnapshot } from '../ui/live/resultsSnapshot.ts';
import { resultsPageSettings, startUiServer, type UiServer } from '../ui/index.ts';
import { postgresSettings } from '../shared/config/settings.ts';
import { createPool } from '../shared/postgres/connection.ts';
import { applySchema } from '../orchestrator/election/schema.ts';
import { eventually, TallyTopicWriter, uniqueTallyConfig } from './e2e/support/tallyTopics.ts';

// The results page against the real Kafka and Postgres of the dev stack: rows produced to tally
// topics (unique names per run) reach /api/results and the SSE stream; tombstones delete; a
// restarted server rebuilds the whole state from the compacted topics.

const NOW = Date.now();
const row = (id: string, name: string, votes: number) => ({
  candidate_id: id, candidate_name: name, party_id: 'UIT', party_name: 'UI Test Party', photo_url: `/photos/${id}.svg`, votes, last_cast_at: NOW,
});

async function results(server: UiServer): Promise<ResultsSnapshot> {
  const res = await fetch(new URL('/api/results', server.url));
  return (await res.json()) as ResultsSnapshot;
}

async function readSseUntil(url: string, wanted: string): Promise<string> {
  const controller = new AbortController();
  const res = await fetch(new URL('/events', url), { signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!text.includes(wanted)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    controller.abort();
  }
  return text;
}

describe('the results page on real tally topics', () => {
  let config: LoadedConfig;
  let writer: TallyTopicWriter;
  let server: UiServer;

  beforeAll(async () => {
    config = uniqueTallyConfig('uitest');
    // The register's tables, as registration makes them: this file may run on a stack nothing has
    // registered an election on yet, and the page reads its counts from them.
    const pool = createPool(postgresSettings(config), 1);
    await applySchema(pool).finally(() => pool.end());
    writer = await TallyTopicWriter.open(config);
    await writer.candidate(row('uit-a', 'Ada Uitest', 10));
    await writer.candidate(row('uit-b', 'Bob Uitest', 7));
    await writer.party({ party_id: 'UIT', party_name: 'UI Test Party', color: '#123456', votes: 17, last_cast_at: NOW });
    server = await startUiServer(resultsPageSettings(config), { port: 0 });
  });

  afterAll(async () => {
    await server?.close();
    await writer?.close();
  });

  it('shows rows that were on the topics before the server started', async () => {
    const view = await eventually(async () => {
      const r = await results(server);
      return r.candidates.length === 2 ? r : undefined;
    });
    expect(view.leader?.candidate.name).toBe('Ada Uitest');
    expect(view.leader?.marginOverSecond).toBe(3);
    expect(view.parties[0]).toMatchObject({ party_id: 'UIT', color: '#123456', votes: 17 });
  });

  it('reports healthy once the reader is connected and caught up', async () => {
    const status = await eventually(async () => {
      const res = await fetch(new URL('/healthz', server.url));
      return res.status === 200 ? res.status : undefined;
    });
    expect(status).toBe(200);
  });

  it('reads the register counts from Postgres', async () => {
    const view = await eventually(async () => {
      const r = await results(server);
      return r.headline.registryRefreshedAt !== null ? r : undefined;
    });
    expect(view.headline.registeredVoters).toBeGreaterThanOrEqual(0);
    expect(view.headline.registryStale).toBe(false);
  });

  it('pushes a new tally row to connected browsers over SSE', async () => {
    const streamed = readSseUntil(server.url, 'Cleo Uitest');
    await writer.candidate(row('uit-c', 'Cleo Uitest', 25));
    const text = await streamed;
    expect(text).toMatch(/event: leader\ndata: [\s\S]*Cleo Uitest/);
  });

  it('removes a candidate when its key is tombstoned', async () => {
    await writer.deleteCandidate('uit-b');
    const view = await eventually(async () => {
      const r = await results(server);
      return r.candidates.some((c) => c.candidate_id === 'uit-b') ? undefined : r;
    });
    expect(view.candidates.map((c) => c.candidate_id).sort()).toEqual(['uit-a', 'uit-c']);
  });

  it('counts and skips a malformed message without losing the state', async () => {
    await writer.raw(config.env.kafka.topics.tallyByCandidate, { candidate_id: 'uit-x' }, '{"this is": not json');
    const view = await eventually(async () => {
      const r = await results(server);
      return r.reader.malformedMessages >= 1 ? r : undefined;
    });
    expect(view.candidates).toHaveLength(2);
  });

  it('writes a formula-looking candidate name into the CSV so no spreadsheet evaluates it, in , or ; locales', async () => {
    await writer.candidate(row('uit-f', 'Ann Lee;=1+1', 1));
    const csv = await eventually(async () => {
      const res = await fetch(new URL('/api/results.csv?kind=candidates', server.url));
      const text = await res.text();
      return res.status === 200 && text.includes('Ann Lee') ? text : undefined;
    }, 300);
    const line = csv.split(/\r?\n/).find((l) => l.includes('Ann Lee'))!;
    // Split the way a spreadsheet in either locale would: no field may start with = + - @.
    for (const separator of [',', ';']) {
      for (const field of line.split(separator)) expect(field.replace(/^[\s"]+/, '')).not.toMatch(/^[=+\-@]/);
    }
    await writer.deleteCandidate('uit-f');
    await eventually(async () => ((await results(server)).candidates.some((c) => c.candidate_id === 'uit-f') ? undefined : true));
  });

  it('shows the full state at once after a restart', async () => {
    await server.close();
    server = await startUiServer(resultsPageSettings(config), { port: 0 });
    await eventually(async () => ((await fetch(new URL('/healthz', server.url))).status === 200 ? true : undefined));
    const view = await results(server);
    expect(view.candidates.map((c) => [c.candidate_id, c.votes])).toEqual([['uit-c', 25], ['uit-a', 10]]);
    const text = await readSseUntil(server.url, 'event: regions');
    expect(text).toContain('Cleo Uitest');
  });
});
