/**
 * Large-deviation local entropy in the limit y → ∞: the local entropy of the densest regions,
 * S_max(d) = lim_{y→∞} (1/Ny) E ln Σ_w̃ e^{yN S(w̃, d)} (docs/local-entropy.md §4; the two terms are in
 * large-deviation-terms.ts).
 *
 * Free reference (default, `reference: 'free'`): w̃ ranges over all of {±1}^N (Baldassi et al. 2015, 2016).
 * The channel then does not involve the reference, Q̃ = P̂0 = 0 exactly, the reference is the clipped
 * centre w̃ = sign h of the cloud, and
 *     S_max = extr_{q1, Δ1, q̂1, Γ, π̂} [ −π̂p − q̂1Δ1/2 − Γq1/2 − (q̂1/2)(1 − q1)
 *                                         + E_h M_L(|h| + π̂; Γ) + α E_{v0} M_g(v0; Δ1) ],
 * h ~ N(0, q̂1), v0 ~ N(0, q1). Slope: dS/dd = 2π̂ (the channel does not depend on p).
 * For π̂ < 0 the same expression (w̃ = sign h kept) is the analytic continuation of the branch; the
 * maximum over w̃ would flip the reference instead. The continuation is what makes the transition criterion
 * min_d dS/dd a continuous function of α (transition.ts).
 *
 * Reference required to be a solution (`reference: 'solution'`, margin κ̃ = κ): the general terms with
 * (Q̃, P̂0, Δ̃, Δp). Where no pattern pins the reference (its stabilities are pushed above κ̃ by the cloud
 * anyway) the solution is the free one; see `solveLargeDeviation`.
 *
 * Unknowns: the conjugates in log scale, y = (ln q̂1, ln Γ) — well conditioned from d → 0 (q̂1 → 0
 * faster than any power: the dense region) to the far end; p is fixed and π̂ solved inside the map.
 */
import { binaryEntropy } from '../math/special.js';
import { continuation } from '../saddle/continuation.js';
import { defaultLDRules, largeDeviationChannel, largeDeviationFreePrior, type LDChannelTerms, type LDFreePriorTerms, type LDRules } from './large-deviation-terms.js';
import type { LocalEntropyPoint } from './franz-parisi.js';
import { failedPoint, increasingRoot, pointStatus, solveConstrainedMap, solveMap, type SolveReport } from './solve.js';
import type { CurveModel } from './transition.js';

export interface LargeDeviationSpec {
  alpha: number;
  kappa: number;
  reference: 'free' | 'solution';
  rules: LDRules;
  channel: ReturnType<typeof largeDeviationChannel>;
  prior: ReturnType<typeof largeDeviationFreePrior>;
}

export function largeDeviationSpec(o: { alpha: number; kappa: number; reference?: 'free' | 'solution'; rules?: LDRules }): LargeDeviationSpec {
  if (!(o.alpha > 0)) throw new RangeError(`large deviations: α must be > 0 (at α = 0 every configuration is a solution and S = H₂(d)), got ${o.alpha}`);
  const rules = o.rules ?? defaultLDRules();
  const reference = o.reference ?? 'free';
  if (reference !== 'free') throw new RangeError("large deviations: only the free reference ('free') is implemented by this solver");
  return { alpha: o.alpha, kappa: o.kappa, reference, rules, channel: largeDeviationChannel({ kappa: o.kappa, kappaRef: -Infinity, rules }), prior: largeDeviationFreePrior({ rules }) };
}

export interface LDState {
  qhat1: number;
  Gamma: number;
  pihat: number;
}

interface Evaluation {
  state: LDState;
  q1: number;
  d1: number;
  prior: LDFreePriorTerms;
  channel: LDChannelTerms;
  next: Float64Array;
}

function evaluate(spec: LargeDeviationSpec, p: number, qhat1: number, Gamma: number, pihatGuess: number): Evaluation {
  const r = increasingRoot(
    (pi) => {
      const t = spec.prior.terms({ qhat1, Gamma, pihat: pi });
      return { value: t.dPihat, slope: t.d2Pihat, data: t };
    },
    p,
    pihatGuess,
    `distance constraint ∂ψ_P/∂π̂ = p (q̂1 = ${qhat1}, Γ = ${Gamma})`,
  );
  return throughChannel(spec, { qhat1, Gamma, pihat: r.x }, r.data);
}

