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
import { identity, param, shuffle, type TrainOptions, type TrainResult } from './train.js';

export function sbpi(data: Dataset, opts: TrainOptions): TrainResult {
  const { n, p, x, y } = data;
  const rng = createRng(opts.seed);
  const sqrtN = Math.sqrt(n);
  const thetaM = param(opts, 'theta', 1);
  const ps = param(opts, 'ps', 0.4) / Math.sqrt(n);
  const hmax = param(opts, 'hmax', Infinity);
  const kappaN = opts.kappa * sqrtN;
  const thetaN = (opts.kappa + thetaM) * sqrtN;
  const h = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    h[i] = rng.sign();
    w[i] = h[i]!;
  }
  const order = identity(p);
  let errors = p;
  let sweep = 0;
  while (sweep < opts.maxSweeps) {
    sweep++;
    shuffle(order, rng.uniform);
    errors = 0;
    for (let t = 0; t < p; t++) {
      const mu = order[t]!;
      const off = mu * n;
      const s = y[mu]!;
      let delta = 0;
      for (let i = 0; i < n; i++) delta += w[i]! * x[off + i]!;
      const stab = s * delta;
      if (stab <= kappaN) {
        errors++;
        for (let i = 0; i < n; i++) {
          let hi = h[i]! + 2 * s * x[off + i]!;
          if (hi > hmax) hi = hmax;
          else if (hi < -hmax) hi = -hmax;
          h[i] = hi;
          w[i] = hi >= 0 ? 1 : -1;
        }
      } else if (stab <= thetaN && rng.uniform() < ps) {
        for (let i = 0; i < n; i++) {
          const xi = s * x[off + i]!;
          if (xi * w[i]! > 0) {
            let hi = h[i]! + 2 * xi;
            if (hi > hmax) hi = hmax;
            else if (hi < -hmax) hi = -hmax;
            h[i] = hi; // same sign as before: w_i unchanged
          }
        }
      }
    }
    if (errors === 0) break;
  }
  return { w, sweeps: sweep, errors };
}
