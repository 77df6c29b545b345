/**
 * Binary student on random features of Gaussian data, labels from a perceptron teacher (REFERENCE.md §5).
 *
 * Inputs x ∈ ℝ^D, teacher y = sign(v·x/√D) (|v|² = D), features φ_i(x) = σ(f_i·x/√D) with a fixed Gaussian
 * F ∈ ℝ^{N×D}, student ŷ = sign(w·φ(x)/√N), w ∈ {±1}^N, P = α_D·D examples, γ = N/D, α = P/N = α_D/γ.
 *
 * Gaussian equivalence: σ(f·x/√D) ≈ μ₀ + μ₁ f·x/√D + μ* η (σ is centred, μ₀ = 0). For a student w let
 * s = Fᵀw/√N ∈ ℝ^D; its field is h = μ₁ s·x/√D + μ* η_w with η_w ~ N(0, 1) independent of x. Replicas a, b:
 *     Cov(h_a, h_b) = μ₁² p_ab + μ*² q_ab,   Cov(h_a, u) = μ₁ m_a,   u = v·x/√D,
 * with q_ab = w_a·w_b/N, p_ab = s_a·s_b/D, m_a = s_a·v/D. Given the w's, the s_a are Gaussian with
 * covariance q_ab ⊗ I_D, so the number of students with given (q, p, m) is the binary prior's count times
 * the Gaussian large-deviation factor exp(D·G_RF). In RS (p_aa = p_d, p_ab = p, m_a = m, q_ab = q), n → 0:
 *     G_RF = ½[ln(p_d − p) + (p − m²)/(p_d − p)] − ½[p_d/(1 − q) − q(p_d − p)/(1 − q)²]
 *            − ½[ln(1 − q) + q/(1 − q)] + ½                                                   (RF-LD)
 * (zero at the typical values p = q, p_d = 1, m = 0). The free entropy per weight:
 *     φ = −(q̂/2)(1 − q) + ψ_P^binary(q̂) + γ⁻¹ G_RF(q, p_d, p, m) + α ψ_out^TS(q_eff, R_eff; κ_eff)   (RF)
 *     S = μ₁² p_d + μ*²,  q_eff = (μ₁² p + μ*² q)/S,  R_eff = μ₁ m/√S,  κ_eff = κ/√S.
 * The energetic term is the teacher-student perceptron channel evaluated at effective overlaps: nothing
 * of the perceptron is rewritten here. Typical student's errors: ε_G = arccos(R_eff)/π, Bayes (majority
 * vote of typical solutions) ε_B = arccos(R_eff/√q_eff)/π.
 */
import { adaptiveGaussian } from '../math/gauss.js';
import { brent } from '../math/roots.js';
import { newton } from '../saddle/index.js';
import type { Activation } from './activations.js';
import { perceptronChannel } from './channels/perceptron.js';
import { binaryPrior, type Prior } from './prior.js';

/**
 * Gaussian-equivalence coefficients of the activation σ: μ₀ = E σ(z), μ₁ = E zσ(z),
 * μ*² = E σ² − μ₀² − μ₁². The features are centred, σ − μ₀ (a common offset μ₀ Σw/√N would add a
 * student-dependent bias; REFERENCE.md §5), so only μ₁ and μ* enter the theory; `mu0` records what was removed.
 */
export interface FeatureMap {
  name: string;
  mu0: number;
  mu1: number;
  muStar: number;
}

/**
 * Coefficients by adaptive quadrature of the activation (its kinks hinted), for built-in and user
 * activations alike (`src/replica/activations.ts`). They are the first Hermite coefficients of the
 * activation's kernel: μ₁² = Δ'(0) and μ*² = Δ(1) − Δ'(0) (tested).
 */
export function featureMap(act: Activation): FeatureMap {
  const m = adaptiveGaussian();
  const hints = { breakpoints: [...(act.kinks ?? [])] };
  const sigma = (z: number) => act.phi(z);
  const mu0 = m.mean(sigma, hints);
  const mu1 = m.mean((z) => z * sigma(z), hints);
  const second = m.mean((z) => sigma(z) ** 2, hints);
  const star2 = second - mu0 * mu0 - mu1 * mu1;
  if (!(star2 >= -1e-14) || !Number.isFinite(star2)) throw new RangeError(`featureMap: the activation ${act.name} has no finite second moment (μ*² = ${star2})`);
  if (Math.abs(mu1) < 1e-14 && star2 < 1e-14) throw new RangeError(`featureMap: the activation ${act.name} is constant`);
  return { name: act.name, mu0, mu1, muStar: Math.sqrt(Math.max(star2, 0)) };
}

