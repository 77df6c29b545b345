/**
 * Franz-Parisi local entropy of the binary student on random features (docs/random-features.md §5b-§5c; the
 * perceptron's construction is franz-parisi.ts, docs/local-entropy.md §2).
 *
 * A reference w̃ is drawn uniformly among the zero-error students of margin κ̃ (s → 0 replicas: its RS point
 * is that of replica/random-features.ts `solveRandomFeatures` at κ̃, (q̃, q̂̃, p̃_d, p̃, m̃)); n → 0
 * constrained replicas w count the zero-error students of margin κ at overlap p = 1 − 2d with reference
 * replica 1. κ̃ = κ is the EQUILIBRIUM reference; κ̃ > κ the high-margin reference (random-features-margin.ts). RS order parameters of the
 * constrained group: q1 (among themselves), p0 (with the other reference replicas), and for the s = Fᵀw/√N
 * vectors P_d (diagonal), P1, Pp (with s̃¹), Pp0 (with s̃^{b≠1}), m (with the teacher). Free entropy:
 *     S(d) = extr [ −(q̂1/2)(1 − q1) − p̂ p + p̂0 p0 + ψ_C(q̂1, p̂, p̂0) + γ⁻¹ G_FP + α ψ_out ]
 *  - ψ_C: the binary prior seen from the reference (replica/reference-prior.ts, unchanged), with (q̃, q̂̃).
 *  - G_FP: the Gaussian large-deviation rate of the joint s-vectors of both groups (random-features.ts RF-LD
 *    for the full (s + n)-replica matrices), its O(n) coefficient at s → 0. For a symmetric matrix with a
 *    reference block (diag a_d, off a_r), reference-1/constrained entries x_p, other-reference/constrained
 *    x_0, constrained block (diag c_d, off c_1), Schur's complement gives
 *        ln det / n → L = ln(c_d − c_1) + (c_1 − K)/(c_d − c_1),
 *        K = (x_p² − x_0²)/(a_d − a_r) − a_r (x_p − x_0)²/(a_d − a_r)²                         (FP-L)
 *    and tr(Q⁻¹P)/n = ∂_ε L(Q + εP) = Σ_i ∂_i L(Q) P_i, so
 *        G_FP = ½ L(P − mmᵀ) − ½ Σ_i ∂_i L(Q) P_i − ½ L(Q) + ½                                 (RF-FP)
 *    with Q = (1, q̃, p, p0, 1, q1), P = (p̃_d, p̃, Pp, Pp0, P_d, P1), mmᵀ from (m̃, m̃, m̃, m̃, m, m).
 *    Without coupling (x_p = x_0 = 0) it is G_RF(q1, P_d, P1, m).
 *  - ψ_out: the perceptron Franz-Parisi channel with teacher labels (κ = 0), in the effective normalized
 *    overlaps S = μ₁²P_d + μ*², S̃ = μ₁²p̃_d + μ*², q1_e = (μ₁²P1 + μ*²q1)/S, p_e = (μ₁²Pp + μ*²p)/√(SS̃),
 *    p0_e = (μ₁²Pp0 + μ*²p0)/√(SS̃), R_e = μ₁m/√S; reference q̃_e = (μ₁²p̃ + μ*²q̃)/S̃, R̃_e = μ₁m̃/√S̃.
 *    With the reference's common field z0, the teacher u = a z0 + b ζ (a = R̃_e/√q̃_e, b² = 1 − a²), the
 *    reference replica h̃¹ = √q̃_e z0 + √(1 − q̃_e) ξ, the constrained cavity mean ω = A z0 + β ζ + s t,
 *        A = p0_e/√q̃_e,  β = (R_e − a A)/b,  B = (p_e − p0_e)/√(1 − q̃_e),  s² = q1_e − A² − β²,  C² = s² − B²,
 *    and by the label symmetry y → −y (both margins act on y·field)
 *        ψ_out = 2 E_{z0} E_ζ[θ(u > 0) E_t[(W/H̃) ln H((κ_e − ω)/√(1 − q1_e))]],   W/H̃ as in reference-channel.ts
 *    with the reference's acceptance at τ = (κ̃_e − √q̃_e z0)/√(1 − q̃_e); the margins enter as effective
 *    margins on normalized fields, κ̃_e = κ̃/√S̃ and κ_e = κ/√S (so ∂F/∂P_d also carries ∂ψ/∂κ_e ∂κ_e/∂P_d).
 *    R_e = R̃_e = 0 (pure-noise features, μ₁ = 0) is the storage channel of reference-channel.ts.
 * Saddle point: q̂1 = −2∂_{q1}F, p̂0 = −∂_{p0}F (F = γ⁻¹G_FP + αψ_out), p̂ from the distance constraint
 * (franz-parisi.ts `solveDistanceConjugate`), q1 = 1 − 2∂ψ_C/∂q̂1, p0 = −∂ψ_C/∂p̂0, ∂F/∂(P_d, P1, Pp, Pp0, m) = 0.
 * Slope dS/dd = 2(p̂ − ∂_p F). The gradient of G_FP is central differences of its closed form; ψ_out and its
 * gradient come from one pass over frozen nodes (`teacherReferencedTerms`, the exact derivative of the
 * quadrature sum, so ψ_out is a smooth function of its arguments); the identities are tested on the solved curve.
 */
