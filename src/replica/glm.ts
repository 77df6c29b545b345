/**
 * Replica-symmetric saddle point of a generalized linear model: prior × channel × setting.
 *
 *     φ(q, R, q̂, R̂) = −(q̂/2)(1 − q) − R̂ R + ψ_P(q̂, R̂) + α ψ_out(q, R)                       (GLM)
 *
 * Stationarity: q̂ = −2α ∂_q ψ_out, R̂ = α ∂_R ψ_out (channel), q = 1 − 2∂_q̂ ψ_P, R = ∂_R̂ ψ_P (prior).
 * Settings: 'storage' (no teacher: R = R̂ = 0) and 'teacher-student' (R free). In the matched
 * teacher-student case the Nishimori restriction q = R, q̂ = R̂ may be imposed; the restricted free entropy
 *     φ_N(q, q̂) = −(q̂/2)(1 + q) + ψ_P(q̂, q̂) + α ψ_out(q, q)
 * is stationary at q̂ = 2α(∂_q + ∂_R)ψ_out and q = 2(∂_q̂ + ∂_R̂)ψ_P − 1 (REFERENCE.md §2).
 * The solver iterates on the order parameters, x = (q) or (q, R): Newton on x − M(x) = 0 first (fast
 * with warm starts), a damped Anderson fixed point as fallback, and always reports what happened.
 */
import { brent } from '../math/roots.js';
import { fixedPoint, maxAbs, newton, type SolveResult } from '../saddle/index.js';
import type { Channel } from './channel.js';
import type { Prior, TeacherPrior } from './prior.js';

export type Setting = 'storage' | 'teacher-student';

export interface GlmSpec {
  prior: Prior;
  channel: Channel;
  setting: Setting;
  /** Teacher weight distribution (teacher-student); default: the student's prior. */
  teacher?: TeacherPrior;
  /** Impose q = R, q̂ = R̂ (Bayes-optimal, matched teacher and student). */
  nishimori?: boolean;
}

export interface RSState {
  q: number;
  qhat: number;
  /** Student-teacher overlap (teacher-student only). */
  R?: number;
  Rhat?: number;
}

export interface RSPoint extends RSState {
  alpha: number;
  /** Free entropy φ at the saddle point (binary: entropy, log-count per weight; spherical: log-volume). */
  phi: number;
  converged: boolean;
  iterations: number;
  /**
   * max over the order parameters of |M(x) − x| / (1 − |x|): the change relative to the distance from the
   * boundary |x| = 1, so that a point near q → 1 is not declared converged merely because q and M(q) are
   * both close to 1.
   */
  residual: number;
  reason?: string;
  method: 'newton' | 'fixed-point';
}

const teacherOf = (spec: GlmSpec): TeacherPrior => spec.teacher ?? (spec.prior.name === 'binary' ? 'binary' : 'spherical');
const hasTeacher = (spec: GlmSpec) => spec.setting === 'teacher-student';

/** φ at arbitrary (not necessarily stationary) parameters: the function whose stationary point we seek. */
export function rsFreeEntropy(spec: GlmSpec, alpha: number, s: RSState): number {
  const R = hasTeacher(spec) ? (spec.nishimori ? s.q : (s.R ?? 0)) : 0;
  const Rhat = hasTeacher(spec) ? (spec.nishimori ? s.qhat : (s.Rhat ?? 0)) : 0;
  const prior = spec.prior.terms(s.qhat, Rhat, teacherOf(spec)).psi;
  const channel = spec.channel.terms(s.q, hasTeacher(spec) ? R : undefined).psi;
  return -(s.qhat / 2) * (1 - s.q) - Rhat * R + prior + alpha * channel;
}

const channelGradient = (ch: Channel, q: number, R?: number) => (ch.gradient ? ch.gradient(q, R) : ch.terms(q, R));
const priorGradient = (p: Prior, qhat: number, Rhat: number, teacher?: TeacherPrior) => (p.gradient ? p.gradient(qhat, Rhat, teacher) : p.terms(qhat, Rhat, teacher));

/** Conjugates from the channel at given overlaps. */
export function conjugatesFrom(spec: GlmSpec, alpha: number, q: number, R?: number): { qhat: number; Rhat?: number } {
  if (!hasTeacher(spec)) return { qhat: -2 * alpha * channelGradient(spec.channel, q).dq };
  if (spec.nishimori) {
    const t = channelGradient(spec.channel, q, q);
    const qhat = 2 * alpha * (t.dq + t.dR);
    return { qhat, Rhat: qhat };
  }
  const t = channelGradient(spec.channel, q, R ?? 0);
  return { qhat: -2 * alpha * t.dq, Rhat: alpha * t.dR };
}