/** The large-deviation exponent (RF-LD) and its gradient. */
export function rfInteraction(q: number, pd: number, p: number, m: number): { G: number; dq: number; dpd: number; dp: number; dm: number } {
  const a = pd - p;
  const b = p - m * m;
  const c = 1 - q;
  const G = 0.5 * (Math.log(a) + b / a) - 0.5 * (pd / c - (q * a) / (c * c)) - 0.5 * (Math.log(c) + q / c) + 0.5;
  return {
    G,
    dq: -0.5 * ((p + q) / (c * c) - (2 * q * a) / (c * c * c)),
    dpd: 0.5 * (1 / a - b / (a * a)) - 0.5 * (1 / c - q / (c * c)),
    dp: b / (2 * a * a) - q / (2 * c * c),
    dm: -m / a,
  };
}

export interface RandomFeaturesSpec {
  features: FeatureMap;
  /** Data per hidden dimension α_D = P/D. */
  alphaD: number;
  /** Overparameterization γ = N/D. */
  gamma: number;
  kappa?: number;
  prior?: Prior;
}

/** The order parameters x = (q, q̂, p_d, p, m). */
export interface RFState {
  q: number;
  qhat: number;
  pd: number;
  p: number;
  m: number;
}

export interface RFPoint extends RFState {
  alphaD: number;
  gamma: number;
  alpha: number;
  /** Entropy per weight of the zero-training-error students. */
  phi: number;
  qEff: number;
  REff: number;
  epsGibbs: number;
  epsBayes: number;
  converged: boolean;
  iterations: number;
  residual: number;
  reason?: string;
}

/**
 * Gaussian equivalence (docs/random-features.md, derivation step 2), the one place the model's fields are
 * written: two students' fields have covariance Cov(h_a, h_b) = μ₁²p_ab + μ*²q_ab (p: overlap of the
 * s-vectors, q: of the weights; a = b gives the variance S = μ₁²p_d + μ*²), a student's field and the
 * teacher's Cov(h_a, u) = μ₁m_a. Every RF construction (RS, large deviations, Franz-Parisi) normalizes these.
 */
export const fieldCovariance = (f: FeatureMap, p: number, q: number): number => f.mu1 * f.mu1 * p + f.muStar * f.muStar * q;
export const teacherCovariance = (f: FeatureMap, m: number): number => f.mu1 * m;

const eff = (f: FeatureMap, s: RFState, kappa: number) => {
  const S = fieldCovariance(f, s.pd, 1);
  return { S, qEff: fieldCovariance(f, s.p, s.q) / S, REff: teacherCovariance(f, s.m) / Math.sqrt(S), kEff: kappa / Math.sqrt(S) };
};

/** φ of (RF) at arbitrary parameters. */
export function rfFreeEntropy(spec: RandomFeaturesSpec, s: RFState): number {
  const prior = spec.prior ?? binaryPrior();
  const kappa = spec.kappa ?? 0;
  const e = eff(spec.features, s, kappa);
  const channel = perceptronChannel({ kappa: e.kEff });
  return -(s.qhat / 2) * (1 - s.q) + prior.terms(s.qhat, 0).psi + rfInteraction(s.q, s.pd, s.p, s.m).G / spec.gamma + (spec.alphaD / spec.gamma) * channel.terms(e.qEff, e.REff).psi;
}

