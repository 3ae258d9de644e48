import type { PipelineHealth, ReaderStatus } from '../live/liveTypes.ts';
import { formatClock, formatCount } from './displayFormat.ts';
import { html, type Html } from './html.ts';

const HEALTHY = new Set(['RUNNING', 'FINISHED']);

function checkpoint(value: number | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? `last checkpoint ${formatClock(value)}` : `last checkpoint ${value}`;
}

/** The Flink jobs' state (from the orchestrator) and this page's own topic reader. */
export function renderHealthPanel(health: PipelineHealth | null, reader: ReaderStatus): Html {
  const readerState = !reader.connected ? 'not connected to Kafka' : reader.caughtUp ? 'live' : 'catching up';
  const readerLine = html`<li class="${reader.connected && reader.caughtUp ? 'ok' : 'failed'}"><strong>Page</strong> tally reader ${readerState}${reader.malformedMessages > 0 ? html`<span class="detail">${formatCount(reader.malformedMessages)} malformed messages skipped</span>` : ''}</li>`;
  const jobs = health === null
    ? html`<li class="unknown">Pipeline health: not available</li>`
    : health.jobs.length === 0
      ? html`<li class="failed">No Flink jobs are running</li>`
      : health.jobs.map((j) => html`<li class="${HEALTHY.has(j.status.toUpperCase()) ? 'ok' : 'failed'}"><strong>${j.status}</strong> ${j.name}<span class="detail">${checkpoint(j.lastCheckpoint)}</span></li>`);
  return html`<ul class="status-list">${readerLine}${jobs}</ul>`;
}
