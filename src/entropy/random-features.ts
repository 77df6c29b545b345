/**
 * Local entropy of the densest regions of the binary student on random features (large deviations,
 * y → ∞, free reference; docs/random-features.md §5). The perceptron's construction
 * (large-deviation.ts, docs/local-entropy.md §4) with the RF pieces:
 *
 *     S_max(d) = extr [ −π̂p − q̂1Δ1/2 − Γq1/2 − (q̂1/2)(1 − q1) + E_h M_L(|h| + π̂; Γ)           (RF-LD)
 *                       + γ⁻¹ G_LD(q1, Δ1, p_d, p1, Δs, m) + α ψ_out^TS(q_eff, Δ_eff, R_eff; κ_eff) ]
 *
 * The first line is the binary prior of the free reference (large-deviation-terms.ts
 * `largeDeviationFreePrior`, unchanged); G_LD is the Gaussian large-deviation rate of s = Fᵀw/√N for the
 * block replica structure (random-features-terms.ts `rfInteractionLD`); the channel is the teacher-student
 * perceptron's y → ∞ term (`teacherLargeDeviationChannel`) at the effective overlaps of the Gaussian
 * equivalence, S = μ₁²p_d + μ*²:
 *     q_eff = (μ₁²p1 + μ*²q1)/S,  Δ_eff = (μ₁²Δs + μ*²Δ1)/S,  R_eff = μ₁m/√S,  κ_eff = κ/√S.
 * Slope dS/dd = 2π̂ (only the prior depends on p = 1 − 2d). Errors of the cloud's members:
 * ε = arccos(R_eff)/π; of its barycenter (Bayesian prediction of the dense region, the mean field of the
 * block, variance q_eff S): ε_B = arccos(R_eff/√q_eff)/π.
 *
 * Unknowns x = (ln q̂1, ln Γ, p_d, p1, Δs, m); π̂ is solved for the distance inside the map (as in
 * large-deviation.ts), (q1, Δ1) come from the prior, the conjugates' image from the channel and G_LD,
 * and the s-parameters' residual is the gradient of (RF-LD) in them.
 */
import type { FeatureMap, RFPoint } from '../replica/random-features.js';
import { fieldCovariance, solveRandomFeatures, teacherCovariance } from '../replica/random-features.js';
import { defaultLDRules, largeDeviationFreePrior, type LDFreePriorTerms, type LDRules } from './large-deviation-terms.js';
import type { LocalEntropyPoint } from './franz-parisi.js';
import { rfInteractionLD, teacherLargeDeviationChannel, type TeacherLDChannelTerms } from './random-features-terms.js';
import { failedPoint, increasingRoot, pointStatus, solveConstrainedMap, solveMap, type SolveReport } from './solve.js';
import type { CurveModel } from './transition.js';

export interface RFLargeDeviationSpec {
  features: FeatureMap;
  alphaD: number;
  gamma: number;
  kappa: number;
  prior: ReturnType<typeof largeDeviationFreePrior>;
  channel: ReturnType<typeof teacherLargeDeviationChannel>;
  /** The plain RS saddle point of the RF model at (α_D, γ): the far end of the branch and the guess. */
  rs: RFPoint;
}

export function rfLargeDeviationSpec(o: { features: FeatureMap; alphaD: number; gamma: number; kappa?: number; rules?: LDRules; rs?: RFPoint }): RFLargeDeviationSpec {
  if (!(o.alphaD > 0 && o.gamma > 0)) throw new RangeError(`random-features local entropy: need α_D > 0 and γ > 0 (got ${o.alphaD}, ${o.gamma})`);
  const rules = o.rules ?? defaultLDRules();
  const kappa = o.kappa ?? 0;
  const rs = o.rs ?? solveRandomFeatures({ features: o.features, alphaD: o.alphaD, gamma: o.gamma, kappa });
  if (!rs.converged) throw new RangeError(`random-features local entropy: no RS saddle point at α_D = ${o.alphaD}, γ = ${o.gamma} (${rs.reason ?? ''})`);
  return { features: o.features, alphaD: o.alphaD, gamma: o.gamma, kappa, prior: largeDeviationFreePrior({ rules }), channel: teacherLargeDeviationChannel({ rule: rules.outer }), rs };
}

