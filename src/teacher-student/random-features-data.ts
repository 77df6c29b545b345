/**
 * Data of the overparameterized model (REFERENCE.md §5, docs/random-features.md): inputs x ∈ R^D with
 * i.i.d. N(0,1) entries, teacher labels y = sign(v·x/√D) with |v|² = D, and N fixed random features
 * φ_i(x) = σ(f_i·x/√D) − μ₀ with F ∈ R^{N×D} i.i.d. N(0,1) (centred: the offset μ₀ = E σ(z) is removed, as in
 * the theory). The student sees only the features: the returned Dataset has n = N and pattern μ equal to
 * φ(x_μ), so every binary-perceptron algorithm of the lab trains this student unchanged.
 *
 * Gaussian equivalence (checked by `gaussianEquivalenceCheck`): for a student w, with s = Fᵀw/√N,
 *     h = w·φ(x)/√N ≈ μ₁ s·x/√D + μ* ξ,  ξ ~ N(0, |w|²/N),
 * so Var h = μ₁²|s|²/D + μ*²|w|²/N and Cov(h, u) = μ₁ s·v/D for the teacher's u = v·x/√D.
 */
import type { Activation } from '../replica/activations.js';
import { featureMap, type FeatureMap } from '../replica/random-features.js';
import { createRng, type Rng } from '../math/rng.js';
import { drawTeacher, sgn, type Dataset } from './data.js';

export interface RandomFeaturesDataset extends Dataset {
  /** Hidden (input) dimension D. */
  readonly d: number;
  /** Raw inputs, row-major p × D. */
  readonly inputs: Float64Array;
  /** Feature matrix F, row-major N × D. */
  readonly f: Float64Array;
  /** Teacher vector v ∈ R^D, |v|² = D (the Dataset's `teacher` is undefined: no student reaches it exactly). */
  readonly v: Float64Array;
  readonly activation: Activation;
  /** Gaussian-equivalence coefficients (μ₀ is subtracted from the features). */
  readonly features: FeatureMap;
}

export interface RandomFeaturesDataOptions {
  /** Hidden dimension D. */
  d: number;
  /** Number of features N (student weights). */
  n: number;
  /** Number of training examples P. */
  p: number;
  activation: Activation;
  /** Precomputed coefficients (avoids repeating the quadrature over many instances). */
  features?: FeatureMap;
}

/** φ(x) for p inputs: out[μN + i] = σ(f_i·x_μ/√D) − μ₀. */
export function featureVectors(f: Float64Array, inputs: Float64Array, d: number, n: number, p: number, act: Activation, mu0: number): Float64Array {
  const out = new Float64Array(p * n);
  const scale = 1 / Math.sqrt(d);
  for (let mu = 0; mu < p; mu++) {
    const xo = mu * d;
    for (let i = 0; i < n; i++) {
      const fo = i * d;
      let a = 0;
      for (let k = 0; k < d; k++) a += f[fo + k]! * inputs[xo + k]!;
      out[mu * n + i] = act.phi(a * scale) - mu0;
    }
  }
  return out;
}

function teacherLabels(v: Float64Array, inputs: Float64Array, d: number, p: number): Float64Array {
  const y = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) {
    let u = 0;
    for (let k = 0; k < d; k++) u += v[k]! * inputs[mu * d + k]!;
    y[mu] = sgn(u);
  }
  return y;
}

/** One seeded instance: teacher, features, training inputs, their features and labels. */
export function randomFeaturesData(seed: number, opts: RandomFeaturesDataOptions): RandomFeaturesDataset {
  const { d, n, p, activation } = opts;
  if (!(Number.isInteger(d) && d >= 1 && Number.isInteger(n) && n >= 1 && Number.isInteger(p) && p >= 0)) {
    throw new RangeError(`random-features data needs integer D ≥ 1, N ≥ 1, P ≥ 0, got D=${d}, N=${n}, P=${p}`);
  }
  const features = opts.features ?? featureMap(activation);
  const rng = createRng(seed);
  const v = drawTeacher(rng, d, 'spherical');
  const f = rng.fillNormal(new Float64Array(n * d));
  const inputs = rng.fillNormal(new Float64Array(p * d));
  const x = featureVectors(f, inputs, d, n, p, activation, features.mu0);
  return { n, p, x, y: teacherLabels(v, inputs, d, p), seed, d, inputs, f, v, activation, features };
}

/** Fresh test examples of the same instance (same F and v), from an independent seed. */
export function randomFeaturesTestSet(data: RandomFeaturesDataset, pTest: number, seed: number): RandomFeaturesDataset {
  const rng: Rng = createRng(seed);
  const inputs = rng.fillNormal(new Float64Array(pTest * data.d));
  const x = featureVectors(data.f, inputs, data.d, data.n, pTest, data.activation, data.features.mu0);
  return { ...data, p: pTest, x, inputs, y: teacherLabels(data.v, inputs, data.d, pTest), seed };
}

export interface EquivalenceCheck {
  /** Empirical Var h and Cov(h, u) over the test inputs. */
  varH: number;
  covHU: number;
  /** Their Gaussian-equivalence predictions μ₁²|s|²/D + μ*²|w|²/N and μ₁ s·v/D. */
  varHPredicted: number;
  covHUPredicted: number;
  /** Standard errors of the empirical values (from the fourth moments of the sample). */
  varHSe: number;
  covHUSe: number;
  samples: number;
}

/**
 * Empirical second moments of the student's and teacher's pre-activations for a fixed w, against the
 * Gaussian equivalence (module comment). The features of `data` must be those of `samples` fresh inputs.
 */
export function gaussianEquivalenceCheck(w: ArrayLike<number>, data: RandomFeaturesDataset): EquivalenceCheck {
  const { n, d, p } = data;
  // s = Fᵀw/√N and the predictions.
  const s = new Float64Array(d);
  let w2 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    w2 += wi * wi;
    for (let k = 0; k < d; k++) s[k]! += (wi * data.f[i * d + k]!) / Math.sqrt(n);
  }
  let s2 = 0;
  let sv = 0;
  for (let k = 0; k < d; k++) {
    s2 += s[k]! * s[k]!;
    sv += s[k]! * data.v[k]!;
  }
  const { mu1, muStar } = data.features;
  // Empirical moments (inputs and features have mean zero by construction; centred sample moments anyway).
  const h = new Float64Array(p);
  const u = new Float64Array(p);
  for (let mu = 0; mu < p; mu++) {
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i]! * data.x[mu * n + i]!;
    h[mu] = a / Math.sqrt(n);
    let b = 0;
    for (let k = 0; k < d; k++) b += data.v[k]! * data.inputs[mu * d + k]!;
    u[mu] = b / Math.sqrt(d);
  }
  const mean = (a: Float64Array) => a.reduce((t, x) => t + x, 0) / a.length;
  const mh = mean(h);
  const mu_ = mean(u);
  const hh = h.map((x) => (x - mh) * (x - mh));
  const hu = h.map((x, i) => (x - mh) * (u[i]! - mu_));
  const sd = (a: Float64Array, m: number) => Math.sqrt(a.reduce((t, x) => t + (x - m) ** 2, 0) / (a.length - 1) / a.length);
  const varH = mean(hh);
  const covHU = mean(hu);
  return {
    varH,
    covHU,
    varHPredicted: (mu1 * mu1 * s2) / d + (muStar * muStar * w2) / n,
    covHUPredicted: (mu1 * sv) / d,
    varHSe: sd(hh, varH),
    covHUSe: sd(hu, covHU),
    samples: p,
  };
}