import { H, logH, logHAndMills } from '../math/special.js';
import { gaussLegendre } from '../math/node-rules.js';
import { fieldCovariance, solveRandomFeatures, teacherCovariance, type FeatureMap, type RFPoint } from '../replica/random-features.js';
import { defaultNestedRules, referencedPrior, type NestedRules, type ReferencedPrior } from '../replica/reference-prior.js';
import { perceptronKernel } from '../replica/channels/perceptron.js';
import { solveDistanceConjugate, type LocalEntropyPoint } from './franz-parisi.js';
import { failedPoint, pointStatus, solveMap, type SolveReport } from './solve.js';
import { broydenUpdate, finiteDifferenceJacobian, newton } from '../saddle/newton.js';
import { Matrix, solve as solveLinear } from 'ml-matrix';

/** (FP-L): the O(n) coefficient of ln det of the two-group matrix, s → 0. */
export function twoGroupLogDet(ad: number, ar: number, xp: number, x0: number, cd: number, c1: number): number {
  const D = ad - ar;
  const dl = xp - x0;
  const K = (xp * xp - x0 * x0) / D - (ar * dl * dl) / (D * D);
  const e = cd - c1;
  return Math.log(e) + (c1 - K) / e;
}

/** ∂L/∂(a_d, a_r, x_p, x_0, c_d, c_1) of (FP-L), analytic. */
export function twoGroupLogDetGrad(ad: number, ar: number, xp: number, x0: number, cd: number, c1: number): number[] {
  const D = ad - ar;
  const dl = xp - x0;
  const K = (xp * xp - x0 * x0) / D - (ar * dl * dl) / (D * D);
  const e = cd - c1;
  const LK = -1 / e;
  const Kad = -(xp * xp - x0 * x0) / (D * D) + (2 * ar * dl * dl) / (D * D * D);
  const Kar = (xp * xp - x0 * x0) / (D * D) - (dl * dl) / (D * D) - (2 * ar * dl * dl) / (D * D * D);
  const Kxp = (2 * xp) / D - (2 * ar * dl) / (D * D);
  const Kx0 = (-2 * x0) / D + (2 * ar * dl) / (D * D);
  return [LK * Kad, LK * Kar, LK * Kxp, LK * Kx0, 1 / e - (c1 - K) / (e * e), (c1 - K) / (e * e)];
}

/** Reference overlaps of the RF model (its RS point). */
export interface RFReference {
  q: number;
  qhat: number;
  pd: number;
  p: number;
  m: number;
}

/** The constrained group's overlaps (p = 1 − 2d fixed by the distance). */
export interface RFFPOverlaps {
  q1: number;
  p0: number;
  Pd: number;
  P1: number;
  Pp: number;
  Pp0: number;
  m: number;
}

const KEYS = ['q1', 'p0', 'Pd', 'P1', 'Pp', 'Pp0', 'm'] as const;

/** (RF-FP): γ-free Gaussian rate of the constrained group's s-vectors given the reference's. */
export function rfInteractionFP(ref: RFReference, p: number, o: RFFPOverlaps): number {
  const Q = [1, ref.q, p, o.p0, 1, o.q1] as const;
  const P = [ref.pd, ref.p, o.Pp, o.Pp0, o.Pd, o.P1];
  const mm = ref.m;
  const Lpm = twoGroupLogDet(ref.pd - mm * mm, ref.p - mm * mm, o.Pp - mm * o.m, o.Pp0 - mm * o.m, o.Pd - o.m * o.m, o.P1 - o.m * o.m);
  const gQ = twoGroupLogDetGrad(...Q);
  let tr = 0;
  for (let i = 0; i < 6; i++) tr += gQ[i]! * P[i]!;
  return 0.5 * Lpm - 0.5 * tr - 0.5 * twoGroupLogDet(...Q) + 0.5;
}

/** Effective normalized channel overlaps of both groups. */
export function effectiveOverlaps(f: FeatureMap, ref: RFReference, p: number, o: RFFPOverlaps, margins: { kappa: number; kappaRef: number } = { kappa: 0, kappaRef: 0 }) {
  const St = fieldCovariance(f, ref.pd, 1);
  const S = fieldCovariance(f, o.Pd, 1);
  const r = Math.sqrt(S * St);
  return {
    ref: { q: fieldCovariance(f, ref.p, ref.q) / St, R: teacherCovariance(f, ref.m) / Math.sqrt(St), kappa: margins.kappaRef / Math.sqrt(St) },
    q1: fieldCovariance(f, o.P1, o.q1) / S,
    p: fieldCovariance(f, o.Pp, p) / r,
    p0: fieldCovariance(f, o.Pp0, o.p0) / r,
    R: teacherCovariance(f, o.m) / Math.sqrt(S),
    kappa: margins.kappa / Math.sqrt(S),
  };
}

export interface TeacherRefOverlaps {
  q1: number;
  p: number;
  p0: number;
  R: number;
  /** The constrained group's effective margin κ_e = κ/√S (default 0). */
  kappa?: number;
}

/** The reference group as the channel sees it: q̃_e, R̃_e and its effective margin κ̃_e = κ̃/√S̃ (default 0). */
export interface TeacherRefReference {
  q: number;
  R: number;
  kappa?: number;
}

interface Coeffs {
  a: number;
  b: number;
  A: number;
  beta: number;
  B: number;
  s: number;
  C: number;
  sV: number;
}

function coeffs(ref: TeacherRefReference, o: TeacherRefOverlaps): Coeffs {
  const sq = Math.sqrt(ref.q);
  const a = ref.R / sq;
  const b = Math.sqrt(1 - a * a);
  const A = o.p0 / sq;
  const beta = (o.R - a * A) / b;
  const B = (o.p - o.p0) / Math.sqrt(1 - ref.q);
  const s2 = o.q1 - A * A - beta * beta;
  const C2 = s2 - B * B;
  if (!(o.q1 > 0 && o.q1 < 1 && s2 > -1e-12 && C2 > -1e-12 && b > 0)) {
    throw new RangeError(`random-features Franz-Parisi channel: overlaps outside the domain (q1 = ${o.q1}, p = ${o.p}, p0 = ${o.p0}, R = ${o.R}; q̃ = ${ref.q}, R̃ = ${ref.R})`);
  }
  return { a, b, A, beta, B, s: Math.sqrt(Math.max(s2, 0)), C: Math.sqrt(Math.max(C2, 0)), sV: Math.sqrt(1 - o.q1) };
}