export interface RFLDState {
  qhat1: number;
  Gamma: number;
  pihat: number;
  pd: number;
  p1: number;
  ds: number;
  m: number;
}

interface Evaluation {
  state: RFLDState;
  q1: number;
  d1: number;
  prior: LDFreePriorTerms;
  channel: TeacherLDChannelTerms;
  G: number;
  eff: { S: number; q: number; D: number; R: number; k: number };
  /** ∂(G/γ + αψ_out)/∂(q1, Δ1, p_d, p1, Δs, m) */
  grad: Float64Array;
  next: Float64Array;
}

/** G_LD/γ + αψ_out and its gradient at the overlaps (q1, Δ1) and s-parameters. */
function energetic(spec: RFLargeDeviationSpec, q1: number, d1: number, s: Pick<RFLDState, 'pd' | 'p1' | 'ds' | 'm'>) {
  const f = spec.features;
  const mu1sq = f.mu1 * f.mu1;
  const ms2 = f.muStar * f.muStar;
  const alpha = spec.alphaD / spec.gamma;
  if (!(s.pd > s.p1 && s.p1 >= s.m * s.m && s.pd - s.p1 + s.ds > 0 && 1 - q1 + d1 > 0)) throw new RangeError(`random-features large deviations: s-parameters outside the domain (p_d = ${s.pd}, p1 = ${s.p1}, Δs = ${s.ds}, m = ${s.m})`);
  const S = fieldCovariance(f, s.pd, 1);
  const eff = { S, q: fieldCovariance(f, s.p1, q1) / S, D: fieldCovariance(f, s.ds, d1) / S, R: teacherCovariance(f, s.m) / Math.sqrt(S), k: spec.kappa / Math.sqrt(S) };
  const ch = spec.channel.terms(eff.q, eff.D, eff.R, eff.k);
  const I = rfInteractionLD(q1, d1, s.pd, s.p1, s.ds, s.m);
  const g = 1 / spec.gamma;
  const dS = mu1sq / S;
  const grad = Float64Array.of(
    g * I.dq1 + alpha * ch.dq1 * (ms2 / S),
    g * I.dd1 + alpha * ch.dd1 * (ms2 / S),
    g * I.dpd - alpha * dS * (ch.dq1 * eff.q + ch.dd1 * eff.D + 0.5 * ch.dR * eff.R + 0.5 * ch.dKappa * eff.k),
    g * I.dp1 + alpha * ch.dq1 * dS,
    g * I.dds + alpha * ch.dd1 * dS,
    g * I.dm + alpha * ch.dR * (f.mu1 / Math.sqrt(S)),
  );
  return { value: g * I.G + alpha * ch.psi, G: I.G, ch, eff, grad };
}

function throughChannel(spec: RFLargeDeviationSpec, state: RFLDState, t: LDFreePriorTerms): Evaluation {
  const q1 = 2 * t.dGamma;
  const d1 = 2 * t.dqhat1 - (1 - q1);
  const e = energetic(spec, q1, d1, state);
  const nq = 2 * e.grad[1]!;
  const nG = nq + 2 * e.grad[0]!;
  if (!(nq > 0 && nG > 0)) throw new RangeError(`random-features large deviations: conjugates left the domain (q̂1 = ${nq}, Γ = ${nG})`);
  // s-parameters in the scaled coordinates of `pack`: (p_d, t = (p_d − p1)/(1 − q1), ρ = Δs/Δ1, m) at fixed
  // (q1, Δ1); the residual is the gradient in those coordinates.
  // Near the dense end G_LD and ψ_out depend on p_d, ρ and m only at O(1/Δ1) (C = 1 − q1 + Δ1 ~ Δ1): those
  // rows are scaled by C so that every residual is O(1).
  const x = pack(state, q1, d1);
  const C = 1 - q1 + d1;
  const next = Float64Array.of(Math.log(nq), Math.log(nG), x[2]! + C * (e.grad[2]! + e.grad[3]!), x[3]! - (1 - q1) * e.grad[3]!, x[4]! + d1 * C * e.grad[4]!, x[5]! + C * e.grad[5]!);
  return { state, q1, d1, prior: t, channel: e.ch, G: e.G, eff: e.eff, grad: e.grad, next };
}

