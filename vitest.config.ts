import { defineConfig } from 'vitest/config';

// The JSON report is what .ci/run reads to print the runner's own pass/fail counts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    // A hang guard, not a speed limit (speed lives in bench/): the heaviest physics tests take ~20 s on an idle
    // 2-core machine and several times that when the machine is shared.
    testTimeout: 240_000,
    pool: 'forks',
  },
});
