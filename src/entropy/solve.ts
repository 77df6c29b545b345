/**
 * The saddle-point solve shared by the local-entropy constructions: the order parameters x (overlaps of the
 * constrained group) are the unknowns of x = M(x), where M runs channel → conjugates → prior with the
 * distance constraint solved for its conjugate inside (DESIGN.md §2). Newton (saddle/newton.ts) on the
 * scaled residual (M(x) − x)/(1 − |x|) of glm.ts; along a curve the Jacobian of the previous point is
 * reused (chord iterations: one map evaluation per step instead of 2·dim + 1) and recomputed by finite
 * differences only when the chord steps stall.
 */
import { broydenUpdate, newton, type SolveResult } from '../saddle/index.js';
import type { LocalEntropyPoint } from './franz-parisi.js';
import { maxAbs } from '../saddle/report.js';
import { scaledResidual } from '../replica/glm.js';

export interface MapSolveOptions {
  tol?: number;
  maxIter?: number;
  /** A Jacobian of F(x) = (M(x) − x)/(1 − |x|) from a nearby solve (chord start). */
  jacobian?: number[][];
  names?: readonly string[];
  inDomain?: (x: Float64Array) => boolean;
  /**
   * The residual vector of an iterate x with image M(x); default (M(x) − x)/(1 − |x|) for overlaps in
   * (−1, 1) (glm.ts `scaledResidual`), e.g. M(x) − x for unknowns in log scale.
   */
  residual?: (x: Float64Array, m: Float64Array) => Float64Array;
}

export interface MapSolveResult extends SolveResult<Float64Array> {
  /** The Jacobian used last (to pass to the next point of a curve). */
  jacobian?: number[][];
  /** Map evaluations spent. */
  evaluations: number;
}

/** Solve x = M(x). M may throw a RangeError outside its domain: that point is treated as infinitely bad. */
export function solveMap(M: (x: Float64Array) => Float64Array, x0: ArrayLike<number>, opts: MapSolveOptions = {}): MapSolveResult {
  const tol = opts.tol ?? 1e-11;
  let evaluations = 0;
  const res = opts.residual ?? scaledResidual;
  const F = (x: Float64Array): Float64Array => {
    evaluations++;
    try {
      return res(x, M(x));
    } catch (err) {
      if (err instanceof RangeError) return Float64Array.from(x, () => Infinity);
      throw err;
    }
  };
  const bounded = !opts.residual;
  const domain = (x: Float64Array) => x.every((v) => Number.isFinite(v) && (!bounded || Math.abs(v) < 1)) && (opts.inDomain ? opts.inDomain(x) : true);
  const base = { tol, inDomain: domain, ...(opts.names ? { names: opts.names } : {}) };
  // Quasi-Newton iterations from the Jacobian of a neighbouring point, kept current by Broyden's rank-one
  // update J ← J + (ΔF − JΔx)Δxᵀ/|Δx|² between accepted steps (the last evaluation is always the accepted one).
  if (opts.jacobian) {
    const J = opts.jacobian.map((row) => [...row]);
    let last: { x: Float64Array; f: Float64Array } | undefined;
    let prev: { x: Float64Array; f: Float64Array } | undefined;
    const Fq = (x: Float64Array) => {
      const f = F(x);
      last = { x: Float64Array.from(x), f };
      return f;
    };
    const broyden = (x: Float64Array) => {
      if (prev && last && last.x.every((v, i) => v === x[i])) {
        const df = last.f.map((v, i) => v - prev!.f[i]!);
        if (df.every(Number.isFinite)) broydenUpdate(J, last.x.map((v, i) => v - prev!.x[i]!), df);
      }
      if (last && last.x.every((v, i) => v === x[i])) prev = last;
      return J;
    };
    let r: SolveResult<Float64Array> | undefined;
    try {
      r = newton(Fq, x0, { ...base, maxIter: 12, jacobian: broyden });
    } catch {
      r = undefined;
    }
    if (r?.converged) return { ...r, jacobian: J, evaluations };
    if (r && Number.isFinite(r.residual)) x0 = r.value;
  }
  let lastJ: number[][] | undefined;
  const jac = (x: Float64Array) => {
    lastJ = fdJacobian(F, x, domain);
    return lastJ;
  };
  const r = newton(F, x0, { ...base, maxIter: opts.maxIter ?? 15, jacobian: jac });
  return { ...r, ...(lastJ ? { jacobian: lastJ } : {}), evaluations };
}

/** Central differences with a step relative to the distance from the boundary |x| = 1. */
function fdJacobian(F: (x: Float64Array) => Float64Array, x: Float64Array, domain: (x: Float64Array) => boolean): number[][] {
  const n = x.length;
  const cols: Float64Array[] = [];
  const f0 = F(x);
  for (let j = 0; j < n; j++) {
    const h = 1e-6 * Math.max(1e-4, Math.abs(x[j]!) < 1 ? 1 - Math.abs(x[j]!) : Math.abs(x[j]!));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] = x[j]! + h;
    xm[j] = x[j]! - h;
    const okP = domain(xp);
    const okM = domain(xm);
    let col: Float64Array;
    if (okP && okM) {
      const fp = F(xp);
      const fm = F(xm);
      col = fp.map((v, i) => (v - fm[i]!) / (2 * h));
      if (!col.every(Number.isFinite)) col = okP ? fp.map((v, i) => (v - f0[i]!) / h) : fm.map((v, i) => (f0[i]! - v) / h);
    } else if (okP) col = F(xp).map((v, i) => (v - f0[i]!) / h);
    else col = F(xm).map((v, i) => (f0[i]! - v) / h);
    cols.push(col);
  }
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
}