/** Outer (z0) nodes: the teacher's sign flips at z0 = 0 (width b/|a|), the reference's acceptance at τ = 0 (width √((1 − q̃)/q̃)). */
function outerNodes(ref: TeacherRefReference, c: Coeffs, rules: NestedRules) {
  const kRef = ref.kappa ?? 0;
  const sq = Math.sqrt(ref.q);
  const sr = Math.sqrt(1 - ref.q);
  return rules.outer.nodes({ breakpoints: kRef === 0 ? [0] : [0, kRef / sq], widths: kRef === 0 ? [Math.min(sr / sq, c.b / Math.max(Math.abs(c.a), 1e-12))] : [c.b / Math.max(Math.abs(c.a), 1e-12), sr / sq] });
}

/** Inner (t) layers of the node layout L at cavity mean μ: the constrained field's kink and the reference's acceptance. */
function innerHints(L: Coeffs, mu: number, tau: number, kappa: number): { breakpoints: number[]; widths: number[] } {
  const breakpoints = [(kappa - mu) / L.s];
  const widths = [L.sV / L.s];
  if (L.B !== 0) {
    breakpoints.push((L.s * tau) / L.B);
    widths.push(Math.max(L.C, 1e-12) / Math.abs(L.B));
  }
  return { breakpoints, widths };
}

/**
 * ψ_out of the header, teacher labels, reference margin κ̃_e (`ref.kappa`) and constrained margin κ_e
 * (`o.kappa`), both effective (divided by the field's standard deviation). `layout` fixes where the
 * quadrature nodes sit (default: at the overlaps themselves); with a frozen layout ψ_out is a smooth
 * function of the overlaps and of κ_e.
 */
export function teacherReferencedPsi(ref: TeacherRefReference, o: TeacherRefOverlaps, rules: NestedRules, layout: TeacherRefOverlaps = o, kernel?: (omega: number, sV: number) => number): number {
  const c = coeffs(ref, o);
  const L = layout === o ? c : coeffs(ref, layout);
  const kappa = o.kappa ?? 0;
  const kLay = layout.kappa ?? 0;
  const kRef = ref.kappa ?? 0;
  const g = perceptronKernel(kappa);
  const f = kernel ?? g.logZ;
  const sq = Math.sqrt(ref.q);
  const sr = Math.sqrt(1 - ref.q);
  const outer = outerNodes(ref, c, rules);
  let psi = 0;
  for (let i = 0; i < outer.z.length; i++) {
    const z0 = outer.z[i]!;
    const tau = (kRef - sq * z0) / sr;
    const lHt = logH(tau);
    const zs = (-c.a * z0) / c.b; // u > 0 ⇔ ζ > ζ*
    // E_t[(W/H̃) g(μ + s t)] at mean μ = A z0 + β ζ (reference-channel.ts's inner integral)
    const inner = (mu: number, muL: number): number => {
      if (c.s === 0) return f(mu, c.sV);
      const nodes = rules.inner.nodes(innerHints(L, muL, tau, kLay));
      let e = 0;
      for (let j = 0; j < nodes.z.length; j++) {
        const t = nodes.z[j]!;
        const ratio = c.C > 0 ? Math.exp(logH((c.s * tau - c.B * t) / c.C) - lHt) : c.B * t >= c.s * tau ? Math.exp(-lHt) : 0;
        if (ratio === 0) continue;
        e += nodes.w[j]! * ratio * f(mu + c.s * t, c.sV);
      }
      return e;
    };
    let ez: number;
    if (c.beta === 0 && L.beta === 0) ez = 2 * H(zs) * inner(c.A * z0, L.A * z0);
    else {
      const zn = halfLine(zs);
      ez = 0;
      for (let k = 0; k < zn.z.length; k++) ez += 2 * zn.w[k]! * inner(c.A * z0 + c.beta * zn.z[k]!, L.A * z0 + L.beta * zn.z[k]!);
    }
    psi += outer.w[i]! * ez;
  }
  return psi;
}

/** ψ_out and its partial derivatives in (q1, p, p0, R, κ_e), all on the nodes laid out at the overlaps themselves. */
export interface TeacherRefTerms {
  psi: number;
  dq1: number;
  dp: number;
  dp0: number;
  dR: number;
  dkappa: number;
}

// Mills ratio G/H of the last `logHAndMills` call (math/special.ts) in the one-pass loop below.
const mills = new Float64Array(1);

/**
 * ψ_out of `teacherReferencedPsi` (layout = o) with its gradient in (q1, p, p0, R, κ_e) from ONE pass over the
 * nodes: the exact derivative of the same quadrature sum with its nodes frozen, so it equals the central
 * differences on frozen nodes up to their O(h²) and rounding errors. With the nodes fixed the summand is
 *     (W/H̃) g(ω),   W/H̃ = exp(ln H(X) − ln H̃),   X = (sτ − Bt)/C,   g = ln H(u),   u = (κ_e − ω)/√(1 − q1),
 *     ω = A z0 + β ζ + s t,
 * and with M = G/H = −(ln H)′:  ∂(W/H̃) = −(W/H̃) M(X) (τ ∂s − t ∂B − X ∂C)/C,   ∂g = −M(u) ∂u,
 *     ∂u = (∂κ_e − z0 ∂A − ζ ∂β − t ∂s)/sV − u ∂sV/sV.
 * The pass accumulates ∂ψ/∂(s, B, C, A, β, sV, κ_e) as if independent; the chain rule through the header's
 * A = p0/√q̃, β = (R − aA)/b, B = (p − p0)/√(1 − q̃), s² = q1 − A² − β², C² = s² − B², sV² = 1 − q1 follows.
 * dR is 0 unless `needR`. Returns undefined where the sum is not differentiable in this form (s = 0 or C = 0, or the β = 0 shortcut
 * whose neighbours in p0 or R use the half-line ζ rule): callers fall back to central differences there.
 */
