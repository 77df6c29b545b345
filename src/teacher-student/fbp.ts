/**
 * Focusing belief propagation, fBP (Baldassi, Borgs, Chayes, Ingrosso, Lucibello, Saglietti, Zecchina,
 * PNAS 113, E7655 (2016)): belief propagation on the binary perceptron replicated y times, each replica
 * coupled with strength γ to a reference ("center") w̃; growing γ focuses the measure on the densest
 * regions and the center's sign is read out as the solution.
 *
 * Messages (Gaussian cavity approximation, exact for N → ∞): with c_μi = y_μ x_μi,
 *   cavity mean/variance   a_μ\i = Σ_{j≠i} c_μj m_{j→μ},   v_μ\i = Σ_{j≠i} c²_μj (1 − m²_{j→μ}),
 *   factor → variable      u_{μ→i} = ½[ln H((κ√N − a − c_μi)/√v) − ln H((κ√N − a + c_μi)/√v)],
 *   data field              H_i = Σ_μ u_{μ→i},
 *   focusing field          f_i = atanh(tanh γ · tanh((y − 1) atanh(tanh γ · tanh H_i)))
 *                           (from the center, which sees the other y − 1 identical replicas),
 *   variable → factor       m_{i→μ} = tanh(H_i + f_i − u_{μ→i}).
 * Protocol: tanh γ_t = min(1, t·dγ) at iteration t, y fixed; read out w = sign(H) (the center's sign) after
 * every iteration and stop at a solution. Defaults tuned here: y = 3, dγ = 0.01, damping 0.5 on u
 * (docs/simulations.md). Time unit: BP iterations (each costs O(PN) special functions).
 */
import { createRng } from '../math/rng.js';
import { logHFast as logH } from './fast-math.js';
import type { Dataset } from './data.js';
import { param, type TrainOptions, type TrainResult } from './train.js';

const U_MAX = 30;

const clampUnit = (z: number): number => (z > 1 - 1e-16 ? 1 - 1e-16 : z < -1 + 1e-16 ? -1 + 1e-16 : z);

/** f = atanh(tanh γ · tanh((y − 1) atanh(tanh γ · tanh H))); at tanh γ = 1 it is (y − 1) H. */
export function focusField(H: number, tg: number, yRep: number): number {
  if (tg >= 1) return (yRep - 1) * H;
  const inner = Math.atanh(clampUnit(tg * Math.tanh(H)));
  return Math.atanh(clampUnit(tg * Math.tanh((yRep - 1) * inner)));
}

export function fbp(data: Dataset, opts: TrainOptions): TrainResult {
  const { n, p, x, y } = data;
  const rng = createRng(opts.seed);
  const yRep = param(opts, 'y', 3);
  const dGamma = param(opts, 'dgamma', 0.01);
  const damping = param(opts, 'damping', 0.5);
  const kappaN = opts.kappa * Math.sqrt(n);
  const c = new Float64Array(p * n);
  for (let mu = 0; mu < p; mu++) for (let i = 0; i < n; i++) c[mu * n + i] = y[mu]! * x[mu * n + i]!;
  const m = new Float64Array(p * n);
  for (let e = 0; e < m.length; e++) m[e] = 0.01 * (2 * rng.uniform() - 1);
  const u = new Float64Array(p * n);
  const H = new Float64Array(n);
  const hTot = new Float64Array(n);
  const w = new Float64Array(n);
  let errors = p;
  let t = 0;
  while (t < opts.maxSweeps) {
    t++;
    H.fill(0);
    for (let mu = 0; mu < p; mu++) {
      const off = mu * n;
      let M = 0;
      let V = 0;
      for (let i = 0; i < n; i++) {
        const ci = c[off + i]!;
        const mi = m[off + i]!;
        M += ci * mi;
        V += ci * ci * (1 - mi * mi);
      }
      for (let i = 0; i < n; i++) {
        const ci = c[off + i]!;
        const mi = m[off + i]!;
        const a = M - ci * mi;
        const v = Math.max(V - ci * ci * (1 - mi * mi), 1e-12);
        const sv = Math.sqrt(v);
        let nu = 0.5 * (logH((kappaN - a - ci) / sv) - logH((kappaN - a + ci) / sv));
        if (nu > U_MAX) nu = U_MAX;
        else if (nu < -U_MAX) nu = -U_MAX;
        const ui = damping > 0 ? damping * u[off + i]! + (1 - damping) * nu : nu;
        u[off + i] = ui;
        H[i]! += ui;
      }
    }
    const tg = Math.min(1, t * dGamma);
    for (let i = 0; i < n; i++) hTot[i] = H[i]! + (tg > 0 ? focusField(H[i]!, tg, yRep) : 0);
    for (let mu = 0; mu < p; mu++) {
      const off = mu * n;
      for (let i = 0; i < n; i++) m[off + i] = Math.tanh(hTot[i]! - u[off + i]!);
    }
    // read out the center and count its errors
    for (let i = 0; i < n; i++) w[i] = H[i]! >= 0 ? 1 : -1;
    errors = 0;
    for (let mu = 0; mu < p; mu++) {
      const off = mu * n;
      let s = 0;
      for (let i = 0; i < n; i++) s += w[i]! * c[off + i]!;
      if (s <= kappaN) errors++;
    }
    if (errors === 0) break;
  }
  return { w, sweeps: t, errors };
}
