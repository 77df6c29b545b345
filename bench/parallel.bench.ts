/**
 * --jobs speed-up on 200-point grids, run as the user runs them (node dist/cli/main.js: worker start-up and
 * each thread's JIT warm-up included) with 1 and 2 worker threads. Needs `npm run build` (npm ci does it).
 * The rows do not depend on --jobs (test/cli/grid.test.ts).
 *  - capacity: α_KM(κ) of the binary perceptron at 200 independent margins (~0.07 s of work per point);
 *  - sweep: the binary perceptron learning a binary teacher, 10 κ chains × 20 α (cheap points, so start-up
 *    and warm-up weigh more; a chain stays on one worker, so the longest chain bounds the speed-up).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'gardner-bench-'));
const GRIDS: Record<string, string[]> = {
  'capacity, binary, 200 κ': ['capacity', '--prior', 'binary', '--kappa', '-1:0.99:0.01', '--quiet'],
  'sweep, teacher-student, 10 κ chains × 20 α': ['sweep', '--setting', 'teacher-student', '--prior', 'binary', '--alpha', '0.1:2:0.1', '--kappa', '-0.45:0.45:0.1', '--quiet'],
};

const run = (args: string[], jobs: number) => () =>
  execFileSync(process.execPath, [join(root, 'dist/cli/main.js'), ...args, '--jobs', String(jobs), '--out', join(dir, `j${jobs}.csv`)], { stdio: 'ignore' });

export const benchmarks: BenchCase[] = Object.entries(GRIDS).flatMap(([name, args]) =>
  [1, 2].map((jobs) => ({ name: `${name}, --jobs ${jobs}`, ops: 200, unit: 'grid points', fn: run(args, jobs), minTime: 0, maxRuns: 3 })),
);