/** Prior terms → overlaps (q1, Δ1) → channel → the conjugates' image (ln q̂1, ln Γ). */
function throughChannel(spec: LargeDeviationSpec, state: LDState, t: LDFreePriorTerms): Evaluation {
  const q1 = 2 * t.dGamma;
  const d1 = 2 * t.dqhat1 - (1 - q1);
  const c = spec.channel.terms({ q1, p: 0, dt: 1, dp: 0, d1 });
  const nq = 2 * spec.alpha * c.dd1;
  const nG = nq + 2 * spec.alpha * c.dq1;
  if (!(nq > 0 && nG > 0)) throw new RangeError(`large deviations: conjugates left the domain (q̂1 = ${nq}, Γ = ${nG})`);
  return { state, q1, d1, prior: t, channel: c, next: Float64Array.of(Math.log(nq), Math.log(nG)) };
}

/** A starting point for d → 0: the dense-region asymptotics q̂1 ≈ 0, Γ ≈ 0, π̂ = atanh p. */
function defaultGuess(p: number): LDState {
  return { qhat1: 1e-8, Gamma: 1e-3, pihat: Math.atanh(Math.min(p, 1 - 1e-15)) };
}

/** The saddle-point map in the unknowns y = (ln q̂1, ln Γ) at distance d, returning its image. */
function mapAt(spec: LargeDeviationSpec, d: number, y: ArrayLike<number>, pihatGuess: number): Evaluation {
  return evaluate(spec, 1 - 2 * d, Math.exp(y[0]!), Math.exp(y[1]!), pihatGuess);
}

/** The local-entropy point of an evaluation at its own input (a solution when the residual vanishes). */
function pointOf(spec: LargeDeviationSpec, d: number, e: Evaluation, tol: number, report: SolveReport): LocalEntropyPoint {
  const p = 1 - 2 * d;
  const s = e.state;
  const S = -s.pihat * p - (s.qhat1 * e.d1) / 2 - (s.Gamma * e.q1) / 2 - (s.qhat1 / 2) * (1 - e.q1) + e.prior.psi + spec.alpha * e.channel.psi;
  const residual = Math.max(Math.abs(e.next[0]! - Math.log(s.qhat1)), Math.abs(e.next[1]! - Math.log(s.Gamma)));
  return {
    d,
    p,
    localEntropy: S,
    slope: 2 * s.pihat,
    order: { q1: e.q1, Delta1: e.d1, Delta_ref: e.prior.dt, Delta_p: e.prior.dp },
    conjugates: { qhat1: s.qhat1, Gamma: s.Gamma, pihat: s.pihat },
    // the map in log-conjugates also has fixed points with q1 ≥ 1 (conjugates → ∞), no overlap of ±1 vectors
    ...pointStatus(residual, tol, report, e.q1 < 1 ? undefined : `q1 = ${e.q1} ≥ 1 at the fixed point (conjugates q̂1 = ${s.qhat1.toExponential(2)}, Γ = ${s.Gamma.toExponential(2)}): not an overlap of binary vectors, a spurious fixed point`),
  };
}

export function solveLargeDeviation(spec: LargeDeviationSpec, d: number, opts: { guess?: LDState; tol?: number; jacobian?: number[][] } = {}): LocalEntropyPoint {
  if (!(d > 0 && d < 0.5)) throw new RangeError(`distance d must lie in (0, 0.5), got ${d}`);
  const p = 1 - 2 * d;
  const g = opts.guess ?? defaultGuess(p);
  const tol = opts.tol ?? 1e-10;
  const res = solveConstrainedMap((y, pihat) => mapAt(spec, d, y, pihat), [Math.log(g.qhat1), Math.log(g.Gamma)], g.pihat, (e, x) => e.state.qhat1 === Math.exp(x[0]!) && e.state.Gamma === Math.exp(x[1]!), {
    tol,
    names: ['ln q̂1', 'ln Γ'],
    ...(opts.jacobian ? { jacobian: opts.jacobian } : {}),
  });
  if ('reason' in res) return failedPoint(d, res.reason);
  const { evaluation: e, report: r } = res;
  return pointOf(spec, d, e, tol, { converged: r.converged, iterations: r.iterations, ...(r.reason ? { reason: r.reason } : {}), ...(r.jacobian ? { jacobian: r.jacobian } : {}) });
}

