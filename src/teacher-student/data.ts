/**
 * Data sets of the teacher-student lab (REFERENCE.md §1-§3, §5). Everything is drawn from one seeded
 * generator (src/math/rng.ts) and the seed travels with the data set, so a run is reproducible bit for bit.
 *
 * Layout: P patterns of dimension N, row-major in one Float64Array (pattern μ is x[μN … μN+N−1]);
 * labels y_μ ∈ {−1, +1}. Pre-activations are normalized by √N, so with Gaussian inputs and |w|² = N the
 * stability y_μ w·x_μ/√N is O(1), as in the replica computation.
 */
import { createRng, type Rng } from '../math/rng.js';

export type InputKind = 'gaussian' | 'binary';
export type WeightPrior = 'binary' | 'spherical';

export interface Dataset {
  /** Input dimension (number of weights of a perceptron student). */
  readonly n: number;
  /** Number of patterns. */
  readonly p: number;
  /** Patterns, row-major p × n. */
  readonly x: Float64Array;
  /** Labels ±1. */
  readonly y: Float64Array;
  /** Seed the data set was drawn with. */
  readonly seed: number;
  /** Teacher weights when the labels come from a teacher. */
  readonly teacher?: Float64Array;
}

/** Patterns with i.i.d. N(0,1) (or ±1) entries. */
export function drawPatterns(rng: Rng, n: number, p: number, inputs: InputKind = 'gaussian'): Float64Array {
  const x = new Float64Array(n * p);
  if (inputs === 'gaussian') rng.fillNormal(x);
  else for (let i = 0; i < x.length; i++) x[i] = rng.sign();
  return x;
}

/** Teacher weights: ±1 entries, or a Gaussian vector rescaled to |w|² = N exactly (uniform on the sphere). */
export function drawTeacher(rng: Rng, n: number, prior: WeightPrior): Float64Array {
  const w = new Float64Array(n);
  if (prior === 'binary') {
    for (let i = 0; i < n; i++) w[i] = rng.sign();
    return w;
  }
  rng.fillNormal(w);
  let norm2 = 0;
  for (let i = 0; i < n; i++) norm2 += w[i]! * w[i]!;
  const scale = Math.sqrt(n / norm2);
  for (let i = 0; i < n; i++) w[i]! *= scale;
  return w;
}

/** Pre-activation w·x_μ/√N of one pattern. */
export function preActivation(w: ArrayLike<number>, x: Float64Array, mu: number, n: number): number {
  let h = 0;
  const off = mu * n;
  for (let i = 0; i < n; i++) h += w[i]! * x[off + i]!;
  return h / Math.sqrt(n);
}

/** sign with sign(0) = +1 (ties have probability zero for Gaussian inputs; for ±1 inputs N is odd). */
export function sgn(h: number): number {
  return h >= 0 ? 1 : -1;
}

/** Labels of a perceptron teacher: y_μ = sign(w·x_μ/√N). */
export function perceptronLabels(w: ArrayLike<number>, x: Float64Array, n: number, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) y[mu] = sgn(preActivation(w, x, mu, n));
  return y;
}

/**
 * Labels of a tree committee machine teacher with K hidden sign units: the input is split into K disjoint
 * blocks of N/K, unit l sees block l, and y = sign(Σ_l sign(w_l·x_l/√(N/K))) (K odd).
 */
export function treeCommitteeLabels(w: ArrayLike<number>, x: Float64Array, n: number, p: number, k: number): Float64Array {
  if (k % 2 !== 1 || n % k !== 0) throw new RangeError(`tree committee needs odd K dividing N, got K=${k}, N=${n}`);
  const m = n / k;
  const y = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) {
    let vote = 0;
    for (let l = 0; l < k; l++) {
      let h = 0;
      const off = mu * n + l * m;
      for (let i = 0; i < m; i++) h += w[l * m + i]! * x[off + i]!;
      vote += sgn(h);
    }
    y[mu] = sgn(vote);
  }
  return y;
}

/** Storage problem: random patterns with i.i.d. uniform random labels. */
export function storageData(seed: number, n: number, p: number, inputs: InputKind = 'gaussian'): Dataset {
  const rng = createRng(seed);
  const x = drawPatterns(rng, n, p, inputs);
  const y = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) y[mu] = rng.sign();
  return { n, p, x, y, seed };
}

export interface TeacherOptions {
  prior: WeightPrior;
  inputs?: InputKind;
  /** Teacher architecture: a perceptron (default) or a tree committee with K sign units. */
  committeeK?: number;
}

/** Teacher-student problem: labels from a teacher drawn with the given prior. */
export function teacherStudentData(seed: number, n: number, p: number, opts: TeacherOptions): Dataset {
  const rng = createRng(seed);
  const teacher = drawTeacher(rng, n, opts.prior);
  const x = drawPatterns(rng, n, p, opts.inputs ?? 'gaussian');
  const y = opts.committeeK && opts.committeeK > 1
    ? treeCommitteeLabels(teacher, x, n, p, opts.committeeK)
    : perceptronLabels(teacher, x, n, p);
  return { n, p, x, y, seed, teacher };
}

/** Fresh test patterns labelled by the same teacher (independent stream derived from the data set's seed). */
export function testSet(data: Dataset, pTest: number, seed: number, committeeK?: number): Dataset {
  if (!data.teacher) throw new RangeError('a test set needs a teacher');
  const rng = createRng(seed);
  const x = drawPatterns(rng, data.n, pTest, 'gaussian');
  const y = committeeK && committeeK > 1
    ? treeCommitteeLabels(data.teacher, x, data.n, pTest, committeeK)
    : perceptronLabels(data.teacher, x, data.n, pTest);
  return { n: data.n, p: pTest, x, y, seed, teacher: data.teacher };
}

/** Number of patterns misclassified (stability y_μ w·x_μ/√N ≤ κ counts as an error). */
export function countErrors(w: ArrayLike<number>, data: Dataset, kappa = 0): number {
  let errors = 0;
  for (let mu = 0; mu < data.p; mu++) if (data.y[mu]! * preActivation(w, data.x, mu, data.n) <= kappa) errors++;
  return errors;
}

/** Number of patterns a tree committee machine w (K blocks of N/K, sign units, majority vote) misclassifies. */
export function committeeErrors(w: ArrayLike<number>, data: Dataset, k: number): number {
  const y = treeCommitteeLabels(w, data.x, data.n, data.p, k);
  let errors = 0;
  for (let mu = 0; mu < data.p; mu++) if (y[mu] !== data.y[mu]) errors++;
  return errors;
}