/**
 * Unknowns: (ln q̂1, ln Γ, p_d, t, ρ, m) with p1 = p_d − t(1 − q1), Δs = ρΔ1, (q1, Δ1) the prior's overlaps at
 * the conjugates: near the dense end Δ1 diverges (like q̂1^{−1/2}) and p_d − p1 vanishes with 1 − q1, while
 * t and ρ stay O(1) (typical values: t = 1, ρ = 1).
 */
const unpackRaw = (x: ArrayLike<number>) => ({ qhat1: Math.exp(x[0]!), Gamma: Math.exp(x[1]!), pd: x[2]!, t: x[3]!, rho: x[4]!, m: x[5]! });
const sParams = (u: { pd: number; t: number; rho: number; m: number }, q1: number, d1: number) => ({ pd: u.pd, p1: u.pd - u.t * (1 - q1), ds: u.rho * d1, m: u.m });
const pack = (s: RFLDState, q1: number, d1: number) => Float64Array.of(Math.log(s.qhat1), Math.log(s.Gamma), s.pd, (s.pd - s.p1) / (1 - q1), s.ds / d1, s.m);

function evaluate(spec: RFLargeDeviationSpec, p: number, x: ArrayLike<number>, pihatGuess: number): Evaluation {
  const u = unpackRaw(x);
  if (!(u.qhat1 > 0 && u.Gamma > 0 && Number.isFinite(u.qhat1) && Number.isFinite(u.Gamma))) throw new RangeError('random-features large deviations: conjugates outside the domain');
  const r = increasingRoot(
    (pi) => {
      const t = spec.prior.terms({ qhat1: u.qhat1, Gamma: u.Gamma, pihat: pi });
      return { value: t.dPihat, slope: t.d2Pihat, data: t };
    },
    p,
    pihatGuess,
    `distance constraint ∂ψ_P/∂π̂ = p (q̂1 = ${u.qhat1}, Γ = ${u.Gamma})`,
  );
  return throughChannel(spec, stateOf(u, r.x, r.data), r.data);
}

function stateOf(u: ReturnType<typeof unpackRaw>, pihat: number, t: LDFreePriorTerms): RFLDState {
  const q1 = 2 * t.dGamma;
  const d1 = 2 * t.dqhat1 - (1 - q1);
  return { qhat1: u.qhat1, Gamma: u.Gamma, pihat, ...sParams(u, q1, d1) };
}

function pointOf(spec: RFLargeDeviationSpec, d: number, e: Evaluation, tol: number, report: SolveReport): LocalEntropyPoint {
  const p = 1 - 2 * d;
  const s = e.state;
  const alpha = spec.alphaD / spec.gamma;
  const S = -s.pihat * p - (s.qhat1 * e.d1) / 2 - (s.Gamma * e.q1) / 2 - (s.qhat1 / 2) * (1 - e.q1) + e.prior.psi + e.G / spec.gamma + alpha * e.channel.psi;
  const x = pack(s, e.q1, e.d1);
  let residual = 0;
  for (let i = 0; i < 6; i++) residual = Math.max(residual, Math.abs(e.next[i]! - x[i]!));
  const clamp = (v: number) => Math.max(-1, Math.min(1, v));
  return {
    d,
    p,
    localEntropy: S,
    slope: 2 * s.pihat,
    order: {
      q1: e.q1,
      Delta1: e.d1,
      pd: s.pd,
      p1: s.p1,
      Delta_s: s.ds,
      m: s.m,
      qEff: e.eff.q,
      REff: e.eff.R,
      epsCloud: Math.acos(clamp(e.eff.R)) / Math.PI,
      epsBarycenter: Math.acos(clamp(e.eff.R / Math.sqrt(e.eff.q))) / Math.PI,
    },
    conjugates: { qhat1: s.qhat1, Gamma: s.Gamma, pihat: s.pihat },
    ...pointStatus(residual, tol, report, e.q1 < 1 ? undefined : `q1 = ${e.q1} ≥ 1 at the fixed point: not an overlap of binary vectors, a spurious fixed point`),
  };
}

