import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of eslint.config.js, proven on snippets linted as if they were files of the tree.

const eslint = new ESLint({ cwd: import.meta.dirname });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the lint rule that keeps the layers', () => {
  it('fails when the page imports the CLI', async () => {
    expect(await ruleIdsFor('ui/live/snippet.ts', "export { configFor } from '../../orchestrator/context.ts';\n"))
      .toContain('import-x/no-restricted-paths');
  });

  it('fails when the page imports the benchmarks', async () => {
    expect(await ruleIdsFor('ui/snippet.ts', "export { BenchError } from '../bench/errors.ts';\n"))
      .toContain('import-x/no-restricted-paths');
  });

  it('fails when the shared layer imports the page or the CLI', async () => {
    expect(await ruleIdsFor('shared/snippet.ts', "export { startUiServer } from '../ui/server.ts';\n"))
      .toContain('import-x/no-restricted-paths');
    expect(await ruleIdsFor('shared/kafka/snippet.ts', "export { stackUp } from '../../orchestrator/stack/stack.ts';\n"))
      .toContain('import-x/no-restricted-paths');
  });

  it('fails when the CLI reaches past the page\'s public entry, and passes through it', async () => {
    expect(await ruleIdsFor('orchestrator/commands/snippet.ts', "export { startUiServer } from '../../ui/server.ts';\n"))
      .toContain('import-x/no-restricted-paths');
    expect(await ruleIdsFor('orchestrator/commands/snippet.ts', "export { startUiServer } from '../../ui/index.ts';\n"))
      .toEqual([]);
  });

  it('lets the page and the CLI import the shared layer, and tests and benchmarks import anything', async () => {
    expect(await ruleIdsFor('ui/snippet.ts', "export { createKafka } from '../shared/kafka/client.ts';\n")).toEqual([]);
    expect(await ruleIdsFor('orchestrator/snippet.ts', "export { createPool } from '../shared/postgres/connection.ts';\n")).toEqual([]);
    expect(await ruleIdsFor('test/snippet.ts', "export { LiveResults } from '../ui/live/liveResults.ts';\nexport { stackUp } from '../orchestrator/stack/stack.ts';\n")).toEqual([]);
    expect(await ruleIdsFor('bench/snippet.ts', "export { TallyReader } from '../ui/live/tallyReader.ts';\n")).toEqual([]);
  });

  it('fails on an import cycle', async () => {
    // gateway/session.ts imports statements.ts; statements.ts importing session.ts back closes a
    // cycle. (The rule skips type-only imports; `npx madge --circular` sees those too.)
    expect(await ruleIdsFor('orchestrator/gateway/statements.ts', "export { GatewaySession } from './session.ts';\n"))
      .toContain('import-x/no-cycle');
  });
});
