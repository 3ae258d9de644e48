import type { OperationsProviders, OperationsStatus } from './liveTypes.ts';

// Asks the orchestrator's providers for pipeline health and data-quality checks every few seconds.
// A provider that is missing, fails or returns null shows as "not available" on the page.

export interface OperationsPollerOptions extends OperationsProviders {
  intervalMs?: number;
  onChange: () => void;
}

export class OperationsPoller {
  readonly #options: OperationsPollerOptions;
  #status: OperationsStatus = { health: null, quality: null };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(options: OperationsPollerOptions) {
    this.#options = options;
  }

  get status(): OperationsStatus {
    return this.#status;
  }

  start(): void {
    if (!this.#options.getHealth && !this.#options.getChecks) return;
    void this.#poll();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  async #poll(): Promise<void> {
    const [health, quality] = await Promise.all([
      this.#options.getHealth?.().catch(() => null) ?? null,
      this.#options.getChecks?.().catch(() => null) ?? null,
    ]);
    const next: OperationsStatus = { health, quality };
    if (JSON.stringify(next) !== JSON.stringify(this.#status)) {
      this.#status = next;
      this.#options.onChange();
    }
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#poll(), this.#options.intervalMs ?? 5_000);
  }
}
