/**
 * Newton's method on a residual vector F(x) = 0 with a supplied or finite-difference Jacobian and
 * backtracking on |F|² (the step is halved until the residual decreases, or the domain is respected).
 * Used where fixed-point iterations crawl (near transitions, q → 1).
 */
import { Matrix, solve } from 'ml-matrix';
import { describeVector, maxAbs, NaNError, type SolveResult } from './report.js';

export interface NewtonOptions {
  /** Convergence when max|F| ≤ tol. */
  tol?: number;
  /** Also require the last step to be below this (max-norm); default: no step requirement. */
  stepTol?: number;
  maxIter?: number;
  jacobian?: (x: Float64Array) => number[][];
  /** Relative finite-difference step for the Jacobian. */
  fdStep?: number;
  /**
   * 'central' (default): 2n evaluations per Jacobian, error O(h²). 'forward': n evaluations, error O(h) —
   * an inexact Jacobian only slows Newton's convergence, it does not move the root.
   */
  fdScheme?: 'central' | 'forward';
  /** Returns false outside the domain: the step is shortened until inside. */
  inDomain?: (x: Float64Array) => boolean;
  names?: readonly string[];
}

/**
 * Broyden's ("good") rank-one update J ← J + (Δf − JΔx)Δxᵀ/|Δx|², in place (J is returned): afterwards J
 * satisfies the secant equation JΔx = Δf and acts unchanged on vectors orthogonal to Δx. A zero step leaves J.
 */
export function broydenUpdate(J: number[][], dx: ArrayLike<number>, df: ArrayLike<number>): number[][] {
  let n2 = 0;
  for (let k = 0; k < dx.length; k++) n2 += dx[k]! * dx[k]!;
  if (!(n2 > 0)) return J;
  for (let i = 0; i < J.length; i++) {
    const row = J[i]!;
    let jdx = 0;
    for (let k = 0; k < dx.length; k++) jdx += row[k]! * dx[k]!;
    const c = (df[i]! - jdx) / n2;
    for (let k = 0; k < dx.length; k++) row[k] = row[k]! + c * dx[k]!;
  }
  return J;
}

export function finiteDifferenceJacobian(
  F: (x: Float64Array) => ArrayLike<number>,
  x: Float64Array,
  rel = 1e-6,
  inDomain?: (x: Float64Array) => boolean,
  forward?: { f0: ArrayLike<number> },
): number[][] {
  const n = x.length;
  const J: number[][] = [];
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const h = rel * Math.max(1e-3, Math.abs(x[j]!));
    const xp = Float64Array.from(x);
    const xm = Float64Array.from(x);
    xp[j] = x[j]! + h;
    xm[j] = x[j]! - h;
    const okP = !inDomain || inDomain(xp);
    const okM = !inDomain || inDomain(xm);
    let col: number[];
    if (forward && (okP || okM)) {
      const xs = okP ? xp : xm;
      const fs = F(xs);
      const sgn = okP ? 1 : -1;
      col = Array.from({ length: fs.length }, (_, i) => (sgn * (fs[i]! - forward.f0[i]!)) / h);
    } else if (okP && okM) {
      const fp = F(xp);
      const fm = F(xm);
      col = Array.from({ length: fp.length }, (_, i) => (fp[i]! - fm[i]!) / (2 * h));
    } else {
      // one-sided difference at a domain boundary
      const f0 = F(x);
      const xs = okP ? xp : xm;
      const fs = F(xs);
      const sgn = okP ? 1 : -1;
      col = Array.from({ length: fs.length }, (_, i) => (sgn * (fs[i]! - f0[i]!)) / h);
    }
    cols.push(col);
  }
  for (let i = 0; i < cols[0]!.length; i++) J.push(cols.map((c) => c[i]!));
  return J;
}

export function newton(F: (x: Float64Array) => ArrayLike<number>, x0: ArrayLike<number>, opts: NewtonOptions = {}): SolveResult<Float64Array> {
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 100;
  let x: Float64Array = Float64Array.from(x0);
  let f = Float64Array.from(F(x));
  let residual = maxAbs(f);
  if (!Number.isFinite(residual)) throw new NaNError('newton: residual is not finite at the starting point', describeVector(x, opts.names));
  let lastStep = Infinity;
  for (let it = 1; it <= maxIter; it++) {
    if (residual <= tol && (opts.stepTol === undefined || lastStep <= opts.stepTol)) {
      return { value: x, converged: true, iterations: it - 1, residual };
    }
    const J = opts.jacobian
      ? opts.jacobian(x)
      : finiteDifferenceJacobian(F, x, opts.fdStep ?? (opts.fdScheme === 'forward' ? 1e-7 : 1e-6), opts.inDomain, opts.fdScheme === 'forward' ? { f0: f } : undefined);
    let dx: Matrix;
    try {
      dx = solve(new Matrix(J), Matrix.columnVector(Array.from(f)), true);
    } catch {
      return { value: x, converged: false, iterations: it, residual, reason: 'singular-jacobian' };
    }
    let t = 1;
    let accepted = false;
    const norm0 = sumSq(f);
    for (let k = 0; k < 40; k++) {
      const trial = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) trial[i] = x[i]! - t * dx.get(i, 0);
      if (!opts.inDomain || opts.inDomain(trial)) {
        const ft = Float64Array.from(F(trial));
        const nt = sumSq(ft);
        if (Number.isFinite(nt) && nt <= (1 - 1e-4 * t) * norm0 + 1e-300) {
          lastStep = t * maxAbs(dx.to1DArray());
          x = trial;
          f = ft;
          residual = maxAbs(f);
          accepted = true;
          break;
        }
      }
      t /= 2;
    }
    if (!accepted) {
      const converged = residual <= tol;
      return { value: x, converged, iterations: it, residual, ...(converged ? {} : { reason: 'line-search-failed' }) };
    }
  }
  const converged = residual <= tol && (opts.stepTol === undefined || lastStep <= opts.stepTol);
  return { value: x, converged, iterations: maxIter, residual, ...(converged ? {} : { reason: 'max-iterations' }) };
}

function sumSq(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}