export function teacherReferencedTerms(ref: TeacherRefReference, o: TeacherRefOverlaps, rules: NestedRules, needR = true): TeacherRefTerms | undefined {
  const c = coeffs(ref, o);
  if (c.s === 0 || !(c.C > 0) || (c.beta === 0 && (c.a !== 0 || needR))) return undefined;
  const kappa = o.kappa ?? 0;
  const kRef = ref.kappa ?? 0;
  const sq = Math.sqrt(ref.q);
  const sr = Math.sqrt(1 - ref.q);
  const outer = outerNodes(ref, c, rules);
  let psi = 0;
  // ∂ψ/∂(s, B, C, A, β, sV, κ_e) at fixed nodes
  let dS = 0;
  let dB = 0;
  let dC = 0;
  let dA = 0;
  let dBeta = 0;
  let dSV = 0;
  let dK = 0;
  const { s, B, C, sV } = c;
  for (let i = 0; i < outer.z.length; i++) {
    const z0 = outer.z[i]!;
    const tau = (kRef - sq * z0) / sr;
    const lHt = logH(tau);
    const zs = (-c.a * z0) / c.b;
    const zn = c.beta === 0 ? { z: Float64Array.of(0), w: Float64Array.of(H(zs)) } : halfLine(zs);
    for (let k = 0; k < zn.z.length; k++) {
      const zeta = zn.z[k]!;
      const mu = c.A * z0 + c.beta * zeta;
      const nodes = rules.inner.nodes(innerHints(c, mu, tau, kappa));
      // Σ_j w_j (W/H̃) g and the sums multiplying the coefficient derivatives (P: through W, Q: through g)
      let e = 0;
      let pt = 0;
      let pX = 0;
      let qSum = 0;
      let qt = 0;
      let qu = 0;
      let pTau = 0;
      for (let j = 0; j < nodes.z.length; j++) {
        const t = nodes.z[j]!;
        const X = (s * tau - B * t) / C;
        const ratio = Math.exp(logHAndMills(X, mills) - lHt);
        if (ratio === 0) continue;
        const mX = mills[0]!;
        const u = (kappa - (mu + s * t)) / sV;
        const g = logHAndMills(u, mills);
        const wr = nodes.w[j]! * ratio;
        e += wr * g;
        const P = (wr * mX * g) / C;
        const Q = (wr * mills[0]!) / sV;
        pTau += P;
        pt += P * t;
        pX += P * X;
        qSum += Q;
        qt += Q * t;
        qu += Q * u;
      }
      const wk = 2 * zn.w[k]!;
      psi += outer.w[i]! * wk * e;
      const ww = outer.w[i]! * wk;
      dS += ww * (-pTau * tau + qt);
      dB += ww * pt;
      dC += ww * pX;
      dA += ww * qSum * z0;
      dBeta += ww * qSum * zeta;
      dSV += ww * qu;
      dK -= ww * qSum;
    }
  }
  // chain rule to (q1, p, p0, R, κ_e)
  const sA = 1 / sq; // ∂A/∂p0
  const sBeta0 = -c.a / (c.b * sq); // ∂β/∂p0
  const ds2p0 = -2 * c.A * sA - 2 * c.beta * sBeta0;
  const ds2R = (-2 * c.beta) / c.b;
  return {
    psi,
    dq1: dS / (2 * s) + dC / (2 * C) - dSV / (2 * sV),
    dp: dB / sr - (dC * B) / (C * sr),
    dp0: dA * sA + dBeta * sBeta0 + (dS * ds2p0) / (2 * s) - dB / sr + (dC * (ds2p0 + (2 * B) / sr)) / (2 * C),
    dR: needR ? dBeta / c.b + (dS * ds2R) / (2 * s) + (dC * ds2R) / (2 * C) : 0,
    dkappa: dK,
  };
}

/**
 * ∂ψ_out/∂q1 at fixed (p, p0, R) by the heat equation and Price's theorem: the extra variance of ω is
 * independent of the reference and the teacher, and ∂_V g = ½(g'' + g'²), so ∂ψ/∂q1 = −½ E[(weights) g'²].
 * An independent check of the finite differences used by the solver (tested).
 */
export function teacherReferencedDq1(ref: TeacherRefReference, o: TeacherRefOverlaps, rules: NestedRules): number {
  const g = perceptronKernel(o.kappa ?? 0);
  return -0.5 * teacherReferencedPsi(ref, o, rules, o, (w, sV) => g.d1(w, sV) ** 2);
}

/**
 * ∫_{ζ*}^∞ Dζ f(ζ) by Gauss-Legendre(6) on panels at ζ* + (0, ½, 1½, 3, 5, 9) (cut at 9, where the
 * Gaussian density is 1e-18): the integrand is smooth on the half-line (the constrained field's layer is
 * smoothed by the t-integral of width s).
 */
