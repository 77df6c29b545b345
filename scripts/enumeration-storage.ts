/**
 * Issue #5 acceptance, enumeration part 1: binary storage, κ = 0, α = 0.5.
 *   npx tsx scripts/enumeration-storage.ts [--quick] [--jobs J]
 * writes out/enumeration/storage.json (+ storage.csv, one row per N) and prints:
 *  1. E[ln #solutions]/N (instances with ≥ 1 solution; the others counted) for N = 12 … 24 even, its 1/N
 *     extrapolation (weighted least squares, linear and quadratic in 1/N) against the RS entropy 0.314390;
 *  2. the exact distance profile around a uniformly random solution: mean number of solutions at Hamming
 *     distance k = 1, 2, 3, beside the total count (growing like e^{N s}) and the Franz-Parisi prediction
 *     e^{N S_FP(k/N)} (S_FP < 0 below d0 ≈ 7e-3: isolated typical solutions).
 */
import { franzParisiCurve, franzParisiSpec } from '../src/entropy/franz-parisi.js';
import { writeFileAtomic } from '../src/io/atomic.js';
import { binaryEntropy } from '../src/math/special.js';
import { serialize } from '../src/io/format.js';
import type { Row } from '../src/io/row.js';
import { perceptronModel } from '../src/replica/perceptron.js';
import { solvePoint } from '../src/replica/study.js';
import { enumerateStudy, fitInverseN, type EnumerationSummary } from '../src/teacher-student/enumeration.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jobs = Number(args[args.indexOf('--jobs') + 1] ?? 1) || 1;
const alpha = 0.5;
const seed = 2024;
const sizes = quick ? [12, 14, 16] : [12, 14, 16, 18, 20, 22, 24];
const samplesAt = (n: number) => (quick ? 200 : n <= 18 ? 4000 : n === 20 ? 3000 : n === 22 ? 2000 : 1000);
const t0 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);

const sRS = solvePoint(perceptronModel({ prior: 'binary', setting: 'storage', kappa: 0 }), alpha).phi;
log(`RS entropy at α = ${alpha}, κ = 0: ${sRS.toFixed(6)}`);

const summaries: EnumerationSummary[] = [];
for (const n of sizes) {
  const s = await enumerateStudy({ setting: 'storage', n, alpha, samples: samplesAt(n), seed, localEntropy: true, jobs });
  summaries.push(s);
  const d = s.distances!;
  log(
    `N = ${n} (P = ${s.p}, ${s.samples} instances, ${s.noSolution} without solution): E[ln #]/N = ${s.entropy.mean.toFixed(5)} ± ${s.entropy.se.toFixed(5)}, ` +
      `ln E[#]/N = ${s.annealedEntropy!.toFixed(5)}, E[#] = ${s.meanCount.mean.toFixed(1)}; around a random solution: ` +
      `N₁ = ${d[1]!.count.mean.toFixed(4)} ± ${d[1]!.count.se.toFixed(4)}, N₂ = ${d[2]!.count.mean.toFixed(4)} ± ${d[2]!.count.se.toFixed(4)}, N₃ = ${d[3]!.count.mean.toFixed(4)} ± ${d[3]!.count.se.toFixed(4)}; ` +
      `rate ${(s.configurationsPerSecond / 1e6).toFixed(1)}e6 configurations/s`,
  );
}

// 1. Extrapolation in 1/N.
const points = summaries.map((s) => ({ n: s.n, mean: s.entropy.mean, se: s.entropy.se }));
const linear = fitInverseN(points, 1);
const quadratic = fitInverseN(points, 2);
const tail = points.slice(-Math.min(4, points.length));
const largest = fitInverseN(tail, 1);
for (const [name, f] of [['linear, all N', linear], ['quadratic, all N', quadratic], [`linear, N ≥ ${tail[0]!.n}`, largest]] as const) {
  log(`1/N extrapolation (${name}): s(∞) = ${f.intercept.toFixed(5)} ± ${f.interceptSe.toFixed(5)} (scaled by √(χ²/dof): ± ${f.interceptSeScaled.toFixed(5)}), slope ${f.coefficients[1]!.toFixed(4)}, χ²/dof = ${f.chi2.toFixed(2)}/${f.dof}; |s(∞) − s_RS| = ${Math.abs(f.intercept - sRS).toFixed(5)}`);
}

