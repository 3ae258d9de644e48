import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic, beside the code, no services) and `integration` (test/, against
// the real local stack, which test/setup/stack.ts brings up once per run and takes down after).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['eslint.config.test.ts', 'shared/**/*.test.ts', 'orchestrator/**/*.test.ts', 'ui/**/*.test.ts', 'bench/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/faults/**'],
          globalSetup: ['test/setup/stack.ts'],
          // The `test` environment of tally.yaml: its own stack, ports and data folder.
          env: { TALLY_ENV: 'test' },
          testTimeout: 240_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
    ],
  },
});