const ORDER = 6;
function halfLine(zs: number): { z: Float64Array; w: Float64Array } {
  // ζ* ≥ 9: the half-line carries Gaussian mass H(9) ≈ 1e-19, below the rule's own cut: no nodes.
  if (zs >= 9) return { z: new Float64Array(0), w: new Float64Array(0) };
  const start = Math.max(zs, -9);
  const edges = [0, 0.5, 1.5, 3, 5, 9, 18].map((e) => start + e).filter((e) => e <= 9);
  if (edges[edges.length - 1]! < 9) edges.push(9);
  const gl = gaussLegendre(ORDER);
  const z = new Float64Array((edges.length - 1) * ORDER);
  const w = new Float64Array(z.length);
  let k = 0;
  for (let i = 0; i + 1 < edges.length; i++) {
    const c = 0.5 * (edges[i]! + edges[i + 1]!);
    const h = 0.5 * (edges[i + 1]! - edges[i]!);
    for (let j = 0; j < ORDER; j++, k++) {
      z[k] = c + h * gl.x[j]!;
      w[k] = (h * gl.w[j]! * Math.exp(-0.5 * z[k]! * z[k]!)) / Math.sqrt(2 * Math.PI);
    }
  }
  return { z: z.subarray(0, k), w: w.subarray(0, k) };
}

export interface RFFPSpec {
  features: FeatureMap;
  alphaD: number;
  gamma: number;
  alpha: number;
  /** Margin of the counted (constrained) students, on the field y w·φ(x)/√N. */
  kappa: number;
  /** Margin of the reference's students (κ̃ = κ: equilibrium reference; κ̃ > κ: high-margin reference). */
  kappaRef: number;
  reference: RFReference;
  /** The reference's RS entropy φ_RS(κ̃) (for κ̃ = κ the maximum of S(d), at d* = (1 − q̃)/2). */
  entropy: number;
  referencePoint: RFPoint;
  prior: ReferencedPrior;
  rules: NestedRules;
}

/**
 * The construction at (α_D, γ): counted students of margin κ (default 0) around a reference drawn among the
 * zero-error students of margin κ̃ (default κ: equilibrium reference), whose RS point is solved here.
 */
export function rfFranzParisiSpec(o: { features: FeatureMap; alphaD: number; gamma: number; kappa?: number; kappaRef?: number; rules?: NestedRules; reference?: RFPoint; referenceGuess?: RFPoint }): RFFPSpec {
  const kappa = o.kappa ?? 0;
  const kappaRef = o.kappaRef ?? kappa;
  const pt = o.reference ?? solveRandomFeatures({ features: o.features, alphaD: o.alphaD, gamma: o.gamma, kappa: kappaRef }, o.referenceGuess, { tol: 1e-12 });
  if (!pt.converged) throw new RangeError(`random-features Franz-Parisi: the reference's RS point did not converge at α_D = ${o.alphaD}, γ = ${o.gamma}, κ̃ = ${kappaRef} (${pt.reason ?? 'unknown'})`);
  const rules = o.rules ?? defaultNestedRules();
  return {
    features: o.features,
    alphaD: o.alphaD,
    gamma: o.gamma,
    alpha: o.alphaD / o.gamma,
    kappa,
    kappaRef,
    reference: { q: pt.q, qhat: pt.qhat, pd: pt.pd, p: pt.p, m: pt.m },
    entropy: pt.phi,
    referencePoint: pt,
    prior: referencedPrior('binary', rules),
    rules,
  };
}

/** F = γ⁻¹G_FP + αψ_out at arbitrary overlaps (channel nodes from `layout`). */
export function rfFPEnergetic(spec: RFFPSpec, p: number, o: RFFPOverlaps, layout?: { p: number; o: RFFPOverlaps }): number {
  const e = effectiveOverlaps(spec.features, spec.reference, p, o, spec);
  const lay = layout ? effectiveOverlaps(spec.features, spec.reference, layout.p, layout.o, spec) : e;
  const psi = teacherReferencedPsi(e.ref, e, spec.rules, lay);
  return rfInteractionFP(spec.reference, p, o) / spec.gamma + spec.alpha * psi;
}

/**
 * ∂F/∂(q1, p0, P_d, P1, Pp, Pp0, m, p): G_FP by central differences (closed form), ψ_out with its gradient in
 * its four effective overlaps (and κ_e = κ/√S when κ ≠ 0) on frozen nodes in one pass (`teacherReferencedTerms`;
 * central differences where that does not apply), then the chain rule through (q1_e, p_e, p0_e, R_e, κ_e).
 */