// 2. Isolation: the Franz-Parisi curve at d = k/N.
const spec = franzParisiSpec({ prior: 'binary', alpha, kappa: 0 });
const nMax = sizes.at(-1)!;
const ds = [...new Set([...sizes.flatMap((n) => [1, 2, 3].map((k) => k / n)), ...Array.from({ length: nMax / 2 }, (_, k) => (k + 1) / nMax)])].sort((a, b) => a - b);
const fp = franzParisiCurve(spec, [...ds, 0.007, 0.003, 0.001].sort((a, b) => a - b)).points;
const sFP = (d: number) => fp.find((p) => Math.abs(p.d - d) < 1e-12)?.localEntropy ?? NaN;
log(`Franz-Parisi S(d) at α = 0.5: S(0.001) = ${sFP(0.001).toFixed(5)}, S(0.003) = ${sFP(0.003).toFixed(5)}, S(0.007) = ${sFP(0.007).toFixed(5)}`);
log(' N   E[#]        N₁ (d=1/N)        N₂             N₃             e^{N S_FP(1/N)} e^{N S_FP(2/N)} e^{N S_FP(3/N)}  P(N₁>0)  N₁/N   N₂/C(N,2)');
const rows: Row[] = [];
for (const s of summaries) {
  const d = s.distances!;
  const pred = [1, 2, 3].map((k) => Math.exp(s.n * sFP(k / s.n)));
  log(
    `${String(s.n).padStart(2)}  ${s.meanCount.mean.toExponential(3)}  ${[1, 2, 3].map((k) => `${d[k]!.count.mean.toFixed(3)} ± ${d[k]!.count.se.toFixed(3)}`).join('  ')}  ${pred.map((x) => x.toFixed(3).padStart(8)).join('        ')}  ${d[1]!.nonzero.toFixed(3)}  ${(d[1]!.count.mean / s.n).toFixed(4)}  ${(d[2]!.count.mean / ((s.n * (s.n - 1)) / 2)).toFixed(4)}`,
  );
  rows.push({
    setting: 'storage',
    prior: 'binary',
    alpha,
    kappa: 0,
    n: s.n,
    p: s.p,
    samples: s.samples,
    seed,
    no_solution: s.noSolution,
    entropy: s.entropy.mean,
    entropy_se: s.entropy.se,
    annealed_entropy: s.annealedEntropy,
    mean_count: s.meanCount.mean,
    mean_count_se: s.meanCount.se,
    ...Object.fromEntries([1, 2, 3].flatMap((k) => [[`n_dist_${k}`, d[k]!.count.mean], [`n_dist_${k}_se`, d[k]!.count.se], [`nonzero_dist_${k}`, d[k]!.nonzero], [`fp_count_${k}`, pred[k - 1]!]])),
    configurations_per_second: s.configurationsPerSecond,
  });
}
// The whole exact profile at the largest N: ln(mean N_k)/N against S_FP(k/N) and the free value H₂(k/N).
{
  const s = summaries.at(-1)!;
  log(`exact profile around a random solution at N = ${s.n}: k, d, mean N_k, ln(mean N_k)/N, S_FP(d), H₂(d)`);
  for (let k = 1; k <= s.n / 2; k++) {
    const d = s.distances![k]!;
    log(`  ${String(k).padStart(2)}  ${(k / s.n).toFixed(4)}  ${d.count.mean.toFixed(2).padStart(8)} ± ${d.count.se.toFixed(2).padEnd(6)}  ${(d.entropy ?? NaN).toFixed(4)}  ${sFP(k / s.n).toFixed(4)}  ${binaryEntropy(k / s.n).toFixed(4)}`);
  }
}
writeFileAtomic(`out/enumeration/storage${quick ? '-quick' : ''}.csv`, serialize(rows, 'csv'));
writeFileAtomic(`out/enumeration/storage${quick ? '-quick' : ''}.json`, JSON.stringify({ alpha, kappa: 0, seed, sRS, summaries, fits: { linear, quadratic, largest }, franzParisi: fp.map((p) => ({ d: p.d, S: p.localEntropy })) }, null, 1));
log(`wrote out/enumeration/storage${quick ? '-quick' : ''}.json and .csv`);
