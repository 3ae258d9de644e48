import { loadConfig } from '../../shared/config/load.ts';
import { stackDown, stackStatus, stackUp } from '../../orchestrator/stack/stack.ts';

// Integration tests run against the real local stack (Kafka, Flink, SQL Gateway, Postgres). It is
// brought up once per run; if this run started it, it is taken down after (unless
// TALLY_KEEP_STACK=1, handy while iterating on a test).
export default async function setup(): Promise<() => Promise<void>> {
  const config = loadConfig({ environment: process.env.TALLY_ENV ?? 'test' });
  const before = await stackStatus(config);
  const wasUp = before.every((s) => s.healthy && s.pid !== null);
  const started = Date.now();
  await stackUp(config, (line) => process.stderr.write(`[stack] ${line}\n`));
  if (!wasUp) process.stderr.write(`[stack] up in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  return async () => {
    if (!wasUp && process.env.TALLY_KEEP_STACK !== '1') await stackDown(config);
  };
}
