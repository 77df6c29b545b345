/**
 * Least-action learning for the tree committee machine (K odd hidden sign units on disjoint blocks of
 * N/K inputs, output = majority vote; Nilsson 1965, Mitchison-Durbin 1989 for the least-action rule):
 * for a misclassified pattern, among the hidden units whose field disagrees with the label, change the one
 * with the smallest |field| (the least action that can fix the vote one unit at a time).
 *   - binary weights: the update is a CP+R step on that unit's hidden states, h_l ← h_l + y x_μ,l and
 *     w_l = sign(h_l), with the CP+R reinforcement h ← h + r sign(h) at each presentation with probability
 *     ps/√N (cpr.ts); defaults tuned here ps = 0.1, r = 1;
 *   - spherical weights: a perceptron step w_l ← w_l + η y x_μ,l/√(N/K) (η = 1); the result is
 *     rescaled to |w|² = N.
 * Only κ = 0. Time unit: sweeps; stops after a sweep without an error.
 */
import { createRng } from '../math/rng.js';
import type { Dataset } from './data.js';
import { field, normalizeToSphere, onlineSweeps, param, randomHiddenStates, type TrainOptions, type TrainResult } from './train.js';

export function leastAction(data: Dataset, opts: TrainOptions & { prior: 'binary' | 'spherical' }): TrainResult {
  const { n, p, x, y } = data;
  const k = opts.k ?? 3;
  if (k % 2 !== 1 || n % k !== 0) throw new RangeError(`least-action: K must be odd and divide N, got K=${k}, N=${n}`);
  const m = n / k;
  const binary = opts.prior === 'binary';
  const rng = createRng(opts.seed);
  const ps = param(opts, 'ps', 0.1) / Math.sqrt(n);
  const r = param(opts, 'r', 1);
  const eta = param(opts, 'eta', 1) / Math.sqrt(m);
  const { h, w } = binary ? randomHiddenStates(n, rng.sign) : { h: new Float64Array(n), w: rng.fillNormal(new Float64Array(n)) };
  const fields = new Float64Array(k);
  const { sweeps, errors } = onlineSweeps(p, opts.maxSweeps, rng.uniform, (mu) => {
    const off = mu * n;
    const s = y[mu]!;
    let vote = 0;
    for (let l = 0; l < k; l++) {
      fields[l] = field(w, x, off, l * m, (l + 1) * m);
      vote += fields[l]! >= 0 ? 1 : -1;
    }
    const error = s * vote < 0;
    if (error) {
      // the wrong unit with the smallest |field|
      let best = -1;
      for (let l = 0; l < k; l++) {
        if (s * fields[l]! < 0 || (fields[l] === 0 && s < 0)) {
          if (best < 0 || Math.abs(fields[l]!) < Math.abs(fields[best]!)) best = l;
        }
      }
      if (best >= 0) {
        if (binary) {
          for (let i = best * m; i < (best + 1) * m; i++) {
            const hi = h[i]! + s * x[off + i]!;
            h[i] = hi;
            w[i] = hi >= 0 ? 1 : -1;
          }
        } else for (let i = best * m; i < (best + 1) * m; i++) w[i]! += eta * s * x[off + i]!;
      }
    }
    if (binary && rng.uniform() < ps) for (let i = 0; i < n; i++) h[i]! += r * w[i]!;
    return error;
  });
  return { w: binary ? w : normalizeToSphere(w), sweeps, errors };
}
