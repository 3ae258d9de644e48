import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the pipeline under faults (killed TaskManager, Kafka, Postgres, UI server,
// SQL Gateway, JobManager) on the `faults` environment's own stack. TALLY_FAULTS_SHORT=1 (CI) runs
// smaller elections and only the TaskManager and Kafka scenarios.
const short = process.env.TALLY_FAULTS_SHORT === '1';
// `env` below reaches the test workers; the globalSetup (test/setup/stack.ts) runs in this process.
process.env.TALLY_ENV = 'faults';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'faults',
          include: short ? ['test/faults/taskmanager-kill.test.ts', 'test/faults/kafka-restart.test.ts'] : ['test/faults/**/*.test.ts'],
          globalSetup: ['test/setup/stack.ts', 'test/faults/support/summary.ts'],
          env: { TALLY_ENV: 'faults' },
          testTimeout: 900_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
    ],
  },
});
