/**
 * Clipped perceptron with reinforcement, CP+R (Baldassi, J. Stat. Phys. 136, 902 (2009); Baldassi et al.
 * PNAS 104, 11079 (2007) for the clipped perceptron): binary weights w_i = sign(h_i) of hidden states h_i.
 * Patterns are presented in a random order each sweep; for a pattern with stability y·Δ ≤ κ (Δ = w·x/√N)
 *     h_i ← h_i + y x_μi                      (perceptron step on the hidden states),
 * and at every presentation, with probability p_s,
 *     h_i ← h_i + r sign(h_i)                 (reinforcement: drives |h| up, freezing the weights slowly).
 * Gaussian inputs make the hidden states real (with ±1 inputs and integer r they stay integers).
 * Defaults tuned here (docs/simulations.md): p_s = ps/√N with ps = 1, r = 1, h_i(0) = ±1 at random.
 * Time unit: sweeps (P presentations). The run stops after a sweep without any error (then w did not change
 * during the sweep and satisfies every pattern).
 */
import { createRng } from '../math/rng.js';
import type { Dataset } from './data.js';
import { field, onlineSweeps, param, randomHiddenStates, type TrainOptions, type TrainResult } from './train.js';

export function cpr(data: Dataset, opts: TrainOptions): TrainResult {
  const { n, p, x, y } = data;
  const rng = createRng(opts.seed);
  const ps = param(opts, 'ps', 0.1) / Math.sqrt(n);
  const r = param(opts, 'r', 1);
  const threshold = opts.kappa * Math.sqrt(n);
  const { h, w } = randomHiddenStates(n, rng.sign);
  const { sweeps, errors } = onlineSweeps(p, opts.maxSweeps, rng.uniform, (mu) => {
    const off = mu * n;
    const s = y[mu]!;
    const error = s * field(w, x, off, 0, n) <= threshold;
    if (error) {
      for (let i = 0; i < n; i++) {
        const hi = h[i]! + s * x[off + i]!;
        h[i] = hi;
        w[i] = hi >= 0 ? 1 : -1;
      }
    }
    if (rng.uniform() < ps) for (let i = 0; i < n; i++) h[i]! += r * w[i]!;
    return error;
  });
  return { w, sweeps, errors };
}