/** Overlaps from the prior at given conjugates. */
export function overlapsFrom(spec: GlmSpec, qhat: number, Rhat?: number): { q: number; R?: number } {
  if (!hasTeacher(spec)) return { q: 1 - 2 * priorGradient(spec.prior, qhat, 0).dQhat };
  if (spec.nishimori) {
    const t = priorGradient(spec.prior, qhat, qhat, teacherOf(spec));
    const q = 2 * (t.dQhat + t.dRhat) - 1;
    return { q, R: q };
  }
  const t = priorGradient(spec.prior, qhat, Rhat ?? 0, teacherOf(spec));
  return { q: 1 - 2 * t.dQhat, R: t.dRhat };
}

/** (M(x) − x)/(1 − |x|) componentwise: the residual in the natural scale of each overlap near |x| → 1. */
export function scaledResidual(x: ArrayLike<number>, m: ArrayLike<number>): Float64Array {
  const r = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) r[i] = (m[i]! - x[i]!) / (1 - Math.abs(x[i]!));
  return r;
}

/** Number of free order parameters the solver iterates on. */
const dimension = (spec: GlmSpec) => (hasTeacher(spec) && !spec.nishimori ? 2 : 1);

function toState(spec: GlmSpec, alpha: number, x: ArrayLike<number>): RSState {
  const q = x[0]!;
  const R = dimension(spec) === 2 ? x[1]! : hasTeacher(spec) ? q : undefined;
  const c = conjugatesFrom(spec, alpha, q, R);
  return R === undefined ? { q, qhat: c.qhat } : { q, R, qhat: c.qhat, Rhat: c.Rhat! };
}

/** The saddle-point map x ↦ M(x) on the order parameters. */
export function rsMap(spec: GlmSpec, alpha: number, x: ArrayLike<number>): Float64Array {
  const s = toState(spec, alpha, x);
  const o = overlapsFrom(spec, s.qhat, s.Rhat);
  return dimension(spec) === 2 ? Float64Array.of(o.q, o.R!) : Float64Array.of(o.q);
}

export interface SolveRSOptions {
  /** Starting order parameters: { q } or { q, R }. Default: a small overlap. */
  guess?: { q: number; R?: number };
  tol?: number;
  maxIter?: number;
  /**
   * 'auto' (default): Newton, then a damped Anderson fixed point if Newton fails. 'newton': Newton only —
   * a fast existence test from a close warm start (continuation, bisection near a fold), where the slow
   * fallback would only burn time. 'fixed-point': the fallback alone (for comparisons).
   */
  method?: 'auto' | 'newton' | 'fixed-point';
}

function inDomain(spec: GlmSpec) {
  return (x: Float64Array) => {
    const q = x[0]!;
    if (!(q >= 0 && q < 1)) return false;
    if (x.length === 2) return x[1]! * x[1]! < q || (x[1] === 0 && q === 0);
    return true;
  };
}

/** Solve the RS saddle-point equations at one α. */
export function solveRS(spec: GlmSpec, alpha: number, opts: SolveRSOptions = {}): RSPoint {
  if (!(alpha >= 0 && Number.isFinite(alpha))) throw new RangeError(`alpha must be finite and ≥ 0, got ${alpha}`);
  const tol = opts.tol ?? 1e-12;
  const n = dimension(spec);
  const g = opts.guess ?? { q: 0.1, R: 0.1 };
  const x0 = n === 2 ? Float64Array.of(g.q, g.R ?? Math.min(g.q, 0.9 * Math.sqrt(g.q))) : Float64Array.of(g.q);
  const names = n === 2 ? ['q', 'R'] : ['q'];
  const domain = inDomain(spec);
  const F = (x: Float64Array) => scaledResidual(x, rsMap(spec, alpha, x));
  let result: SolveResult<Float64Array> | undefined;
  let method: RSPoint['method'] = 'newton';
  let iterations = 0;
  if (opts.method !== 'fixed-point' && domain(x0)) {
    try {
      result = newton(F, x0, { tol, maxIter: opts.maxIter ?? 50, inDomain: domain, names, fdScheme: 'forward' });
      iterations += result.iterations;
    } catch {
      result = undefined;
    }
  }
  if (!result?.converged && opts.method === 'newton') {
    const x = result?.value ?? x0;
    return { ...toStateSafe(spec, alpha, x), alpha, phi: NaN, converged: false, iterations, residual: result?.residual ?? Infinity, reason: `Newton only: ${result?.reason ?? 'failed'}`, method };
  }
  if (!result?.converged) {
    method = 'fixed-point';
    const project = (x: Float64Array) => {
      x[0] = Math.min(Math.max(x[0]!, 0), 1 - 1e-15);
      if (x.length === 2) x[1] = Math.max(-Math.sqrt(x[0]!) * (1 - 1e-12), Math.min(x[1]!, Math.sqrt(x[0]!) * (1 - 1e-12)));
    };
    const start = Float64Array.from(x0);
    project(start);
    try {
      let pinned = 0;
      const stop = (x: Float64Array) => {
        // Clamped at q = 1 for several iterations: the map pushes through the boundary, no solution with q < 1.
        pinned = x[0]! >= 1 - 1e-14 ? pinned + 1 : 0;
        return pinned >= 5 ? 'the iteration runs into q = 1: no solution with q < 1 at this α (beyond the end of the branch)' : undefined;
      };
      const fp = fixedPoint((x) => rsMap(spec, alpha, x), start, {
        tol,
        maxIter: opts.maxIter ?? 2000,
        damping: 0.8,
        adaptive: true,
        anderson: 3,
        project,
        stop,
        names,
        residual: (x, fx) => maxAbs(scaledResidual(x, fx)),
      });
      iterations += fp.iterations;
      // Polish with Newton from the fixed point's answer (quadratic convergence to the tolerance).
      if (fp.converged || (fp.residual < 1e-4 && fp.reason === 'max-iterations')) {
        try {
          const polished = newton(F, fp.value, { tol, maxIter: 20, inDomain: domain, names });
          iterations += polished.iterations;
          result = polished.converged ? polished : fp;
        } catch {
          result = fp;
        }
      } else result = fp;
    } catch (err) {
      return { alpha, q: NaN, qhat: NaN, phi: NaN, converged: false, iterations, residual: Infinity, reason: (err as Error).message, method };
    }
  }
  const x = result.value;
  if (!domain(x)) {
    return { ...toStateSafe(spec, alpha, x), alpha, phi: NaN, converged: false, iterations, residual: Infinity, reason: `left the domain (q = ${x[0]})`, method };
  }
  const state = toState(spec, alpha, x);
  const residual = maxAbs(F(x));
  const converged = residual <= Math.max(tol, 10 * tol) && result.converged;
  return {
    ...state,
    alpha,
    phi: rsFreeEntropy(spec, alpha, state),
    converged,
    iterations,
    residual,
    ...(converged ? {} : { reason: result.converged ? `scaled residual ${residual.toExponential(2)} above tolerance at the solver's end point` : (result.reason ?? 'not converged') }),
    method,
  };
}

