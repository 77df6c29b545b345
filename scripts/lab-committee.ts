/**
 * Study (e), issue #6 item 4: tree committee machine, K = 3 sign units, binary weights, storage. Success
 * probability of the least-action (CP+R-style) rule against α for two N, beside the RS capacity
 * α_c(K = 3) = 0.9206 (binary, entropy zero / frozen 1RSB; src/replica/committee.ts) and the K → ∞ value
 * 0.9470.
 *
 *     npx tsx scripts/lab-committee.ts
 */
import type { Row } from '../src/io/row.js';
import type { SimConfig } from '../src/teacher-student/runner.js';
import { base, run, start, write } from './lab-common.js';

const { elapsed } = start('lab-committee.ts');
const SAMPLES = Number(process.env.SAMPLES ?? 8);
const alphas = [0.3, 0.4, 0.5, 0.6, 0.7];
const ns = [201, 399];
const configs: SimConfig[] = ns.flatMap((n) =>
  alphas.map((alpha) => ({ model: 'committee', prior: 'binary', setting: 'storage', algorithm: 'least-action', n, k: 3, alpha, kappa: 0, maxSweeps: 2000, ...base }) as SimConfig),
);
const rows = await run(configs, SAMPLES, 5, 'committee');
write('committee', rows as Row[], ['k', 'n', 'alpha', 'samples', 'success_rate', 'success_rate_se', 'train_error', 'sweeps', 'seconds']);
console.log(`\nα_c(K=3) = 0.9206 (binary, RS entropy zero), α_c(K→∞) = 0.9470\n${elapsed()}`);
