/**
 * Measured observables of a trained student (issue #5 item 4): training errors (re-verified against every
 * pattern), test error on fresh teacher-labelled patterns, overlaps (with the teacher, between solutions),
 * and the local energy δE(σ) = E_z[E_train(w ⊙ (1 + σz))] − E_train(w) (REFERENCE.md §4).
 */
import { createRng } from '../math/rng.js';
import { committeeErrors, countErrors, testSet, type Dataset } from './data.js';

export interface Architecture {
  /** Hidden units of a tree committee (absent or 1: a perceptron). */
  k?: number;
  kappa: number;
}

/** Misclassified patterns (perceptron: stability ≤ κ; committee: wrong majority vote). */
export function trainErrors(w: ArrayLike<number>, data: Dataset, arch: Architecture): number {
  return arch.k && arch.k > 1 ? committeeErrors(w, data, arch.k) : countErrors(w, data, arch.kappa);
}

/**
 * A solution is counted only if it is verified here: finite weights (±1 exactly for binary students) and
 * zero errors on every training pattern.
 */
export function verifySolution(w: Float64Array, data: Dataset, arch: Architecture, prior: 'binary' | 'spherical'): boolean {
  if (w.length !== data.n) return false;
  for (let i = 0; i < w.length; i++) {
    const v = w[i]!;
    if (prior === 'binary' ? v !== 1 && v !== -1 : !Number.isFinite(v)) return false;
  }
  return trainErrors(w, data, arch) === 0;
}

/** Fraction of P_test fresh teacher-labelled patterns misclassified (margin 0). */
export function testError(w: ArrayLike<number>, data: Dataset, pTest: number, seed: number, k?: number): number {
  const t = testSet(data, pTest, seed, k);
  return trainErrors(w, t, { k, kappa: 0 }) / pTest;
}

/** Normalized overlap a·b/(|a||b|). */
export function overlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return ab / Math.sqrt(aa * bb);
}

export interface MeanSe {
  mean: number;
  se: number;
}

/** Mean and standard error of the mean (se = 0 for a single value). */
export function meanSe(values: readonly number[]): MeanSe {
  const n = values.length;
  if (n === 0) return { mean: NaN, se: NaN };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n === 1) return { mean, se: 0 };
  const v = values.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

/**
 * Local energy δE(σ): the training-error fraction after multiplicative Gaussian noise w_i(1 + σ z_i),
 * averaged over `samples` noise draws, minus the training-error fraction of w itself. For binary weights the
 * noisy weights are real (the noise probes the flatness of the minimum, REFERENCE.md §4). Returns the mean
 * and the standard error over noise draws.
 */
export function localEnergy(w: ArrayLike<number>, data: Dataset, sigma: number, samples: number, seed: number, arch: Architecture): MeanSe {
  const base = trainErrors(w, data, arch) / data.p;
  if (sigma === 0) return { mean: 0, se: 0 };
  const rng = createRng(seed);
  const noisy = new Float64Array(data.n);
  const values: number[] = [];
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < data.n; i++) noisy[i] = w[i]! * (1 + sigma * rng.normal());
    values.push(trainErrors(noisy, data, arch) / data.p - base);
  }
  return meanSe(values);
}
