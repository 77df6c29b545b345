/**
 * Pseudo-arclength continuation of a one-parameter family of solutions: n − 1 equations F(X) = 0 in n
 * unknowns X (the state and the control parameter together) define a curve, followed through folds of the
 * parameter where natural-parameter continuation (continuation.ts) fails. Predictor X + h t along the unit
 * tangent t (null vector of the finite-difference Jacobian, oriented like the previous one); corrector:
 * Newton on [F(X); t·(X − X_pred)] = 0 with that Jacobian kept (chord). The step grows after easy
 * corrections and is halved after failures.
 */
import { Matrix, solve } from 'ml-matrix';
import { newton } from './newton.js';

export interface ArclengthOptions {
  /** Initial and bounds of the step length in X. */
  step?: number;
  minStep?: number;
  maxStep?: number;
  maxSteps?: number;
  tol?: number;
  /** Orientation of the first tangent: the sign of t·direction is made positive. */
  direction: ArrayLike<number>;
  /** Stop after accepting a point when this returns true. */
  stop?: (X: Float64Array) => boolean;
  /** Relative step of the finite-difference Jacobian. */
  fdStep?: number;
}

export interface ArclengthResult {
  points: Float64Array[];
  /** Why the continuation stopped. */
  reason: string;
}

function jacobian(F: (X: Float64Array) => ArrayLike<number>, X: Float64Array, rel: number): number[][] {
  const n = X.length;
  const cols: number[][] = [];
  for (let j = 0; j < n; j++) {
    const h = rel * Math.max(1, Math.abs(X[j]!));
    const a = Float64Array.from(X);
    const b = Float64Array.from(X);
    a[j] = X[j]! + h;
    b[j] = X[j]! - h;
    const fa = F(a);
    const fb = F(b);
    cols.push(Array.from({ length: fa.length }, (_, i) => (fa[i]! - fb[i]!) / (2 * h)));
  }
  return Array.from({ length: n - 1 }, (_, i) => cols.map((c) => c[i]!));
}

/** Unit null vector of the (n−1)×n Jacobian J, oriented so that t·ref > 0. */
export function tangentOf(J: number[][], ref: ArrayLike<number>): Float64Array {
  const n = J[0]!.length;
  const A = new Matrix([...J, Array.from(ref)]);
  const rhs = Matrix.columnVector([...new Array(n - 1).fill(0), 1]);
  const t = solve(A, rhs, true).to1DArray();
  const norm = Math.hypot(...t);
  return Float64Array.from(t, (v) => v / norm);
}

export function arclength(F: (X: Float64Array) => ArrayLike<number>, X0: ArrayLike<number>, opts: ArclengthOptions): ArclengthResult {
  const tol = opts.tol ?? 1e-10;
  const rel = opts.fdStep ?? 1e-6;
  let h = opts.step ?? 0.02;
  const hMin = opts.minStep ?? 1e-6;
  const hMax = opts.maxStep ?? 0.2;
  let X = Float64Array.from(X0);
  let J = jacobian(F, X, rel);
  let t = tangentOf(J, opts.direction);
  const points: Float64Array[] = [];
  for (let k = 0; k < (opts.maxSteps ?? 500); k++) {
    const pred = X.map((v, i) => v + h * t[i]!);
    const G = (Y: Float64Array) => {
      const f = F(Y);
      let c = 0;
      for (let i = 0; i < Y.length; i++) c += t[i]! * (Y[i]! - pred[i]!);
      return Float64Array.from([...Array.from(f), c]);
    };
    const Jaug = [...J, Array.from(t)];
    let r;
    try {
      r = newton(G, pred, { tol, maxIter: 8, jacobian: () => Jaug });
    } catch {
      r = undefined;
    }
    if (!r || !r.converged) {
      h /= 2;
      if (h < hMin) return { points, reason: `step below ${hMin} without convergence` };
      continue;
    }
    X = Float64Array.from(r.value);
    points.push(X);
    try {
      J = jacobian(F, X, rel);
      t = tangentOf(J, t);
    } catch (err) {
      return { points, reason: `tangent: ${(err as Error).message}` };
    }
    if (opts.stop?.(X)) return { points, reason: 'stop condition' };
    if (r.iterations <= 3) h = Math.min(h * 1.5, hMax);
  }
  return { points, reason: 'maximum number of steps' };
}