export function rfFPGradient(spec: RFFPSpec, p: number, o: RFFPOverlaps, h = 1e-5): { F: number; grad: Record<(typeof KEYS)[number] | 'p', number> } {
  const f = spec.features;
  const e = effectiveOverlaps(f, spec.reference, p, o, spec);
  const ch: Required<TeacherRefOverlaps> = { q1: e.q1, p: e.p, p0: e.p0, R: e.R, kappa: e.kappa };
  const skip = (k: keyof TeacherRefOverlaps) => (k === 'R' && f.mu1 === 0) || (k === 'kappa' && (spec.kappa === 0 || f.mu1 === 0));
  const dpsi: Record<keyof TeacherRefOverlaps, number> = { q1: 0, p: 0, p0: 0, R: 0, kappa: 0 };
  let psi: number;
  const t = teacherReferencedTerms(e.ref, ch, spec.rules, !skip('R'));
  if (t) {
    // one pass: ψ_out and its exact gradient on the frozen nodes
    psi = t.psi;
    dpsi.q1 = t.dq1;
    dpsi.p = t.dp;
    dpsi.p0 = t.dp0;
    if (!skip('R')) dpsi.R = t.dR;
    if (!skip('kappa')) dpsi.kappa = t.dkappa;
  } else {
    psi = teacherReferencedPsi(e.ref, ch, spec.rules, ch);
    for (const k of ['q1', 'p', 'p0', 'R', 'kappa'] as const) {
      if (skip(k)) continue;
      const up = teacherReferencedPsi(e.ref, { ...ch, [k]: ch[k] + h }, spec.rules, ch);
      const dn = teacherReferencedPsi(e.ref, { ...ch, [k]: ch[k] - h }, spec.rules, ch);
      dpsi[k] = (up - dn) / (2 * h);
    }
  }
  const G0 = rfInteractionFP(spec.reference, p, o);
  const dG = (k: (typeof KEYS)[number] | 'p') => {
    if (k === 'p') return (rfInteractionFP(spec.reference, p + h, o) - rfInteractionFP(spec.reference, p - h, o)) / (2 * h);
    return (rfInteractionFP(spec.reference, p, { ...o, [k]: o[k] + h }) - rfInteractionFP(spec.reference, p, { ...o, [k]: o[k] - h })) / (2 * h);
  };
  const m1 = f.mu1 * f.mu1;
  const ms = f.muStar * f.muStar;
  const S = m1 * o.Pd + ms;
  const St = m1 * spec.reference.pd + ms;
  const r = Math.sqrt(S * St);
  const a = spec.alpha;
  const ig = 1 / spec.gamma;
  const grad = {
    q1: ig * dG('q1') + a * dpsi.q1 * (ms / S),
    p0: ig * dG('p0') + a * dpsi.p0 * (ms / r),
    Pd: ig * dG('Pd') + a * (m1 / S) * (-dpsi.q1 * e.q1 - 0.5 * dpsi.p * e.p - 0.5 * dpsi.p0 * e.p0 - 0.5 * dpsi.R * e.R - 0.5 * dpsi.kappa * e.kappa),
    P1: ig * dG('P1') + a * dpsi.q1 * (m1 / S),
    Pp: ig * dG('Pp') + a * dpsi.p * (m1 / r),
    Pp0: ig * dG('Pp0') + a * dpsi.p0 * (m1 / r),
    m: ig * dG('m') + a * dpsi.R * (f.mu1 / Math.sqrt(S)),
    p: ig * dG('p') + a * dpsi.p * (ms / r),
  };
  return { F: ig * G0 + a * psi, grad };
}

export interface RFFPState extends RFFPOverlaps {
  qhat1: number;
  phat: number;
  phat0: number;
}

/** S at arbitrary parameters (for identity tests). */
export function rfFranzParisiEntropy(spec: RFFPSpec, p: number, s: RFFPState): number {
  const pr = spec.prior.terms(spec.reference, { qhat1: s.qhat1, phat: s.phat, phat0: s.phat0 });
  return -(s.qhat1 / 2) * (1 - s.q1) - s.phat * p + s.phat0 * s.p0 + pr.psi + rfFPEnergetic(spec, p, s);
}

/**
 * The state at d* = (1 − q̃)/2 where the constrained replicas are further reference replicas: the exact
 * solution for an equilibrium reference (κ̃ = κ), the start of the homotopy in κ̃ otherwise.
 */
export function rfEquilibriumState(spec: Pick<RFFPSpec, 'reference'>): RFFPState {
  const r = spec.reference;
  return { q1: r.q, p0: r.q, Pd: r.pd, P1: r.p, Pp: r.p, Pp0: r.p, m: r.m, qhat1: r.qhat, phat: r.qhat, phat0: r.qhat };
}

interface Evaluation {
  state: RFFPState;
  residual: Float64Array;
  S: number;
  slope: number;
}

function evaluate(spec: RFFPSpec, p: number, o: RFFPOverlaps, phatGuess: number): Evaluation {
  const { F, grad } = rfFPGradient(spec, p, o);
  const qhat1 = Math.max(-2 * grad.q1, 0);
  const phat0 = -grad.p0;
  const { phat, terms } = solveDistanceConjugate(spec.prior, spec.reference, qhat1, phat0, p, phatGuess);
  const state: RFFPState = { ...o, qhat1, phat, phat0 };
  const residual = Float64Array.of(1 - 2 * terms.dQhat1 - o.q1, -terms.dPhat0 - o.p0, grad.Pd, grad.P1, grad.Pp, grad.Pp0, grad.m);
  const S = -(qhat1 / 2) * (1 - o.q1) - phat * p + phat0 * o.p0 + terms.psi + F;
  return { state, residual, S, slope: 2 * (phat - grad.p) };
}

/**
 * Tangent predictor at a solved point: dx/dd = −J⁻¹ ∂r/∂d (J the solver's Jacobian in the 7 overlaps, ∂r/∂d a
 * one-sided difference towards `towards`), so the first step away from an anchor moves the s-overlaps with p
 * (a guess left at the old overlaps can put the conjugates outside the prior's domain, q̂1 q̂̃ < p̂0²).
 */
