/**
 * Spherical perceptron: the perceptron rule with margin, i.e. stochastic gradient descent with step η on
 * the hinge loss max(0, κ − y w·x/|w|) (Rosenblatt 1962; with margin: Krauth-Mézard 1987 discuss the
 * relation to maximal stability). For each presented pattern with stability y w·x/|w| ≤ κ:
 *     w ← w + η y x_μ/√N.
 * The stability is scale invariant, so |w| is only a bookkeeping choice; the result is rescaled to |w|² = N.
 * Converges in finitely many updates whenever a solution with a larger margin exists (perceptron
 * convergence theorem). Start: a random point on the sphere. Defaults: η = 1. Time unit: sweeps; stops
 * after a sweep without an update.
 */
import { createRng } from '../math/rng.js';
import type { Dataset } from './data.js';
import { field, normalizeToSphere, onlineSweeps, param, type TrainOptions, type TrainResult } from './train.js';

export function hinge(data: Dataset, opts: TrainOptions): TrainResult {
  const { n, p, x, y } = data;
  const rng = createRng(opts.seed);
  const eta = param(opts, 'eta', 1) / Math.sqrt(n);
  const w = normalizeToSphere(rng.fillNormal(new Float64Array(n)));
  let norm2 = n;
  const { sweeps, errors } = onlineSweeps(p, opts.maxSweeps, rng.uniform, (mu) => {
    const off = mu * n;
    const s = y[mu]!;
    if (s * field(w, x, off, 0, n) > opts.kappa * Math.sqrt(norm2)) return false;
    norm2 = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i]! + eta * s * x[off + i]!;
      w[i] = wi;
      norm2 += wi * wi;
    }
    return true;
  });
  return { w: normalizeToSphere(w), sweeps, errors };
}
