import { ScreenDelay } from './screenDelay.ts';
import type { KafkaSettings, PostgresSettings } from '../../shared/config/settings.ts';
import { createKafka } from '../../shared/kafka/client.ts';
import { createPool } from '../../shared/postgres/connection.ts';
import { OperationsPoller } from './operationsPoller.ts';
import { PollingDayPoller } from './pollingDayPoller.ts';
import { RegistryPoller } from './registryPoller.ts';
import { buildResultsSnapshot, type ResultsSnapshot } from './resultsSnapshot.ts';
import type { ResultsSource } from './resultsSource.ts';
import { ResultsView } from './resultsView.ts';
import { TallyReader } from './tallyReader.ts';
import type { OperationsProviders, ReaderStatus, RegisteredCandidate } from './liveTypes.ts';

// Wires the live side together: the tally reader fills a ResultsView, the pollers read the
// register and the orchestrator's status, and every change is announced to the listeners.

export class LiveResults implements ResultsSource {
  readonly #view = new ResultsView();
  readonly #delay = new ScreenDelay();
  readonly #listeners = new Set<() => void>();
  readonly #reader: TallyReader;
  readonly #registry: RegistryPoller;
  readonly #operations: OperationsPoller;
  readonly #polls: PollingDayPoller;
  readonly #pool;

  constructor(settings: { kafka: KafkaSettings; postgres: PostgresSettings }, providers: OperationsProviders = {}) {
    const changed = (): void => { for (const listener of this.#listeners) listener(); };
    this.#reader = new TallyReader({ kafka: settings.kafka, view: this.#view, onChange: changed });
    this.#pool = createPool(settings.postgres, 2);
    // An idle client losing its server (Postgres restarting) must not crash the page.
    this.#pool.on('error', () => undefined);
    this.#registry = new RegistryPoller({ pool: this.#pool, onChange: changed });
    this.#operations = new OperationsPoller({ ...providers, onChange: changed });
    this.#polls = new PollingDayPoller({ pool: this.#pool, admin: createKafka(settings.kafka, 'ui-polls').admin(), votesTopic: settings.kafka.topics.votes, onChange: changed });
  }

  start(): void {
    this.#reader.start();
    this.#registry.start();
    this.#operations.start();
    this.#polls.start();
  }

  async stop(): Promise<void> {
    this.#registry.stop();
    this.#operations.stop();
    await this.#polls.stop();
    await this.#reader.stop();
    await this.#pool.end().catch(() => undefined);
  }

  snapshot(now: number): ResultsSnapshot {
    return buildResultsSnapshot({
      tables: this.#view.tables,
      registry: this.#registry.figures,
      operations: this.#operations.status,
      reader: this.readerStatus(),
      now,
      delay: this.#delay,
      polls: this.#polls.status,
    });
  }

  readerStatus(): ReaderStatus {
    return this.#reader.status();
  }

  findCandidate(candidateId: string): (RegisteredCandidate & { color: string }) | undefined {
    const snapshot = this.snapshot(Date.now());
    const counted = snapshot.candidates.find((c) => c.candidate_id === candidateId);
    if (counted) return { candidate_id: counted.candidate_id, name: counted.name, party_id: counted.party_id, color: counted.color };
    const registered = this.#registry.figures.candidateList.find((c) => c.candidate_id === candidateId);
    if (!registered) return undefined;
    const color = this.#registry.figures.parties.find((p) => p.party_id === registered.party_id)?.color ?? '';
    return { ...registered, color };
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