export function rfTangent(spec: RFFPSpec, pt: { d: number; state: RFFPState; jacobian: number[][] }, towards: number): RFFPOverlaps | undefined {
  const h = 1e-6 * Math.sign(towards - pt.d);
  try {
    const r = evaluate(spec, 1 - 2 * (pt.d + h), pt.state, pt.state.phat).residual;
    const rhs = Matrix.columnVector(Array.from(r, (v) => -v / h));
    const dx = solveLinear(new Matrix(pt.jacobian), rhs).getColumn(0);
    if (!dx.every(Number.isFinite)) return undefined;
    const step = towards - pt.d;
    return toOverlaps(KEYS.map((k, i) => pt.state[k] + dx[i]! * step));
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

const toOverlaps = (x: ArrayLike<number>): RFFPOverlaps => ({ q1: x[0]!, p0: x[1]!, Pd: x[2]!, P1: x[3]!, Pp: x[4]!, Pp0: x[5]!, m: x[6]! });
const fromOverlaps = (o: RFFPOverlaps) => Float64Array.from(KEYS, (k) => o[k]);

/** Solve the saddle point at distance d (Newton with a finite-difference or reused Jacobian). */
export function solveRFFranzParisi(spec: RFFPSpec, d: number, opts: { guess?: RFFPState; tol?: number; jacobian?: number[][] } = {}): LocalEntropyPoint & { state?: RFFPState } {
  const p = 1 - 2 * d;
  const tol = opts.tol ?? 1e-9;
  const dStar = (1 - spec.reference.q) / 2;
  if (Math.abs(d - dStar) <= 1e-13 && spec.kappaRef === spec.kappa) {
    // The exact solution lies on the boundary C = 0 of the channel's domain (no central differences there):
    // S from its value, slope 0 (the maximum).
    const x = rfEquilibriumState(spec);
    const e: Evaluation = { state: x, residual: new Float64Array(7), S: rfFranzParisiEntropy(spec, p, x), slope: 0 };
    return pointOf(spec, d, e, tol, { converged: true, iterations: 0 });
  }
  const g = opts.guess ?? rfEquilibriumState(spec);
  let phatGuess = g.phat;
  let last: Evaluation | undefined;
  const map = (x: Float64Array) => {
    const e = evaluate(spec, p, toOverlaps(x), phatGuess);
    phatGuess = e.state.phat;
    last = e;
    return e.residual;
  };
  const x0 = intoDomain(spec, p, g);
  let r: { value: Float64Array; converged: boolean; iterations: number; residual: number; reason?: string; jacobian?: number[][] } | undefined;
  try {
    if (opts.jacobian) r = solveMap(map, x0, { tol, names: [...KEYS], residual: (_x, m) => m, jacobian: opts.jacobian });
    if (!r?.converged) {
      // Newton with a forward-difference Jacobian (one residual per column) at the start, kept current by
      // Broyden's rank-one update J ← J + (Δr − JΔx)Δxᵀ/|Δx|² between accepted steps and recomputed whenever
      // an accepted step reduced max|r| by less than 10%; the Jacobian used last is kept for the next point.
      // Newton stops on the residual of an actual evaluation (max|r| ≤ tol): the update only changes the path.
      let lastJ: number[][] | undefined;
      let lastF: { x: Float64Array; f: Float64Array } | undefined;
      let prev: { x: Float64Array; f: Float64Array; res: number } | undefined;
      let broyden = false; // whether the last Jacobian handed to newton was an update
      const F = (x: Float64Array) => {
        let f: Float64Array;
        try {
          f = map(x);
        } catch (err) {
          if (!(err instanceof RangeError)) throw err;
          f = Float64Array.from(x, () => Infinity);
        }
        lastF = { x: Float64Array.from(x), f };
        return f;
      };
      const jacobian = (x: Float64Array) => {
        // newton asks for J at its current iterate, the last point it evaluated (the accepted step)
        const f = lastF && lastF.x.every((v, i) => v === x[i]) ? lastF.f : F(x);
        const res = Math.max(...Array.from(f, Math.abs));
        broyden = !!(lastJ && prev && res <= 0.9 * prev.res);
        const J = broyden ? broydenUpdate(lastJ!, x.map((v, i) => v - prev!.x[i]!), f.map((v, i) => v - prev!.f[i]!)) : finiteDifferenceJacobian(F, x, 1e-7, undefined, { f0: f });
        prev = { x: Float64Array.from(x), f, res };
        return (lastJ = J);
      };
      const start = r && Number.isFinite(r.residual) ? r.value : x0;
      let n = newton(F, start, { tol, maxIter: 20, jacobian, names: [...KEYS] });
      if (!n.converged && n.reason === 'line-search-failed' && broyden && Number.isFinite(n.residual)) {
        // a Broyden direction that is no descent direction: again from a fresh forward-difference Jacobian
        prev = undefined;
        n = newton(F, n.value, { tol, maxIter: 20, jacobian, names: [...KEYS] });
      }
      r = { ...n, ...(lastJ ? { jacobian: lastJ } : {}) };
    }
  } catch (err) {
    return failedPoint(d, `solver error: ${(err as Error).message}`);
  }
  let e: Evaluation;
  try {
    const v = r!.value;
    e = last && KEYS.every((k, i) => last!.state[k] === v[i]) ? last : evaluate(spec, p, toOverlaps(v), phatGuess);
  } catch (err) {
    return failedPoint(d, `no valid point at the solver's end (${(err as Error).message})`);
  }
  const rr = r!;
  return pointOf(spec, d, e, tol, { converged: rr.converged, iterations: rr.iterations, ...(rr.reason ? { reason: rr.reason } : {}), ...(rr.jacobian ? { jacobian: rr.jacobian } : {}) });
}

/** Move a guess inside the channel's domain (C² > 0) by pulling q1_e towards 1 (q1 and P1 up). */
function intoDomain(spec: RFFPSpec, p: number, g: RFFPOverlaps): Float64Array {
  const ok = (o: RFFPOverlaps) => {
    try {
      const e = effectiveOverlaps(spec.features, spec.reference, p, o, spec);
      const c = coeffs(e.ref, e);
      return c.C > 1e-3 * c.sV;
    } catch {
      return false;
    }
  };
  let o = { ...g };
  for (let k = 0; k < 60 && !ok(o); k++) o = { ...o, q1: o.q1 + 0.1 * (1 - o.q1), P1: o.P1 + 0.1 * (o.Pd - o.P1) };
  return fromOverlaps(o);
}

function pointOf(spec: RFFPSpec, d: number, e: Evaluation, tol: number, report: SolveReport): LocalEntropyPoint & { state: RFFPState } {
  const residual = Math.max(...Array.from(e.residual, Math.abs));
  const s = e.state;
  return {
    d,
    p: 1 - 2 * d,
    localEntropy: e.S,
    slope: e.slope,
    order: { q1: s.q1, p0: s.p0, Pd: s.Pd, P1: s.P1, Pp: s.Pp, Pp0: s.Pp0, m: s.m, q_ref: spec.reference.q },
    conjugates: { qhat1: s.qhat1, phat: s.phat, phat0: s.phat0, qhat_ref: spec.reference.qhat },
    state: s,
    ...pointStatus(residual, tol, report),
  };
}


/**
 * S(d) on a grid by continuation outwards from a start point, each point warm-started from its neighbour
 * (state, Jacobian, predictor in d: quadratic through the last three points, else linear, else the tangent);
 * grid points further than a ratio 1.25 from their predecessor are reached through unreported bridge points. The start is the exact point at d* = (1 − q̃)/2 for an
 * equilibrium reference, the homotopy's anchor (random-features-margin.ts) for a margin reference. Stops in a
 * direction at the first failure.
 */
export function rfFranzParisiCurve(
  spec: RFFPSpec,
  ds: readonly number[],
  opts: { tol?: number; onPoint?: (p: LocalEntropyPoint) => void; start?: LocalEntropyPoint & { state?: RFFPState } } = {},
): { points: LocalEntropyPoint[]; ended: string[] } {
  if (!opts.start && spec.kappaRef !== spec.kappa) throw new RangeError('random-features Franz-Parisi: a margin reference (κ̃ ≠ κ) needs a start point (random-features-margin.ts rfMarginAnchor)');
  const start = opts.start ?? solveRFFranzParisi(spec, (1 - spec.reference.q) / 2);
  if (!start.converged || !start.state) throw new RangeError(`random-features Franz-Parisi: no converged start point at d = ${start.d} (${start.reason ?? 'no state'})`);
  const sorted = [...ds].sort((a, b) => a - b);
  const ended: string[] = [];
  const ratio = Math.log(1.25);
  const run = (grid: number[]) => {
    const out: (LocalEntropyPoint & { state?: RFFPState })[] = [];
    let prev: LocalEntropyPoint & { state?: RFFPState } = start;
    let older: typeof prev | undefined;
    let oldest: typeof prev | undefined;
    for (const target of grid) {
      const n = Math.max(1, Math.ceil(Math.abs(Math.log(target / prev.d)) / ratio));
      const path = Array.from({ length: n }, (_, k) => (k + 1 === n ? target : Math.exp(Math.log(prev.d) + ((Math.log(target) - Math.log(prev.d)) * (k + 1)) / n)));
      let failed = false;
      for (const d of path) {
        let guess = prev.state!;
        if (oldest?.state && older?.state && oldest.d !== older.d && older.d !== prev.d && oldest.d !== prev.d) {
          // quadratic (Lagrange) predictor through the last three points: fewer quasi-Newton steps than the linear one
          const xs = [oldest, older, prev];
          const L = xs.map((a, i) => xs.reduce((acc, b, j) => (j === i ? acc : (acc * (d - b.d)) / (a.d - b.d)), 1));
          guess = { ...guess };
          for (const k of Object.keys(guess) as (keyof RFFPState)[]) guess[k] = xs.reduce((acc, a, i) => acc + L[i]! * a.state![k], 0);
        } else if (older?.state && older.d !== prev.d) {
          const t = (d - prev.d) / (prev.d - older.d);
          guess = { ...guess };
          for (const k of Object.keys(guess) as (keyof RFFPState)[]) guess[k] = prev.state![k] + t * (prev.state![k] - older.state[k]);
        } else if (prev.jacobian) {
          const tangent = rfTangent(spec, { d: prev.d, state: prev.state!, jacobian: prev.jacobian }, d);
          if (tangent) guess = { ...guess, ...tangent };
        }
        let pt = solveRFFranzParisi(spec, d, { guess, ...(opts.tol ? { tol: opts.tol } : {}), ...(prev.jacobian ? { jacobian: prev.jacobian } : {}) });
        if (!pt.converged) pt = solveRFFranzParisi(spec, d, { guess: prev.state!, ...(opts.tol ? { tol: opts.tol } : {}) });
        if (!pt.converged) {
          // Towards the dense end q̂1 and p̂0 fall to 0 (the constrained replicas decouple: S → H₂(d)); the binary
          // prior seen from the reference needs a real field, q̂1 q̂̃ ≥ p̂0², and has no continuation past it.
          const s = prev.state!;
          const edge = s.qhat1 < 1e-2 * spec.reference.qhat ? ` (the last point, d = ${prev.d.toPrecision(4)}, has q̂1 = ${s.qhat1.toExponential(2)}, q̂1 q̂̃ − p̂0² = ${(s.qhat1 * spec.reference.qhat - s.phat0 ** 2).toExponential(2)}: the dense limit where the constrained replicas decouple, at the edge of the prior's domain q̂1 q̂̃ ≥ p̂0²)` : '';
          ended.push(`at d = ${d}: ${pt.reason ?? 'no convergence'}${edge}`);
          failed = true;
          break;
        }
        oldest = older;
        older = prev;
        prev = pt;
      }
      if (failed) break;
      out.push(prev);
      opts.onPoint?.(prev);
    }
    return out;
  };
  const down = run(sorted.filter((d) => d < start.d).reverse());
  const up = run(sorted.filter((d) => d >= start.d));
  return { points: [...down.reverse(), ...up], ended };
}
