/**
 * SBPI, the stochastic BP-inspired rule (Baldassi, Braunstein, Brunel, Zecchina, PNAS 104, 11079 (2007)):
 * binary weights w_i = sign(h_i) of bounded hidden states h_i ∈ [−hmax, hmax]. For a presented pattern
 * with stability s = y·Δ (Δ = w·x/√N):
 *   - s ≤ κ (error):              h_i ← h_i + 2 y x_μi for every i;
 *   - κ < s ≤ κ + θ_m (barely right): with probability p_s, the same step only on the synapses that
 *     already push the right way (y x_μi w_i > 0), which consolidates them (the "stochastic" part).
 * With ±1 inputs and odd initial states the hidden states are the paper's odd integers; with Gaussian
 * inputs they are real. Defaults tuned here: θ_m = 1, p_s = 0.3, hmax = 15 (docs/simulations.md).
 * Time unit: sweeps; stops after a sweep without an error (w then satisfies every pattern).
 */
import { createRng } from '../math/rng.js';
import type { Dataset } from './data.js';
import { field, onlineSweeps, param, randomHiddenStates, type TrainOptions, type TrainResult } from './train.js';

export function sbpi(data: Dataset, opts: TrainOptions): TrainResult {
  const { n, p, x, y } = data;
  const rng = createRng(opts.seed);
  const sqrtN = Math.sqrt(n);
  const thetaM = param(opts, 'theta', 1);
  const ps = param(opts, 'ps', 0.4) / Math.sqrt(n);
  const hmax = param(opts, 'hmax', Infinity);
  const kappaN = opts.kappa * sqrtN;
  const thetaN = (opts.kappa + thetaM) * sqrtN;
  const clip = (v: number) => (v > hmax ? hmax : v < -hmax ? -hmax : v);
  const { h, w } = randomHiddenStates(n, rng.sign);
  const { sweeps, errors } = onlineSweeps(p, opts.maxSweeps, rng.uniform, (mu) => {
    const off = mu * n;
    const s = y[mu]!;
    const stab = s * field(w, x, off, 0, n);
    if (stab <= kappaN) {
      for (let i = 0; i < n; i++) {
        const hi = clip(h[i]! + 2 * s * x[off + i]!);
        h[i] = hi;
        w[i] = hi >= 0 ? 1 : -1;
      }
      return true;
    }
    if (stab <= thetaN && rng.uniform() < ps) {
      for (let i = 0; i < n; i++) {
        const xi = s * x[off + i]!;
        if (xi * w[i]! > 0) h[i] = clip(h[i]! + 2 * xi); // same sign as before: w_i unchanged
      }
    }
    return false;
  });
  return { w, sweeps, errors };
}