/** The free entropy (RF-LD) at arbitrary parameters (for identity tests); π̂, q1, Δ1 given. */
export function rfLargeDeviationEntropy(spec: RFLargeDeviationSpec, d: number, s: RFLDState & { q1: number; d1: number }): number {
  const p = 1 - 2 * d;
  const t = spec.prior.terms({ qhat1: s.qhat1, Gamma: s.Gamma, pihat: s.pihat });
  const e = energetic(spec, s.q1, s.d1, s);
  return -s.pihat * p - (s.qhat1 * s.d1) / 2 - (s.Gamma * s.q1) / 2 - (s.qhat1 / 2) * (1 - s.q1) + t.psi + e.value;
}

/** Its gradient in (q1, Δ1, q̂1, Γ, π̂, p_d, p1, Δs, m). */
export function rfLargeDeviationGradient(spec: RFLargeDeviationSpec, d: number, s: RFLDState & { q1: number; d1: number }): Float64Array {
  const p = 1 - 2 * d;
  const t = spec.prior.terms({ qhat1: s.qhat1, Gamma: s.Gamma, pihat: s.pihat });
  const e = energetic(spec, s.q1, s.d1, s);
  return Float64Array.of(
    -s.Gamma / 2 + s.qhat1 / 2 + e.grad[0]!,
    -s.qhat1 / 2 + e.grad[1]!,
    -s.d1 / 2 - (1 - s.q1) / 2 + t.dqhat1,
    -s.q1 / 2 + t.dGamma,
    -p + t.dPihat,
    e.grad[2]!,
    e.grad[3]!,
    e.grad[4]!,
    e.grad[5]!,
  );
}

/**
 * Starting point at the dense end (d → 0): the cloud does not feel the constraints (q̂1 ≈ 0, Γ small,
 * π̂ = atanh p; large-deviation.ts), so the energetic term's pull on the s-parameters is negligible and
 * G_LD holds them at their typical values p_d = 1, p1 = q1, Δs = Δ1, m = 0.
 */
export function denseGuess(spec: RFLargeDeviationSpec, d: number): RFLDState {
  const p = 1 - 2 * d;
  const base = { qhat1: 1e-8, Gamma: 1e-3, pihat: Math.atanh(Math.min(p, 1 - 1e-15)) };
  const t = spec.prior.terms(base);
  const q1 = 2 * t.dGamma;
  const d1 = 2 * t.dqhat1 - (1 - q1);
  return { ...base, pd: 1, p1: q1, ds: d1, m: 0 };
}

/** The unknowns of a state (its q1, Δ1 recomputed from the prior at its conjugates). */
function packGuess(spec: RFLargeDeviationSpec, g: RFLDState): Float64Array {
  const t = spec.prior.terms({ qhat1: g.qhat1, Gamma: g.Gamma, pihat: g.pihat });
  const q1 = 2 * t.dGamma;
  return pack(g, q1, 2 * t.dqhat1 - (1 - q1));
}

export function solveRFLargeDeviation(spec: RFLargeDeviationSpec, d: number, opts: { guess?: RFLDState; x0?: { x: Float64Array; pihat: number }; tol?: number; jacobian?: number[][] } = {}): LocalEntropyPoint {
  if (!(d > 0 && d < 0.5)) throw new RangeError(`distance d must lie in (0, 0.5), got ${d}`);
  const p = 1 - 2 * d;
  const g = opts.guess ?? denseGuess(spec, d);
  const tol = opts.tol ?? 1e-10;
  const res = solveConstrainedMap((y, pihat) => evaluate(spec, p, y, pihat), opts.x0 ? opts.x0.x : packGuess(spec, g), opts.x0 ? opts.x0.pihat : g.pihat, (e, x) => pack(e.state, e.q1, e.d1).every((v, i) => v === x[i]), {
    tol,
    names: ['ln q̂1', 'ln Γ', 'p_d', 'p1', 'Δs', 'm'],
    ...(opts.jacobian ? { jacobian: opts.jacobian } : {}),
  });
  if ('reason' in res) return failedPoint(d, res.reason);
  const { evaluation: e, report: r } = res;
  return pointOf(spec, d, e, tol, { converged: r.converged, iterations: r.iterations, ...(r.reason ? { reason: r.reason } : {}), ...(r.jacobian ? { jacobian: r.jacobian } : {}) });
}