function toStateSafe(spec: GlmSpec, alpha: number, x: Float64Array): RSState {
  try {
    return toState(spec, alpha, x);
  } catch {
    return { q: x[0]!, qhat: NaN };
  }
}

/**
 * de Almeida-Thouless (replicon) eigenvalue, in the normalized form λ = 1 − α γ_P γ_out, where γ_P is
 * the prior's mean squared weight variance and γ_out = E[(∂²_ω ln Z_out)²]. RS is locally stable
 * against replica-symmetry breaking iff λ > 0.
 */
export function replicon(spec: GlmSpec, p: RSPoint): number {
  const R = hasTeacher(spec) ? (p.R ?? p.q) : undefined;
  const Rhat = hasTeacher(spec) ? (p.Rhat ?? p.qhat) : 0;
  return 1 - p.alpha * spec.prior.replicon(p.qhat, Rhat, teacherOf(spec)) * spec.channel.replicon(p.q, R);
}

/**
 * The prior's inverse: the conjugate q̂ at which the prior's overlap equals q (storage, or the Nishimori
 * line). q(q̂) increases from q(0) to 1, so a bracket in ln q̂ and Brent suffice.
 */
export function conjugateForOverlap(spec: GlmSpec, q: number): number {
  if (dimension(spec) !== 1) throw new RangeError('conjugateForOverlap: needs a one-parameter branch (storage or Nishimori)');
  const f = (lq: number) => overlapsFrom(spec, Math.exp(lq)).q - q;
  let lo = -30;
  let hi = 2;
  while (f(hi) < 0 && hi < 200) hi += 4;
  if (f(lo) > 0) return 0;
  return Math.exp(brent(f, lo, hi, { xtol: 1e-15, rtol: 1e-15 }).root);
}

/**
 * The RS branch parametrized by its overlap (natural-parameter switching): the α at which q solves the
 * saddle point, α(q) = q̂_P(q) / (−2∂_q ψ_out(q)) in storage, q̂_P(q) / (2(∂_q + ∂_R)ψ_out(q, q)) on the
 * Nishimori line. Folds of the branch in α (spinodals) are extrema of α(q), and the q → 1 end point is
 * lim α(q); both are well conditioned here where continuation in α is not.
 */
export function pointAtOverlap(spec: GlmSpec, q: number): RSPoint {
  const qhat = conjugateForOverlap(spec, q);
  const t = hasTeacher(spec) ? channelGradient(spec.channel, q, q) : channelGradient(spec.channel, q);
  const alpha = hasTeacher(spec) ? qhat / (2 * (t.dq + t.dR)) : qhat / (-2 * t.dq);
  const state: RSState = hasTeacher(spec) ? { q, R: q, qhat, Rhat: qhat } : { q, qhat };
  const x = hasTeacher(spec) && !spec.nishimori ? [q, q] : [q];
  const residual = maxAbs(scaledResidual(x, rsMap(spec, alpha, x)));
  return { ...state, alpha, phi: rsFreeEntropy(spec, alpha, state), converged: residual < 1e-9, iterations: 0, residual, method: 'newton' };
}
