/** Foundation benchmarks: special functions, quadrature, one RS solve, a 200-point sweep, a capacity. */
import { adaptiveGaussian, hermite } from '../src/math/gauss.js';
import { buildHermiteRule } from '../src/math/hermite.js';
import { GoverH, H, log2cosh, logH } from '../src/math/special.js';
import { perceptronModel } from '../src/replica/perceptron.js';
import { solvePoint, sphericalStorageCapacity, sweep } from '../src/replica/study.js';
import { grid } from '../src/saddle/index.js';
import type { BenchCase } from './harness.js';

const N = 1_000_000;
const xs = Float64Array.from({ length: N }, (_, i) => -40 + (80 * i) / N);
const evals = (f: (x: number) => number) => () => {
  let s = 0;
  for (let i = 0; i < N; i++) s += f(xs[i]!);
  return s;
};

const spherical = perceptronModel({ prior: 'spherical', setting: 'storage', kappa: 0 });
const binary = perceptronModel({ prior: 'binary', setting: 'storage', kappa: 0 });
const integrand = (z: number) => logH(-0.8 * z / 0.6);

export const benchmarks: BenchCase[] = [
  { name: 'logH on [−40, 40]', ops: N, unit: 'evals', fn: evals(logH) },
  { name: 'H on [−40, 40]', ops: N, unit: 'evals', fn: evals(H) },
  { name: 'GoverH on [−40, 40]', ops: N, unit: 'evals', fn: evals(GoverH) },
  { name: 'log2cosh on [−40, 40]', ops: N, unit: 'evals', fn: evals(log2cosh) },
  { name: 'Gauss-Hermite rule n=301 (Golub-Welsch + Newton, uncached)', fn: () => buildHermiteRule(301), maxRuns: 50 },
  { name: '∫Dz ln H: Gauss-Hermite n=201', ops: 1, unit: 'integrals', fn: () => hermite(201).mean(integrand) },
  { name: '∫Dz ln H: adaptive Gauss-Kronrod', ops: 1, unit: 'integrals', fn: () => adaptiveGaussian().mean(integrand, { breakpoints: [0], widths: [0.75] }) },
  { name: 'RS solve, spherical storage κ=0, α=1 (cold start)', fn: () => solvePoint(spherical, 1) },
  { name: 'RS solve, binary storage κ=0, α=0.5 (cold start)', fn: () => solvePoint(binary, 0.5) },
  { name: 'sweep 200 points, spherical storage κ=0, α ∈ [0.01, 1.99]', fn: () => sweep(spherical, grid(0.01, 1.99, 0.00995)), maxRuns: 5 },
  { name: 'sweep 200 points, binary storage κ=0, α ∈ [0.005, 0.995]', fn: () => sweep(binary, grid(0.005, 0.995, 0.004975)), maxRuns: 5 },
  { name: 'spherical capacity κ=0.5 (closed form + q → 1 branch)', fn: () => sphericalStorageCapacity(perceptronModel({ prior: 'spherical', setting: 'storage', kappa: 0.5 })), maxRuns: 20 },
];
