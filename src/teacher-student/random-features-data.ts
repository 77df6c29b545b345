/**
 * Seeded data of the random-features model (REFERENCE.md §5; docs/random-features.md): inputs x ∈ ℝ^D i.i.d.
 * N(0, 1), a spherical perceptron teacher v (|v|² = D), y = sign(v·x/√D), a fixed Gaussian feature matrix
 * F ∈ ℝ^{N×D}, and the centred features φ_i(x) = σ(f_i·x/√D) − μ₀ (the theory's centring). The returned
 * Dataset holds the features as patterns (n = N, row-major p × N), so every binary algorithm of the lab
 * trains the student sign(w·φ/√N) unchanged; `teacher` is left out of it (the student and the teacher live
 * in different spaces) and kept in `v`.
 *
 * `gaussianEquivalence` measures, for a student w, the empirical variance of its pre-activation
 * h = w·φ/√N and its covariance with the teacher's u = v·x/√D over fresh inputs, against the Gaussian
 * equivalence: Var h = μ₁² p_d + μ*², Cov(h, u) = μ₁ m, with p_d = |s|²/D, m = s·v/D, s = Fᵀw/√N computed
 * exactly for this F (and E h = 0 thanks to the centring).
 */
import { createRng } from '../math/rng.js';
import { activationByName, type Activation } from '../replica/activations.js';
import { featureMap, type FeatureMap } from '../replica/random-features.js';
import { drawTeacher, sgn, type Dataset } from './data.js';

export interface RandomFeaturesData {
  /** Features as patterns: n = N, p = P. */
  data: Dataset;
  d: number;
  /** Raw inputs, row-major P × D. */
  inputs: Float64Array;
  /** Feature matrix, row-major N × D. */
  F: Float64Array;
  /** Teacher, |v|² = D. */
  v: Float64Array;
  activation: Activation;
  features: FeatureMap;
  seed: number;
}

export interface RandomFeaturesDataOptions {
  /** Input dimension D. */
  d: number;
  /** Number of features N (γ = N/D). */
  n: number;
  /** Number of examples P (α_D = P/D). */
  p: number;
  activation?: string;
}

/** Centred features of P inputs (row-major P × D) through F (N × D). */
export function featuresOf(F: Float64Array, inputs: Float64Array, d: number, n: number, p: number, act: Activation, mu0: number): Float64Array {
  const out = new Float64Array(p * n);
  const s = 1 / Math.sqrt(d);
  for (let mu = 0; mu < p; mu++) {
    const xo = mu * d;
    for (let i = 0; i < n; i++) {
      const fo = i * d;
      let z = 0;
      for (let k = 0; k < d; k++) z += F[fo + k]! * inputs[xo + k]!;
      out[mu * n + i] = act.phi(z * s) - mu0;
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

export function randomFeaturesData(seed: number, o: RandomFeaturesDataOptions): RandomFeaturesData {
  if (!(Number.isInteger(o.d) && o.d > 0 && Number.isInteger(o.n) && o.n > 0 && Number.isInteger(o.p) && o.p >= 0)) throw new RangeError(`random-features data: D, N, P must be positive integers (got ${o.d}, ${o.n}, ${o.p})`);
  const activation = activationByName(o.activation ?? 'sign');
  const features = featureMap(activation);
  const rng = createRng(seed);
  const v = drawTeacher(rng, o.d, 'spherical');
  const F = rng.fillNormal(new Float64Array(o.n * o.d));
  const inputs = rng.fillNormal(new Float64Array(o.p * o.d));
  const x = featuresOf(F, inputs, o.d, o.n, o.p, activation, features.mu0);
  return { data: { n: o.n, p: o.p, x, y: teacherLabels(v, inputs, o.d, o.p), seed }, d: o.d, inputs, F, v, activation, features, seed };
}

/** Fresh examples through the same F and teacher (for test errors). */
export function randomFeaturesTestSet(rf: RandomFeaturesData, pTest: number, seed: number): Dataset {
  const rng = createRng(seed);
  const inputs = rng.fillNormal(new Float64Array(pTest * rf.d));
  const x = featuresOf(rf.F, inputs, rf.d, rf.data.n, pTest, rf.activation, rf.features.mu0);
  return { n: rf.data.n, p: pTest, x, y: teacherLabels(rf.v, inputs, rf.d, pTest), seed };
}

export interface GaussianEquivalenceCheck {
  samples: number;
  /** Empirical mean, variance of h and covariance with u over the samples. */
  meanH: number;
  varH: number;
  covHU: number;
  /** Gaussian-equivalence predictions from s = Fᵀw/√N. */
  pd: number;
  m: number;
  predictedVarH: number;
  predictedCovHU: number;
}

export function gaussianEquivalence(rf: RandomFeaturesData, w: ArrayLike<number>, samples: number, seed: number): GaussianEquivalenceCheck {
  const { d } = rf;
  const n = rf.data.n;
  const s = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) s[k]! += (w[i]! * rf.F[i * d + k]!) / Math.sqrt(n);
  let pd = 0;
  let m = 0;
  for (let k = 0; k < d; k++) {
    pd += s[k]! * s[k]!;
    m += s[k]! * rf.v[k]!;
  }
  pd /= d;
  m /= d;
  const rng = createRng(seed);
  const inputs = rng.fillNormal(new Float64Array(samples * d));
  const phi = featuresOf(rf.F, inputs, d, n, samples, rf.activation, rf.features.mu0);
  let sh = 0;
  let shh = 0;
  let shu = 0;
  let su = 0;
  for (let mu = 0; mu < samples; mu++) {
    let h = 0;
    for (let i = 0; i < n; i++) h += w[i]! * phi[mu * n + i]!;
    h /= Math.sqrt(n);
    let u = 0;
    for (let k = 0; k < d; k++) u += rf.v[k]! * inputs[mu * d + k]!;
    u /= Math.sqrt(d);
    sh += h;
    shh += h * h;
    shu += h * u;
    su += u;
  }
  const meanH = sh / samples;
  const f = rf.features;
  return {
    samples,
    meanH,
    varH: shh / samples - meanH * meanH,
    covHU: shu / samples - meanH * (su / samples),
    pd,
    m,
    predictedVarH: f.mu1 * f.mu1 * pd + f.muStar * f.muStar,
    predictedCovHU: f.mu1 * m,
  };
}