/** max |F| of a solution, for reports. */
export function residualOf(M: (x: Float64Array) => Float64Array, x: Float64Array): number {
  return maxAbs(scaledResidual(x, M(x)));
}

/**
 * x with f(x) = target for an increasing f with known derivative (the distance constraint: ∂ψ/∂p̂ = p,
 * ψ convex in p̂): Newton, falling back to bisection on an expanding bracket whenever a step leaves it.
 */
export function increasingRoot<T>(eval_: (x: number) => { value: number; slope: number; data: T }, target: number, guess: number, what = 'constraint'): { x: number; data: T } {
  let x = Number.isFinite(guess) ? guess : 0;
  let e = eval_(x);
  let lo = -Infinity;
  let hi = Infinity;
  for (let it = 0; it < 200; it++) {
    const f = e.value - target;
    if (Math.abs(f) <= 1e-14 * Math.max(1, Math.abs(target))) return { x, data: e.data };
    if (f > 0) hi = Math.min(hi, x);
    else lo = Math.max(lo, x);
    let next = x - f / e.slope;
    if (!Number.isFinite(next) || next <= lo || next >= hi) {
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = 0.5 * (lo + hi);
      else next = f > 0 ? x - Math.max(1, Math.abs(x)) : x + Math.max(1, Math.abs(x));
    }
    if (Math.abs(next - x) <= 1e-15 * Math.max(1, Math.abs(x))) return { x: next, data: eval_(next).data };
    x = next;
    e = eval_(x);
  }
  throw new RangeError(`${what}: no root of f(x) = ${target} found (last x = ${x}, f = ${e.value})`);
}

/** A local-entropy point that could not be computed: flagged (converged = false) with the reason, never a silent NaN. */
export function failedPoint(d: number, reason: string): LocalEntropyPoint {
  return { d, p: 1 - 2 * d, localEntropy: NaN, slope: NaN, order: {}, conjugates: {}, converged: false, iterations: 0, residual: Infinity, reason };
}

/**
 * The fixed point x = M(x) of a local-entropy map whose evaluation solves the distance constraint for its
 * conjugate π̂ inside (large deviations: perceptron and random features); each evaluation starts its π̂ root
 * from the previous one. Returns the evaluation at the solver's end (the last one when it is at that x, as
 * told by `isAt`) and the solver's report, or why no valid point was reached.
 */
export function solveConstrainedMap<E extends { next: Float64Array; state: { pihat: number } }>(
  evaluateAt: (x: Float64Array, pihatGuess: number) => E,
  x0: ArrayLike<number>,
  pihat0: number,
  isAt: (e: E, x: Float64Array) => boolean,
  opts: { tol: number; names: string[]; jacobian?: number[][] },
): { evaluation: E; report: MapSolveResult } | { reason: string } {
  let pihatGuess = pihat0;
  let last: E | undefined;
  const map = (y: Float64Array) => {
    const e = evaluateAt(y, pihatGuess);
    pihatGuess = e.state.pihat;
    last = e;
    return e.next;
  };
  let report: MapSolveResult;
  try {
    report = solveMap(map, x0, { tol: opts.tol, names: opts.names, residual: (x, m) => m.map((v, i) => v - x[i]!), ...(opts.jacobian ? { jacobian: opts.jacobian } : {}) });
  } catch (err) {
    return { reason: `solver error: ${(err as Error).message}` };
  }
  try {
    const x = report.value;
    return { evaluation: last && isAt(last, x) ? last : evaluateAt(x, pihatGuess), report };
  } catch (err) {
    return { reason: `no valid point at the solver's end (${(err as Error).message})` };
  }
}

/** What a solver reports about one point (saddle/newton.ts or solveMap), as the point constructors take it. */
export interface SolveReport {
  converged: boolean;
  iterations: number;
  reason?: string;
  jacobian?: number[][];
}

/**
 * The convergence fields of a local-entropy point: the residual of an actual evaluation decides — converged
 * when ≤ 10·tol and the solver either converged or stopped on a failed line search at the quadrature's noise
 * floor just above tol — with the reason otherwise, and the Jacobian kept for the next point of a curve. A fixed
 * point outside the physical domain (`outside`: why) is never converged, whatever its residual.
 */
export function pointStatus(residual: number, tol: number, report: SolveReport, outside?: string): Pick<LocalEntropyPoint, 'converged' | 'iterations' | 'residual' | 'reason' | 'jacobian'> {
  const converged = !outside && residual <= 10 * tol && (report.converged || report.reason === 'line-search-failed');
  return {
    converged,
    iterations: report.iterations,
    residual,
    ...(converged ? {} : { reason: outside ?? report.reason ?? `residual ${residual.toExponential(2)} above tolerance` }),
    ...(report.jacobian ? { jacobian: report.jacobian } : {}),
  };
}