/** ∇φ in (q, q̂, p_d, p, m), analytic (chain rule through the effective overlaps). */
export function rfGradient(spec: RandomFeaturesSpec, s: RFState): Float64Array {
  const prior = spec.prior ?? binaryPrior();
  const kappa = spec.kappa ?? 0;
  const f = spec.features;
  const alpha = spec.alphaD / spec.gamma;
  const e = eff(f, s, kappa);
  const channel = perceptronChannel({ kappa: e.kEff });
  const g = channel.gradient!(e.qEff, e.REff);
  const dK = kappa === 0 ? 0 : channel.dKappa(e.qEff, e.REff);
  const I = rfInteraction(s.q, s.pd, s.p, s.m);
  const mu1sq = f.mu1 * f.mu1;
  const dS = mu1sq / e.S; // ∂ ln S / ∂p_d
  return Float64Array.of(
    s.qhat / 2 + I.dq / spec.gamma + alpha * g.dq * ((f.muStar * f.muStar) / e.S),
    -(1 - s.q) / 2 + prior.gradient!(s.qhat, 0).dQhat,
    I.dpd / spec.gamma + alpha * (g.dq * -e.qEff * dS + g.dR * -0.5 * e.REff * dS + dK * -0.5 * e.kEff * dS),
    I.dp / spec.gamma + alpha * g.dq * (mu1sq / e.S),
    I.dm / spec.gamma + alpha * g.dR * (f.mu1 / Math.sqrt(e.S)),
  );
}

const toState = (x: ArrayLike<number>): RFState => ({ q: x[0]!, qhat: x[1]!, pd: x[2]!, p: x[3]!, m: x[4]! });

function inDomain(f: FeatureMap) {
  return (x: Float64Array): boolean => {
    const s = toState(x);
    if (!(s.q >= 0 && s.q < 1 && s.qhat >= 0 && s.pd > s.p && s.p >= s.m * s.m)) return false;
    const e = eff(f, s, 0);
    return e.qEff >= 0 && e.qEff < 1 && e.REff * e.REff < e.qEff + 1e-300;
  };
}

/** Near α_D → 0 the saddle point is close to the typical values: a safe starting point for homotopy. */
const TYPICAL_START: RFState = { q: 0.05, qhat: 0.05, pd: 1, p: 0.05, m: 0.02 };

function newtonRF(spec: RandomFeaturesSpec, start: RFState, tol: number) {
  const x0 = Float64Array.of(start.q, start.qhat, start.pd, start.p, start.m);
  try {
    return newton((x) => rfGradient(spec, toState(x)), x0, { tol, maxIter: 60, inDomain: inDomain(spec.features), names: ['q', 'qhat', 'pd', 'p', 'm'], fdScheme: 'forward' });
  } catch (err) {
    return { value: x0, converged: false, iterations: 0, residual: Infinity, reason: (err as Error).message };
  }
}

/**
 * Solve the RS saddle point of (RF) by Newton on ∇φ = 0 (forward-difference Jacobian, backtracking).
 * Without a warm start, or if Newton fails from it, a homotopy in α_D (from 2% of the target, where the
 * saddle point is near the typical values, upwards geometrically) carries the solution to the target.
 */
export function solveRandomFeatures(spec: RandomFeaturesSpec, guess?: RFState, opts: { tol?: number } = {}): RFPoint {
  if (!(spec.alphaD > 0 && spec.gamma > 0)) throw new RangeError(`random features: need α_D > 0 and γ > 0 (got ${spec.alphaD}, ${spec.gamma})`);
  const tol = opts.tol ?? 1e-11;
  let r = guess ? newtonRF(spec, guess, tol) : undefined;
  let iterations = r?.iterations ?? 0;
  if (!r?.converged) {
    let state = TYPICAL_START;
    let ok = true;
    for (let k = 0; k <= 20; k++) {
      const step = newtonRF({ ...spec, alphaD: spec.alphaD * 0.02 ** (1 - k / 20) }, state, tol);
      iterations += step.iterations;
      if (!step.converged) {
        ok = false;
        r = { ...step, reason: `homotopy in α_D failed at α_D = ${(spec.alphaD * 0.02 ** (1 - k / 20)).toPrecision(4)} (${step.reason ?? 'no convergence'})` };
        break;
      }
      state = toState(step.value);
      r = step;
    }
    if (ok && r) r = { ...r, iterations };
  }
  if (!r) throw new Error('unreachable');
  if (guess && r.converged && iterations === 0) iterations = r.iterations;
  const s = toState(r.value);
  const e = eff(spec.features, s, spec.kappa ?? 0);
  const clamp = (v: number) => Math.max(-1, Math.min(1, v));
  return {
    ...s,
    alphaD: spec.alphaD,
    gamma: spec.gamma,
    alpha: spec.alphaD / spec.gamma,
    phi: r.converged ? rfFreeEntropy(spec, s) : NaN,
    qEff: e.qEff,
    REff: e.REff,
    epsGibbs: Math.acos(clamp(e.REff)) / Math.PI,
    epsBayes: Math.acos(clamp(e.qEff > 0 ? e.REff / Math.sqrt(e.qEff) : 0)) / Math.PI,
    converged: r.converged,
    iterations,
    residual: r.residual,
    ...(r.converged ? {} : { reason: r.reason ?? 'not converged' }),
  };
}