/** The curve model (transition.ts): unknowns, residual and points, for arclength continuation. */
export function largeDeviationModel(spec: LargeDeviationSpec, tol = 1e-10): CurveModel {
  let pihatGuess = NaN;
  return {
    solve: (d, near) => solveLargeDeviation(spec, d, near ? { guess: ldStateOf(near), tol, ...(near.jacobian ? { jacobian: near.jacobian } : {}) } : { tol }),
    unknowns: (pt) => Float64Array.of(Math.log(pt.conjugates.qhat1!), Math.log(pt.conjugates.Gamma!)),
    residual: (x, d) => {
      const e = mapAt(spec, d, x, Number.isFinite(pihatGuess) ? pihatGuess : Math.atanh(1 - 2 * d));
      pihatGuess = e.state.pihat;
      return e.next.map((v, i) => v - x[i]!);
    },
    point: (x, d) => {
      const e = mapAt(spec, d, x, Number.isFinite(pihatGuess) ? pihatGuess : Math.atanh(1 - 2 * d));
      return pointOf(spec, d, e, tol, { converged: true, iterations: 0 });
    },
  };
}


export function ldStateOf(pt: LocalEntropyPoint): LDState {
  return { qhat1: pt.conjugates.qhat1!, Gamma: pt.conjugates.Gamma!, pihat: pt.conjugates.pihat! };
}

/**
 * S_max(d) on a grid, by continuation from the smallest d upwards (the dense end, where the asymptotic
 * guess is exact), each point warm-started from the previous ones (secant predictor in ln q̂1, ln Γ, π̂).
 */
export function largeDeviationCurve(spec: LargeDeviationSpec, ds: readonly number[], opts: { tol?: number; start?: LDState; onPoint?: (p: LocalEntropyPoint) => void } = {}): { points: LocalEntropyPoint[]; ended: string[] } {
  const sorted = [...ds].sort((a, b) => a - b);
  const history: LocalEntropyPoint[] = [];
  // The dense-end guess is accurate only at small d: a grid starting further out is reached through a
  // bridge of log-spaced distances from d = 1e-3 (ratio ≤ 1.25).
  if (!opts.start && sorted[0]! > 1.25e-3) {
    const n = Math.ceil(Math.log(sorted[0]! / 1e-3) / Math.log(1.25));
    for (let k = 0; k < n; k++) {
      const d = Math.exp(Math.log(1e-3) + (Math.log(sorted[0]!) - Math.log(1e-3)) * (k / n));
      const prev = history[history.length - 1];
      const pt = solveLargeDeviation(spec, d, { ...(prev ? { guess: ldStateOf(prev), ...(prev.jacobian ? { jacobian: prev.jacobian } : {}) } : {}), ...(opts.tol ? { tol: opts.tol } : {}) });
      if (!pt.converged) break;
      history.push(pt);
    }
  }
  const predict = (d: number): LDState | undefined => {
    const a = history[history.length - 1];
    if (!a) return opts.start;
    const b = history[history.length - 2];
    const sa = ldStateOf(a);
    if (!b) return sa;
    const sb = ldStateOf(b);
    const t = (d - a.d) / (a.d - b.d);
    return { qhat1: Math.exp(Math.log(sa.qhat1) + t * (Math.log(sa.qhat1) - Math.log(sb.qhat1))), Gamma: Math.exp(Math.log(sa.Gamma) + t * (Math.log(sa.Gamma) - Math.log(sb.Gamma))), pihat: sa.pihat + t * (sa.pihat - sb.pihat) };
  };
  const branch = continuation<LocalEntropyPoint>({
    params: sorted,
    solve: (d) => {
      // grid steps wider than a ratio 1.25 are bridged by unreported points (a long jump of the predictor can land
      // on a spurious fixed point)
      const from = history[history.length - 1]?.d;
      if (from !== undefined) {
        const n = Math.ceil(Math.abs(Math.log(d / from)) / Math.log(1.25));
        for (let k = 1; k < n; k++) {
          const db = Math.exp(Math.log(from) + ((Math.log(d) - Math.log(from)) * k) / n);
          const pb = history[history.length - 1]!;
          const gb = predict(db);
          const pt = solveLargeDeviation(spec, db, { ...(gb ? { guess: gb } : {}), ...(opts.tol ? { tol: opts.tol } : {}), ...(pb.jacobian ? { jacobian: pb.jacobian } : {}) });
          if (!pt.converged) break;
          history.push(pt);
        }
      }
      const g = predict(d);
      const prev = history[history.length - 1];
      let pt = solveLargeDeviation(spec, d, { ...(g ? { guess: g } : {}), ...(opts.tol ? { tol: opts.tol } : {}), ...(prev?.jacobian ? { jacobian: prev.jacobian } : {}) });
      if (!pt.converged && prev) pt = solveLargeDeviation(spec, d, { guess: ldStateOf(prev), ...(opts.tol ? { tol: opts.tol } : {}) });
      if (pt.converged) history.push(pt);
      return { value: pt, converged: pt.converged, iterations: pt.iterations, residual: pt.residual, ...(pt.reason ? { reason: pt.reason } : {}) };
    },
    ...(opts.onPoint ? { onPoint: (bp) => opts.onPoint!(bp.value) } : {}),
  });
  return { points: branch.points.map((b) => b.value), ended: branch.ended ? [`at d = ${branch.ended.at}: ${branch.ended.reason}`] : [] };
}