export function rfldStateOf(pt: LocalEntropyPoint): RFLDState {
  const c = pt.conjugates;
  const o = pt.order;
  return { qhat1: c.qhat1!, Gamma: c.Gamma!, pihat: c.pihat!, pd: o.pd!, p1: o.p1!, ds: o.Delta_s!, m: o.m! };
}

/** The curve model (transition.ts) of the RF densest regions; totalEntropy = the RF model's RS entropy. */
export function rfLargeDeviationModel(spec: RFLargeDeviationSpec, tol = 1e-10): CurveModel {
  let pihatGuess = NaN;
  const ev = (x: ArrayLike<number>, d: number) => {
    const e = evaluate(spec, 1 - 2 * d, x, Number.isFinite(pihatGuess) ? pihatGuess : Math.atanh(1 - 2 * d));
    pihatGuess = e.state.pihat;
    return e;
  };
  return {
    solve: (d, near) => solveRFLargeDeviation(spec, d, near ? { guess: rfldStateOf(near), tol, ...(near.jacobian ? { jacobian: near.jacobian } : {}) } : { tol }),
    unknowns: unknownsOf,
    residual: (x, d) => ev(x, d).next.map((v, i) => v - x[i]!),
    point: (x, d) => pointOf(spec, d, ev(x, d), tol, { converged: true, iterations: 0 }),
    initialCurve: (grid) => rfLargeDeviationCurve(spec, grid, { tol }).points,
    totalEntropy: spec.rs.phi,
  };
}

/**
 * The far end of the branch: the point at π̂ = π̂₀ (small) solved from the RS saddle point (q̂1 = q̂_RS,
 * Γ = π̂₀, s-parameters at their RS values, p1 and Δs scaled by the weight overlaps), where S_max = φ_RS
 * up to O(π̂₀²).
 */
export function rfFarEnd(spec: RFLargeDeviationSpec, pihat0 = 1e-3): LocalEntropyPoint {
  const rs = spec.rs;
  const t = spec.prior.terms({ qhat1: rs.qhat, Gamma: pihat0, pihat: pihat0 });
  const q1 = 2 * t.dGamma;
  const d1 = 2 * t.dqhat1 - (1 - q1);
  const ratio = (rs.pd - rs.p) / (1 - rs.q);
  return solveRFLargeDeviationAtConjugate(spec, pihat0, { qhat1: rs.qhat, Gamma: pihat0, pihat: pihat0, pd: rs.pd, p1: rs.pd - (1 - q1) * ratio, ds: d1 * ratio, m: rs.m });
}

/**
 * A point on the branch a little below the far end, reached by continuation in π̂ (1e-3 → `pihat`, ratio ≤ 1.3)
 * so that the descent in d starts on the branch with π̂ > 0 (from the far end itself a step in d can land on
 * the continuation past the maximum).
 */
export function rfNearFarEnd(spec: RFLargeDeviationSpec, pihat = 0.04): LocalEntropyPoint {
  let pt = rfFarEnd(spec);
  const n = Math.ceil(Math.log(pihat / 1e-3) / Math.log(1.3));
  for (let k = 1; k <= n && pt.converged; k++) {
    const pi = 1e-3 * Math.pow(pihat / 1e-3, k / n);
    const x = unknownsOf(pt);
    x[1] += Math.log(pi / pt.conjugates.pihat!); // Γ ∝ π̂ near the far end
    try {
      pt = solveRFLargeDeviationAtConjugate(spec, pi, x);
    } catch (err) {
      return { ...pt, converged: false, reason: `π̂-continuation from the far end failed at π̂ = ${pi} (${(err as Error).message})` };
    }
  }
  return pt;
}

/**
 * Follow the branch from `start` to each distance of `grid` in order (either direction), through
 * intermediate log-spaced steps of ratio ≤ `ratio`, halving a failed step (up to 5 times).
 */
