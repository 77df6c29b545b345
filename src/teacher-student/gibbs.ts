/**
 * Gibbs sampler of the spherical perceptron's version space V = {w : y_μ w·x_μ ≥ 0 ∀μ} (κ = 0): hit-and-run
 * (Smith 1984) for the uniform measure on the convex body V ∩ {|w| ≤ √N}. V is a cone, so the direction
 * w/|w| of a uniform point of V ∩ ball is uniform on V ∩ sphere: the Gibbs measure of zero-temperature
 * learning (REFERENCE.md §2), whose typical overlap with the teacher gives ε_Gibbs = arccos(R)/π.
 *
 Two walks with this invariant measure:
 *  - hit-and-run: draw a direction d uniform on the sphere; the line w + t d meets the body in an interval
 *    (each constraint y_μ x_μ·(w + t d) ≥ 0 is a half-line in t, the ball a quadratic); draw t uniformly on
 *    it. O(PN) per step, but the chords are O(1) long near the sphere, so it relaxes slowly: at N = 200,
 *    α = 4 the overlap with the teacher still drifts after 10N steps (docs/simulations.md);
 *  - the billiard walk (default, `walk` = 1; `billiardWalk` below), which relaxes in ~10 steps there.
 * Start: a perceptron-rule solution (hinge.ts) scaled to radius √N/2. Burn-in: `burnin` walk steps
 * (default 100, path length scale τ = `tau`·√N with tau = 1; the study compares 100 and 300 steps); the
 * run returns the final point as one Gibbs sample (normalized to |w|² = N); `gibbsSamples` returns a thinned
 * chain. Time unit: walk steps.
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

/**
 * Billiard walk (Gryazina & Polyak, Eur. J. Oper. Res. 238, 2014; billiards in version space: Ruján, Neural
 * Comput. 9, 99 (1997)): from w, draw a direction d uniform on the sphere and a path length ℓ = −τ ln u; fly
 * along d, reflecting specularly at the walls (the planes y_μ x_μ·w = 0 and the sphere |w|² = N), until ℓ is
 * used up. The uniform measure on the body is invariant; a path with more than `maxReflections` reflections
 * is rejected (the chain stays). With the Gram matrix G_μν = y_μ y_ν x_μ·x_ν a reflection costs O(P + N):
 * at plane μ, d ← d − 2(b_μ/G_μμ) y_μ x_μ and b ← b − 2(b_μ/G_μμ) G_·μ (b_ν = y_ν x_ν·d); at the sphere,
 * d ← d − 2(w·d/|w|²) w and b ← b − 2(w·d/|w|²) a. Drawing d costs O(PN), as one hit-and-run step, but the
 * walk moves a distance O(τ) instead of O(1), which is what makes it mix (the hit-and-run chords are O(1)
 * long near the sphere, where the uniform measure of the ball concentrates).
 */
