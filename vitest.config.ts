import { defineConfig } from 'vitest/config';

// The JSON report is what .ci/run reads to print the runner's own pass/fail counts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    testTimeout: 60_000,
    pool: 'forks',
  },
});