export function traceRF(spec: RFLargeDeviationSpec, grid: readonly number[], start: LocalEntropyPoint, opts: { tol?: number; ratio?: number } = {}): { points: LocalEntropyPoint[]; ended?: string; last: LocalEntropyPoint } {
  const tol = opts.tol ?? 1e-10;
  const lr = Math.log(opts.ratio ?? 1.2);
  const points: LocalEntropyPoint[] = [];
  let cur = start;
  let prev: LocalEntropyPoint | undefined;
  for (const target of grid) {
    while (cur.d !== target) {
      const span = Math.log(target / cur.d);
      let step = Math.sign(span) * Math.min(Math.abs(span), lr);
      let pt: LocalEntropyPoint | undefined;
      for (let k = 0; k < 6; k++) {
        const d = Math.abs(step - span) < 1e-12 ? target : cur.d * Math.exp(step);
        // secant predictor in the unknowns from the last two points
        const x0 = prev ? predict(prev, cur, d) : { x: unknownsOf(cur), pihat: cur.conjugates.pihat! };
        pt = solveRFLargeDeviation(spec, d, { x0, tol, ...(cur.jacobian ? { jacobian: cur.jacobian } : {}) });
        if (!pt.converged) pt = solveRFLargeDeviation(spec, d, { x0: { x: unknownsOf(cur), pihat: cur.conjugates.pihat! }, tol });
        if (pt.converged) break;
        step /= 2;
      }
      if (!pt || !pt.converged) return { points, ended: `branch ended near d = ${cur.d.toPrecision(4)} (${pt?.reason ?? 'no convergence'})`, last: cur };
      prev = cur;
      cur = pt;
    }
    points.push(cur);
  }
  return { points, last: cur };
}

/** Secant predictor in the unknowns (ln d as the parameter). */
function predict(a: LocalEntropyPoint, b: LocalEntropyPoint, d: number): { x: Float64Array; pihat: number } {
  const xa = unknownsOf(a);
  const xb = unknownsOf(b);
  const t = Math.log(d / b.d) / Math.log(b.d / a.d);
  if (!Number.isFinite(t) || Math.abs(t) > 3) return { x: xb, pihat: b.conjugates.pihat! };
  return { x: xb.map((v, i) => v + t * (v - xa[i]!)), pihat: b.conjugates.pihat! + t * (b.conjugates.pihat! - a.conjugates.pihat!) };
}

/** The unknowns (ln q̂1, ln Γ, p_d, t, ρ, m) of a solved point. */
export function unknownsOf(pt: LocalEntropyPoint): Float64Array {
  return pack(rfldStateOf(pt), pt.order.q1!, pt.order.Delta1!);
}

/**
 * S_max(d) on a grid. The branch is entered at its far end (rfFarEnd, where the RS saddle point is an exact
 * guess) and followed down to the smallest distance (grid points beyond the far end are skipped; the dense-end guess of
 * large-deviation.ts is not accurate here: at d → 0 the s-parameters p_d, m stay away from their typical
 * values). If the branch from the far end does not reach the dense end (beyond the transition it folds),
 * a dense-end point `dense` (e.g. from a neighbouring γ) is traced upwards instead.
 */
export function rfLargeDeviationCurve(spec: RFLargeDeviationSpec, ds: readonly number[], opts: { tol?: number; dense?: LocalEntropyPoint } = {}): { points: LocalEntropyPoint[]; ended?: string; farEnd?: LocalEntropyPoint } {
  const sorted = [...ds].sort((a, b) => a - b);
  const far = rfNearFarEnd(spec);
  if (!far.converged) return { points: [], ended: `far end not solved (${far.reason ?? ''})` };
  // Only the branch from the far end down to the dense end is traced (beyond the maximum the slope is
  // negative and the continued branch has a corner where π̂ crosses 0: large-deviation.ts).
  const below = sorted.filter((d) => d < far.d).reverse();
  const down = traceRF(spec, below, far, opts);
  let points = down.points.reverse();
  let ended = down.ended;
  if (down.ended && opts.dense) {
    const first = solveRFLargeDeviation(spec, opts.dense.d, { guess: rfldStateOf(opts.dense), ...(opts.tol ? { tol: opts.tol } : {}) });
    if (first.converged) {
      const lowGrid = sorted.filter((d) => d >= first.d);
      const t = traceRF(spec, lowGrid, first, opts);
      points = t.points;
      ended = t.ended ? `from the dense end: ${t.ended}` : undefined;
    }
  }
  return { points, ...(ended ? { ended } : {}), farEnd: far };
}