/** S_max(d)/H₂(d): → 1 as d → 0 where a dense region exists. */
export function densityRatio(pt: LocalEntropyPoint): number {
  return pt.localEntropy / binaryEntropy(pt.d);
}

/**
 * The large-deviation branch parametrized by its distance conjugate π̂ instead of d (no constraint to
 * solve: p = ∂ψ_P/∂π̂ comes out). At π̂ → 0 the cloud decouples from the reference and S_max → s_RS,
 * q1 → q_RS (the far end of the curve; tested).
 */
export function solveLargeDeviationAtConjugate(spec: LargeDeviationSpec, pihat: number, guess: { qhat1: number; Gamma: number }, tol = 1e-11): LocalEntropyPoint {
  const ev = (y: ArrayLike<number>) => {
    const state = { qhat1: Math.exp(y[0]!), Gamma: Math.exp(y[1]!), pihat };
    return throughChannel(spec, state, spec.prior.terms(state));
  };
  const r = solveMap((y) => ev(y).next, [Math.log(guess.qhat1), Math.log(guess.Gamma)], { tol, names: ['ln q̂1', 'ln Γ'], residual: (x, m) => m.map((v, i) => v - x[i]!) });
  const e = ev(r.value);
  const d = (1 - e.prior.dPihat) / 2;
  return pointOf(spec, d, e, tol, { converged: r.converged, iterations: r.iterations, ...(r.reason ? { reason: r.reason } : {}) });
}

/**
 * Fraction of patterns on which a reference required to be a margin-κ solution would be pinned at its
 * constraint, evaluated at a free-reference solution (the general energetic term with κ̃ = κ and the
 * σ → 0 susceptibilities Δ̃, Δp): when it is negligible the two references give the same S_max. Null when
 * the susceptibility matrix is numerically singular (q̂1 → 0: nothing is pinned then either).
 */
export function pinnedFraction(spec: LargeDeviationSpec, pt: LocalEntropyPoint): number | null {
  const ch = largeDeviationChannel({ kappa: spec.kappa, kappaRef: spec.kappa, rules: spec.rules });
  try {
    return ch.terms({ q1: pt.order.q1!, p: pt.p, dt: pt.order.Delta_ref!, dp: pt.order.Delta_p!, d1: pt.order.Delta1! }).pinned;
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}
