/**
 * Gibbs sampler of the spherical perceptron's version space V = {w : y_μ w·x_μ ≥ 0 ∀μ} (κ = 0): hit-and-run
 * (Smith 1984) for the uniform measure on the convex body V ∩ {|w| ≤ √N}. V is a cone, so the direction
 * w/|w| of a uniform point of V ∩ ball is uniform on V ∩ sphere: the Gibbs measure of zero-temperature
 * learning (REFERENCE.md §2), whose typical overlap with the teacher gives ε_Gibbs = arccos(R)/π.
 *
 * One step: draw a direction d uniform on the sphere; the line w + t d meets the body in an interval
 * (each constraint y_μ x_μ·(w + t d) ≥ 0 is a half-line in t, the ball a quadratic); draw t uniformly on it.
 * The stabilities y_μ x_μ·w are updated incrementally, so a step costs O(PN). Start: a perceptron-rule
 * solution (hinge.ts) scaled to radius √N/2. Burn-in: `burnin`·N steps (default 20N, checked in the
 * study against 40N and 10N); the run returns the final point as one Gibbs sample (normalized to |w|² = N);
 * `gibbsSamples` returns a thinned chain. Time unit: N steps.
 */
import { createRng, type Rng } from '../math/rng.js';
import type { Dataset } from './data.js';
import { hinge } from './hinge.js';
import { param, type TrainOptions, type TrainResult } from './train.js';

export interface HitAndRun {
  w: Float64Array;
  /** y_μ x_μ·w */
  a: Float64Array;
  step(): void;
}

/** A hit-and-run chain on V ∩ ball started at an interior point w0 (checked). */
export function hitAndRun(data: Dataset, w0: Float64Array, rng: Rng): HitAndRun {
  const { n, p, x, y } = data;
  const w = Float64Array.from(w0);
  const a = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i]! * x[mu * n + i]!;
    a[mu] = y[mu]! * s;
    if (!(a[mu]! > 0)) throw new RangeError(`hit-and-run: start point violates pattern ${mu}`);
  }
  let r2 = 0;
  for (let i = 0; i < n; i++) r2 += w[i]! * w[i]!;
  if (!(r2 < n)) throw new RangeError('hit-and-run: start point outside the ball |w|² < N');
  const d = new Float64Array(n);
  const b = new Float64Array(p);
  const step = (): void => {
    rng.fillNormal(d);
    let dd = 0;
    let wd = 0;
    for (let i = 0; i < n; i++) {
      dd += d[i]! * d[i]!;
      wd += w[i]! * d[i]!;
    }
    const inv = 1 / Math.sqrt(dd);
    wd *= inv;
    let ww = 0;
    for (let i = 0; i < n; i++) {
      d[i]! *= inv;
      ww += w[i]! * w[i]!;
    }
    // ball: t² + 2t(w·d) + |w|² − N ≤ 0
    const disc = Math.sqrt(Math.max(0, wd * wd - ww + n));
    let lo = -wd - disc;
    let hi = -wd + disc;
    for (let mu = 0; mu < p; mu++) {
      let s = 0;
      const off = mu * n;
      for (let i = 0; i < n; i++) s += d[i]! * x[off + i]!;
      const bm = y[mu]! * s;
      b[mu] = bm;
      // a_μ + t b_μ ≥ 0
      if (bm > 0) lo = Math.max(lo, -a[mu]! / bm);
      else if (bm < 0) hi = Math.min(hi, -a[mu]! / bm);
    }
    if (!(hi > lo)) return; // a degenerate chord (measure zero): stay
    const t = lo + (hi - lo) * rng.uniform();
    for (let i = 0; i < n; i++) w[i]! += t * d[i]!;
    for (let mu = 0; mu < p; mu++) a[mu]! += t * b[mu]!;
  };
  return { w, a, step };
}

/** A perceptron-rule solution scaled into the ball, or the rule's failed result when it found none. */
function startPoint(data: Dataset, opts: TrainOptions, rng: Rng): { w: Float64Array; found: TrainResult } {
  const found = hinge(data, { kappa: 0, maxSweeps: Math.max(1000, opts.maxSweeps), seed: rng.int(0xffffffff) });
  return { w: found.w.map((v) => 0.5 * v), found };
}

const toSphere = (w: Float64Array): Float64Array => {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]! * w[i]!;
  const c = Math.sqrt(w.length / s);
  return w.map((v) => v * c);
};

export function gibbs(data: Dataset, opts: TrainOptions): TrainResult {
  if (opts.kappa !== 0) throw new RangeError('gibbs: only κ = 0 (the version space is then a cone)');
  const rng = createRng(opts.seed);
  const burnin = param(opts, 'burnin', 20);
  const start = startPoint(data, opts, rng);
  if (start.found.errors > 0) return start.found; // no solution to start from: reported as a failed run
  const chain = hitAndRun(data, start.w, rng);
  const steps = Math.round(burnin * data.n);
  for (let s = 0; s < steps; s++) chain.step();
  return { w: toSphere(chain.w), sweeps: burnin, errors: 0 };
}

/** `count` samples (directions, |w|² = N) of one chain: burn-in `burnin`·N steps, then one every `thin` steps. */
export function gibbsSamples(data: Dataset, seed: number, count: number, burnin: number, thin: number, start?: Float64Array): Float64Array[] {
  const rng = createRng(seed);
  const chain = hitAndRun(data, start ?? startPoint(data, { kappa: 0, maxSweeps: 1000, seed }, rng).w, rng);
  for (let s = 0; s < Math.round(burnin * data.n); s++) chain.step();
  const out: Float64Array[] = [];
  for (let c = 0; c < count; c++) {
    for (let s = 0; s < thin; s++) chain.step();
    out.push(toSphere(chain.w));
  }
  return out;
}