/**
 * The branch parametrized by π̂ (no constraint to solve: p = ∂ψ_P/∂π̂). At π̂ → 0 the cloud decouples from
 * the reference and S_max → φ_RS of the RF model, q1 → q, the s-parameters → their RS values (tested).
 */
export function solveRFLargeDeviationAtConjugate(spec: RFLargeDeviationSpec, pihat: number, guess: RFLDState | Float64Array, tol = 1e-11): LocalEntropyPoint {
  const ev = (y: ArrayLike<number>) => {
    const u = unpackRaw(y);
    const t = spec.prior.terms({ qhat1: u.qhat1, Gamma: u.Gamma, pihat });
    return throughChannel(spec, stateOf(u, pihat, t), t);
  };
  const r = solveMap((y) => ev(y).next, guess instanceof Float64Array ? guess : packGuess(spec, { ...guess, pihat }), { tol, names: ['ln q̂1', 'ln Γ', 'p_d', 'p1', 'Δs', 'm'], residual: (x, m) => m.map((v, i) => v - x[i]!) });
  const e = ev(r.value);
  const d = (1 - e.prior.dPihat) / 2;
  return pointOf(spec, d, e, tol, { converged: r.converged, iterations: r.iterations, ...(r.reason ? { reason: r.reason } : {}) });
}

export interface RFGeneralization {
  alphaD: number;
  gamma: number;
  /** Typical zero-error student (Gibbs) and the majority vote of all of them (RS, replica/random-features.ts). */
  epsGibbs: number;
  epsBayes: number;
  /** A member of the densest region at distance dDense from its centre: arccos(R_eff)/π. */
  dDense: number;
  epsDense: number | null;
  /** The barycenter (majority vote) of that region: arccos(R_eff/√q_eff)/π. */
  epsBarycenterDense: number | null;
  /** The barycenter's error minimized over the radius d along the dense branch, and where. */
  epsBarycenterBest: number | null;
  dBest: number | null;
  /** Why the dense values are missing (the branch from the far end does not reach dDense: γ < γ_LE). */
  reason?: string;
}

/**
 * Test errors at (α_D, γ) (docs/random-features.md §7): typical solutions (RS), the densest region's members
 * at radius dDense and its barycenter, and the barycenter optimized over the radius along the branch
 * (24 log-spaced radii from dDense to the far end).
 */
export function rfGeneralization(features: FeatureMap, alphaD: number, gamma: number, opts: { kappa?: number; dDense?: number } = {}): RFGeneralization {
  const dDense = opts.dDense ?? 0.01;
  const spec = rfLargeDeviationSpec({ features, alphaD, gamma, ...(opts.kappa !== undefined ? { kappa: opts.kappa } : {}) });
  const base = { alphaD, gamma, epsGibbs: spec.rs.epsGibbs, epsBayes: spec.rs.epsBayes, dDense };
  const far = rfNearFarEnd(spec);
  if (!far.converged) return { ...base, epsDense: null, epsBarycenterDense: null, epsBarycenterBest: null, dBest: null, reason: `far end not solved (${far.reason ?? ''})` };
  const n = 24;
  const grid = Array.from({ length: n }, (_, i) => Math.exp(Math.log(far.d) + ((Math.log(dDense) - Math.log(far.d)) * i) / (n - 1))).filter((d) => d < far.d);
  const t = traceRF(spec, grid, far);
  const pts = [far, ...t.points];
  const best = pts.reduce((a, b) => (b.order.epsBarycenter! < a.order.epsBarycenter! ? b : a));
  const dense = t.ended ? undefined : t.points[t.points.length - 1];
  return {
    ...base,
    epsDense: dense ? dense.order.epsCloud! : null,
    epsBarycenterDense: dense ? dense.order.epsBarycenter! : null,
    epsBarycenterBest: best.order.epsBarycenter!,
    dBest: best.d,
    ...(t.ended ? { reason: `the dense branch from the far end does not reach d = ${dDense}: ${t.ended}` } : {}),
  };
}