export function billiardWalk(data: Dataset, w0: Float64Array, rng: Rng, tau: number, maxReflections: number): HitAndRun & { reflections: number; rejected: number } {
  const { n, p, x, y } = data;
  const chain = hitAndRun(data, w0, rng); // validates the start and computes a
  const w = chain.w;
  const a = chain.a;
  const norm2 = new Float64Array(p);
  const G = new Float64Array(p * p);
  for (let mu = 0; mu < p; mu++) {
    for (let nu = 0; nu <= mu; nu++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[mu * n + i]! * x[nu * n + i]!;
      const g = y[mu]! * y[nu]! * s;
      G[mu * p + nu] = g;
      G[nu * p + mu] = g;
    }
    norm2[mu] = G[mu * p + mu]!;
  }
  const d = new Float64Array(n);
  const b = new Float64Array(p);
  const wSave = new Float64Array(n);
  const aSave = new Float64Array(p);
  const dot = (u: Float64Array, v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += u[i]! * v[i]!;
    return s;
  };
  const state = { w, a, reflections: 0, rejected: 0, step: () => {} };
  let steps = 0;
  state.step = (): void => {
    steps++;
    wSave.set(w);
    aSave.set(a);
    rng.fillNormal(d);
    const inv = 1 / Math.sqrt(dot(d, d));
    for (let i = 0; i < n; i++) d[i]! *= inv;
    const refresh = steps % 10 === 0; // recompute the stabilities from scratch now and then (no drift)
    for (let mu = 0; mu < p; mu++) {
      let sb = 0;
      let sa = 0;
      const off = mu * n;
      for (let i = 0; i < n; i++) sb += d[i]! * x[off + i]!;
      if (refresh) for (let i = 0; i < n; i++) sa += w[i]! * x[off + i]!;
      b[mu] = y[mu]! * sb;
      if (refresh) a[mu] = y[mu]! * sa;
    }
    let remaining = -tau * Math.log(1 - rng.uniform());
    let last = -1; // the wall just reflected from (-2: the sphere)
    for (let refl = 0; ; refl++) {
      if (refl > maxReflections) {
        w.set(wSave);
        a.set(aSave);
        state.rejected++;
        return;
      }
      const ww = dot(w, w);
      const wd = dot(w, d);
      let t = last === -2 ? -2 * wd : -wd + Math.sqrt(Math.max(0, wd * wd - ww + n));
      let wall = -2;
      for (let mu = 0; mu < p; mu++) {
        if (mu === last) continue;
        const bm = b[mu]!;
        if (bm < 0) {
          const tm = Math.max(0, a[mu]!) / -bm;
          if (tm < t) {
            t = tm;
            wall = mu;
          }
        }
      }
      const move = Math.min(t, remaining);
      for (let i = 0; i < n; i++) w[i]! += move * d[i]!;
      for (let mu = 0; mu < p; mu++) a[mu]! += move * b[mu]!;
      remaining -= move;
      if (remaining <= 0) return;
      state.reflections++;
      if (wall === -2) {
        const c = (2 * dot(w, d)) / dot(w, w);
        for (let i = 0; i < n; i++) d[i]! -= c * w[i]!;
        for (let mu = 0; mu < p; mu++) b[mu]! -= c * a[mu]!;
      } else {
        const c = (2 * b[wall]!) / norm2[wall]!;
        const off = wall * n;
        const sy = y[wall]!;
        for (let i = 0; i < n; i++) d[i]! -= c * sy * x[off + i]!;
        for (let mu = 0; mu < p; mu++) b[mu]! -= c * G[mu * p + wall]!;
        a[wall] = Math.max(0, a[wall]!);
      }
      last = wall;
    }
  };
  return state;
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
  const burnin = param(opts, 'burnin', 100);
  const start = startPoint(data, opts, rng);
  if (start.found.errors > 0) return start.found; // no solution to start from: reported as a failed run
  const chain = param(opts, 'walk', 1) === 1 ? billiardWalk(data, start.w, rng, param(opts, 'tau', 1) * Math.sqrt(data.n), param(opts, 'maxref', 10) * data.n) : hitAndRun(data, start.w, rng);
  for (let s = 0; s < burnin; s++) chain.step();
  return { w: toSphere(chain.w), sweeps: burnin, errors: 0 };
}

/** `count` samples (directions, |w|² = N) of one billiard-walk chain: `burnin` steps, then one every `thin` steps. */
export function gibbsSamples(data: Dataset, seed: number, count: number, burnin: number, thin: number, start?: Float64Array): Float64Array[] {
  const rng = createRng(seed);
  const chain = billiardWalk(data, start ?? startPoint(data, { kappa: 0, maxSweeps: 1000, seed }, rng).w, rng, Math.sqrt(data.n), 10 * data.n);
  for (let s = 0; s < burnin; s++) chain.step();
  const out: Float64Array[] = [];
  for (let c = 0; c < count; c++) {
    for (let s = 0; s < thin; s++) chain.step();
    out.push(toSphere(chain.w));
  }
  return out;
}
