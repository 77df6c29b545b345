/**
 * What every training algorithm of the lab takes and returns. Algorithms work on a data set
 * (data.ts: P × N patterns, labels ±1, pre-activation w·x/√N) and return their final weights; whether
 * those weights are a solution is decided by the caller (observables.ts `verify`), never by the algorithm.
 */
import type { Dataset } from './data.js';

export interface TrainOptions {
  /** Margin κ: a pattern counts as learned when its stability y w·x/(|w|/√N)/√N exceeds κ. */
  kappa: number;
  /** Budget in the algorithm's own time unit (sweeps over the patterns, MC sweeps or BP iterations). */
  maxSweeps: number;
  /** Seed of the algorithm's own randomness (initial condition, pattern order, noise). */
  seed: number;
  /** Hidden units of a tree committee student. */
  k?: number;
  /** Algorithm-specific parameters overriding the defaults (documented in each module). */
  params?: Readonly<Record<string, number>>;
}

export interface TrainResult {
  /** Final weights: ±1 for binary students, |w|² = N for spherical ones. */
  w: Float64Array;
  /** Time used, in the algorithm's unit (see `sweepUnit`). */
  sweeps: number;
  /** Training errors at the end as the algorithm counted them (the caller re-verifies). */
  errors: number;
}

export type Trainer = (data: Dataset, opts: TrainOptions) => TrainResult;

/** A parameter from opts.params, or its default. */
export function param(opts: TrainOptions, name: string, fallback: number): number {
  const v = opts.params?.[name];
  return v === undefined ? fallback : v;
}

/** In-place Fisher-Yates shuffle of 0…n−1 (pattern presentation order). */
export function shuffle(order: Int32Array, uniform: () => number): Int32Array {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

export function identity(n: number): Int32Array {
  const o = new Int32Array(n);
  for (let i = 0; i < n; i++) o[i] = i;
  return o;
}

/** Rescale w to |w|² = N (spherical students); a zero vector stays zero. */
export function normalizeToSphere(w: Float64Array): Float64Array {
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i]! * w[i]!;
  if (s > 0) {
    const c = Math.sqrt(w.length / s);
    for (let i = 0; i < w.length; i++) w[i]! *= c;
  }
  return w;
}

/**
 * The online protocol of the perceptron-like rules (cpr, sbpi, hinge, least-action): each sweep presents the
 * P patterns once, in a fresh random order; `present(μ)` applies the rule to pattern μ and returns true when
 * the pattern was an error before the update. Stops after a sweep without errors (the weights did not change
 * during it and satisfy every pattern) or when the budget is spent.
 */
export function onlineSweeps(p: number, maxSweeps: number, uniform: () => number, present: (mu: number) => boolean): { sweeps: number; errors: number } {
  const order = identity(p);
  let errors = p;
  let sweep = 0;
  while (sweep < maxSweeps) {
    sweep++;
    shuffle(order, uniform);
    errors = 0;
    for (let t = 0; t < p; t++) if (present(order[t]!)) errors++;
    if (errors === 0) break;
  }
  return { sweeps: sweep, errors };
}

/** w·x_μ over the coordinates [from, to) of pattern μ (row offset `off`), unnormalized. */
export function field(w: Float64Array, x: Float64Array, off: number, from: number, to: number): number {
  let f = 0;
  for (let i = from; i < to; i++) f += w[i]! * x[off + i]!;
  return f;
}

/** Hidden states h_i = ±1 at random and the binary weights w_i = sign(h_i) (clipped-perceptron start). */
export function randomHiddenStates(n: number, sign: () => number): { h: Float64Array; w: Float64Array } {
  const h = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    h[i] = sign();
    w[i] = h[i]!;
  }
  return { h, w };
}
