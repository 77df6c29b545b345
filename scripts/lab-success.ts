/**
 * Study (a), issue #5: success probability of the binary-perceptron algorithms (cpr, sbpi, sa, fbp) against
 * α at κ = 0, storage, for several N, beside α_KM = 0.833 (entropy zero) and the local-entropy
 * (accessibility) transition α_LE ≈ 0.755-0.78 (large deviations; REFERENCE.md §4). Also the crossing
 * α_50(N) where the success rate passes ½ (linear interpolation between grid points).
 *
 *     npx tsx scripts/lab-success.ts          (JOBS=2 by default; ~10 min CPU)
 */
import type { Row } from '../src/io/row.js';
import type { AlgorithmName } from '../src/teacher-student/algorithms.js';
import type { SimConfig } from '../src/teacher-student/runner.js';
import { base, run, start, write } from './lab-common.js';

const { elapsed } = start('lab-success.ts');
const SAMPLES = Number(process.env.SAMPLES ?? 8);
const alphas = [0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
const plan: [AlgorithmName, number[], number][] = [
  ['cpr', [201, 401, 801], 2000],
  ['sbpi', [201, 401, 801], 2000],
  ['sa', [201, 401], 2000],
  ['fbp', [201, 401], 250],
];
const configs: SimConfig[] = plan.flatMap(([algorithm, ns, maxSweeps]) =>
  ns.flatMap((n) => alphas.map((alpha) => ({ model: 'perceptron', prior: 'binary', setting: 'storage', algorithm, n, alpha, kappa: 0, maxSweeps, ...base }) as SimConfig)),
);
const rows = await run(configs, SAMPLES, 2026, 'success');

/** α where the success rate crosses ½ (linear interpolation), or a bound when it never does on the grid. */
function crossing(points: Row[]): string {
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    const [sa, sb] = [a.success_rate as number, b.success_rate as number];
    if (sa >= 0.5 && sb < 0.5) return ((a.alpha as number) + ((sa - 0.5) / (sa - sb)) * ((b.alpha as number) - (a.alpha as number))).toFixed(3);
  }
  const first = points[0]!.success_rate as number;
  return first < 0.5 ? `< ${points[0]!.alpha}` : `> ${points[points.length - 1]!.alpha}`;
}
const summary: Row[] = [];
for (const [algorithm, ns] of plan) {
  for (const n of ns) {
    const pts = rows.filter((r) => r.algorithm === algorithm && r.n === n);
    summary.push({ algorithm, n, samples: SAMPLES, alpha_50: crossing(pts), alpha_km: 0.8330786, alpha_le: '0.755 (this repo, LD) / 0.77-0.78 (lit)' });
  }
}
write('success', rows, ['algorithm', 'n', 'alpha', 'samples', 'success_rate', 'success_rate_se', 'train_error', 'sweeps', 'seconds']);
write('success-summary', summary, ['algorithm', 'n', 'samples', 'alpha_50', 'alpha_km', 'alpha_le']);
console.log(`\n${elapsed()}`);
