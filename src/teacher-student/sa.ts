/**
 * Simulated annealing on the number of training errors E(w) = #{μ : y_μ w·x_μ/√N ≤ κ} of a binary
 * perceptron: Metropolis single-weight flips at inverse temperature β, accept with min(1, e^{−βΔE}).
 * The fields Δ_μ = w·x_μ are kept and updated incrementally (a flip of w_i moves every Δ_μ by −2 w_i x_μi,
 * O(P) per proposal with the patterns stored column-major). β grows geometrically from β0 to β1 over the
 * sweep budget. Defaults tuned here: β0 = 1, β1 = 20 (docs/simulations.md). Time unit: MC sweeps
 * (N proposals); stops as soon as E = 0.
 */
import { createRng } from '../math/rng.js';
import type { Dataset } from './data.js';
import { param, type TrainOptions, type TrainResult } from './train.js';

/** Column-major labelled patterns: c[i·P + μ] = y_μ x_μi (the column of weight i). */
export function signedColumns(data: Dataset): Float64Array {
  const { n, p, x, y } = data;
  const c = new Float64Array(n * p);
  for (let mu = 0; mu < p; mu++) for (let i = 0; i < n; i++) c[i * p + mu] = y[mu]! * x[mu * n + i]!;
  return c;
}

export function sa(data: Dataset, opts: TrainOptions): TrainResult {
  const { n, p, x, y } = data;
  const rng = createRng(opts.seed);
  const beta0 = param(opts, 'beta0', 1);
  const beta1 = param(opts, 'beta1', 20);
  const threshold = opts.kappa * Math.sqrt(n);
  const c = signedColumns(data);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = rng.sign();
  // stabilities s_μ = y_μ w·x_μ (unnormalized)
  const s = new Float64Array(p);
  let energy = 0;
  for (let mu = 0; mu < p; mu++) {
    let d = 0;
    for (let i = 0; i < n; i++) d += w[i]! * x[mu * n + i]!;
    s[mu] = y[mu]! * d;
    if (s[mu]! <= threshold) energy++;
  }
  const sweeps = Math.max(1, opts.maxSweeps);
  const ratio = sweeps > 1 ? Math.pow(beta1 / beta0, 1 / (sweeps - 1)) : 1;
  let beta = beta0;
  let sweep = 0;
  while (energy > 0 && sweep < sweeps) {
    sweep++;
    for (let t = 0; t < n && energy > 0; t++) {
      const i = rng.int(n);
      const col = i * p;
      const two = 2 * w[i]!;
      let dE = 0;
      for (let mu = 0; mu < p; mu++) {
        const before = s[mu]!;
        const after = before - two * c[col + mu]!;
        dE += (after <= threshold ? 1 : 0) - (before <= threshold ? 1 : 0);
      }
      if (dE <= 0 || rng.uniform() < Math.exp(-beta * dE)) {
        for (let mu = 0; mu < p; mu++) s[mu]! -= two * c[col + mu]!;
        w[i] = -w[i]!;
        energy += dE;
      }
    }
    beta *= ratio;
  }
  return { w, sweeps: sweep, errors: energy };
}
