/**
 * Moreau envelopes (with a max) of the two single-site log-partitions that the y → ∞ limit of the
 * large-deviation free entropy produces (docs/local-entropy.md §4): for a field f and a stiffness Δ > 0,
 *     M_f(x; Δ) = max_β [ f(x + β) − β²/(2Δ) ],   β* = Δ f'(x + β*),
 *     M' = f'(x + β*),   M'' = f''/(1 − Δ f'')  (at x + β*).
 * - f = g = ln H((κ − ·)/√V) (the perceptron kernel, concave): β* unique, M'' ∈ (−1/Δ, 0].
 * - f = ln 2cosh (convex): unique for Δ < 1; for Δ ≥ 1 and small |x| there are three stationary points and
 *   the maximum is the one on the side of x (M is even, with a kink at x = 0 when Δ > 1).
 * Both solved by Newton safeguarded by a bracket, to full double precision.
 */
import { GoverH, log2cosh, logH, sech2 } from '../math/special.js';

export interface Envelope {
  /** M(x; Δ) */
  value: number;
  /** β*, the optimal shift */
  shift: number;
  /** M'(x) = f'(x + β*) */
  d1: number;
  /** M''(x) = f''/(1 − Δf'') at x + β* */
  d2: number;
  /** f'' and f' at the optimum (for callers that need them) */
  f1: number;
  f2: number;
}

/**
 * Envelope of g(ω) = ln H((κ − ω)/sV). Writes into `out` (no allocation in the inner loops).
 * Bracket: β ∈ [0, Δ g'(x)] because g' is positive and decreasing.
 */
export function kernelEnvelope(kappa: number, sV: number, x: number, delta: number, out: Envelope): Envelope {
  const V = sV * sV;
  const d1At = (w: number) => GoverH((kappa - w) / sV) / sV;
  const g1x = d1At(x);
  let lo = 0;
  let hi = delta * g1x;
  // Newton on φ(β) = β − Δ g'(x + β): φ is increasing (φ' = 1 − Δg'' ≥ 1) and concave (g''' ≥ 0: G/H is
  // convex), so from β = 0 (φ ≤ 0) the iterates increase monotonically to the root; the bracket only
  // guards against rounding.
  // GoverH(u) ≥ u, so g'(ω) ≥ (κ − ω)/V and φ ≤ 0 at the linearized root Δ(κ − x)/(V + Δ): a start on the
  // left of the root, usually within a few digits of it.
  let b = Math.min(hi, Math.max(0, (delta * (kappa - x)) / (V + delta)));
  let g1 = g1x;
  let g2 = 0;
  for (let it = 0; it < 60; it++) {
    const u = (kappa - x - b) / sV;
    const r = GoverH(u);
    g1 = r / sV;
    g2 = (-r * (r - u)) / V;
    const phi = b - delta * g1;
    if (phi > 0) hi = b;
    else lo = b;
    let nb = b - phi / (1 - delta * g2);
    if (!(nb >= lo && nb <= hi)) nb = 0.5 * (lo + hi);
    // Quadratic convergence: once a step is below 1e-8 relative, the next iterate is exact to rounding.
    const done = Math.abs(nb - b) <= 1e-8 * Math.abs(nb) || Math.abs(phi) <= 1e-300;
    b = nb;
    if (done) break;
  }
  const u = (kappa - x - b) / sV;
  const r = GoverH(u);
  g1 = r / sV;
  g2 = (-r * (r - u)) / V;
  out.shift = b;
  out.value = logH(u) - (b * b) / (2 * delta);
  out.f1 = g1;
  out.f2 = g2;
  out.d1 = g1;
  out.d2 = g2 / (1 - delta * g2);
  return out;
}

/**
 * Envelope of ln 2cosh. With u = x + β the optimality condition is u − x = Δ tanh u; for x ≥ 0 every
 * root with u ≥ x lies in [x + Δ tanh x, x + Δ], and the global maximum is the largest root (x < 0 by
 * symmetry: M is even).
 */
export function log2coshEnvelope(x: number, delta: number, out: Envelope): Envelope {
  const sgn = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  let lo = ax + delta * Math.tanh(ax);
  let hi = ax + delta;
  let u = hi;
  for (let it = 0; it < 200; it++) {
    const t = Math.tanh(u);
    const f = u - ax - delta * t;
    if (f > 0) hi = u;
    else lo = u;
    const fp = 1 - delta * (1 - t * t);
    let nu = fp > 0 ? u - f / fp : 0.5 * (lo + hi);
    if (!(nu >= lo && nu <= hi)) nu = 0.5 * (lo + hi);
    if (Math.abs(nu - u) <= 1e-15 * Math.max(1, Math.abs(u)) || hi - lo <= 1e-15 * Math.max(1, hi)) {
      u = nu;
      break;
    }
    u = nu;
  }
  // β = Δ tanh u exactly at the optimum (u − |x| would cancel catastrophically for Δ ≪ 1).
  const beta = delta * Math.tanh(u);
  const s = sech2(u);
  out.shift = sgn * beta;
  out.value = log2cosh(u) - (beta * beta) / (2 * delta);
  out.f1 = sgn * Math.tanh(u);
  out.f2 = s;
  out.d1 = out.f1;
  out.d2 = s / (1 - delta * s);
  return out;
}

export function newEnvelope(): Envelope {
  return { value: 0, shift: 0, d1: 0, d2: 0, f1: 0, f2: 0 };
}