export interface InterpolationResult {
  /** γ = N/D at which zero-training-error solutions appear (RS entropy = 0). */
  gamma: number;
  /** α = P/N there. */
  alpha: number;
  bracket: [number, number];
  tolerance: number;
  criterion: string;
  converged: boolean;
  point: RFPoint;
  reason?: string;
}

/**
 * The interpolation (SAT/UNSAT) threshold γ_interp(α_D): the zero of the RS entropy of zero-error students
 * in γ (frozen-1RSB criterion, as for the binary perceptron). The entropy grows with γ; the branch is
 * followed downwards from a large γ by continuation (γ ← γ/1.25, shorter steps where the branch is lost)
 * until it changes sign, then Brent with warm starts from the nearest solved point.
 */
export function interpolationThreshold(features: FeatureMap, alphaD: number, opts: { kappa?: number; tol?: number; gammaStart?: number } = {}): InterpolationResult {
  const tol = opts.tol ?? 1e-10;
  const base = { features, alphaD, ...(opts.kappa !== undefined ? { kappa: opts.kappa } : {}) };
  const solved: RFPoint[] = [];
  const at = (gamma: number): RFPoint => {
    const warm = solved.reduce<RFPoint | undefined>((b, p) => (!b || Math.abs(Math.log(p.gamma / gamma)) < Math.abs(Math.log(b.gamma / gamma)) ? p : b), undefined);
    const p = solveRandomFeatures({ ...base, gamma }, warm);
    if (p.converged) solved.push(p);
    return p;
  };
  // Start where α = P/N is well below the binary capacity: entropy positive.
  let hi = opts.gammaStart ?? Math.max(4 * alphaD, 1);
  let phi = at(hi);
  const criterion = 'RS entropy of zero-error students = 0 (frozen 1RSB): γ_interp';
  const fail = (reason: string, p: RFPoint): InterpolationResult => ({ gamma: NaN, alpha: NaN, bracket: [NaN, NaN], tolerance: tol, criterion, converged: false, point: p, reason });
  while (phi.converged && phi.phi <= 0 && hi < 1e6) {
    hi *= 2;
    phi = at(hi);
  }
  if (!phi.converged || phi.phi <= 0) return fail(`no positive-entropy point found up to γ = ${hi}`, phi);
  let lo = hi;
  let plo = phi;
  // Where the RS branch is lost (q → 1 with a margin, beyond its end) the entropy is already negative
  // above that point: the step is shortened until a converged point with φ < 0 is found.
  let ratio = 1.25;
  for (;;) {
    lo = hi / ratio;
    plo = at(lo);
    if (!plo.converged) {
      ratio = Math.sqrt(ratio);
      if (ratio - 1 < 1e-8) return fail(`the RS branch was lost just below γ = ${hi} before its entropy vanished`, plo);
      continue;
    }
    if (plo.phi < 0) break;
    hi = lo;
    if (lo < 1e-6) return fail('entropy positive down to γ = 1e-6', plo);
  }
  const r = brent(
    (g) => {
      const p = at(g);
      if (!p.converged) throw new Error(`no converged RS point at γ = ${g}`);
      return p.phi;
    },
    lo,
    hi,
    { xtol: tol, rtol: 0 },
  );
  const point = at(r.root);
  return { gamma: r.root, alpha: alphaD / r.root, bracket: r.bracket, tolerance: tol, criterion, converged: r.converged && point.converged, point };
}
