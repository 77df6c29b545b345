/**
 * Fixed-point iteration x ← F(x) for saddle-point equations, with damping (fixed, or adaptive: halved when
 * the residual grows, relaxed back when it shrinks) and optional Anderson acceleration (type II, memory m,
 * regularized least squares on the last m residual differences). Convergence: the max-norm of F(x) − x
 * below `tol` (an absolute tolerance on every parameter's change).
 */
import { Matrix, solve } from 'ml-matrix';
import { describeVector, maxAbs, NaNError, type SolveResult } from './report.js';

export interface FixedPointOptions {
  tol?: number;
  maxIter?: number;
  /** Weight of the new iterate: x ← (1−damping)·x + damping·F(x); 1 = undamped. */
  damping?: number;
  /** Halve the damping when the residual grows, and let it recover towards `damping` when it shrinks. */
  adaptive?: boolean;
  /** Anderson memory (0 = off). */
  anderson?: number;
  /** Names of the parameters, for NaN reports. */
  names?: readonly string[];
  /** Keep iterates inside the domain (e.g. clamp q to [0, 1)); applied after every update. */
  project?: (x: Float64Array) => void;
  /** Convergence measure of an iterate x with image F(x); default max |F(x) − x|. */
  residual?: (x: Float64Array, fx: ArrayLike<number>) => number;
  /** Give up early: return a reason when the iterate shows there is no fixed point to find. */
  stop?: (x: Float64Array, iteration: number) => string | undefined;
}

export function fixedPoint(F: (x: Float64Array) => ArrayLike<number>, x0: ArrayLike<number>, opts: FixedPointOptions = {}): SolveResult<Float64Array> {
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 10_000;
  const baseDamping = opts.damping ?? 1;
  const m = opts.anderson ?? 0;
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let damping = baseDamping;
  let prevResidual = Infinity;
  const dX: Float64Array[] = [];
  const dG: Float64Array[] = [];
  let lastX: Float64Array | undefined;
  let lastG: Float64Array | undefined;
  for (let it = 1; it <= maxIter; it++) {
    const fx = F(x);
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      g[i] = fx[i]! - x[i]!;
      if (!Number.isFinite(fx[i]!)) {
        throw new NaNError(`fixed point: non-finite update of ${opts.names?.[i] ?? `x${i}`} at iteration ${it}`, describeVector(x, opts.names));
      }
    }
    const residual = opts.residual ? opts.residual(x, fx) : maxAbs(g);
    if (residual <= tol) return { value: Float64Array.from(fx), converged: true, iterations: it, residual };
    if (opts.adaptive) {
      if (residual > prevResidual) damping = Math.max(damping / 2, 1e-4);
      else damping = Math.min(baseDamping, damping * 1.1);
    }
    prevResidual = residual;
    let next: Float64Array = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = x[i]! + damping * g[i]!;
    if (m > 0) {
      if (lastX && lastG) {
        dX.push(x.map((v, i) => v - lastX![i]!));
        dG.push(g.map((v, i) => v - lastG![i]!));
        if (dX.length > m) {
          dX.shift();
          dG.shift();
        }
      }
      lastX = x;
      lastG = g;
      const accelerated = andersonStep(x, g, dX, dG, damping);
      if (accelerated) next = accelerated;
    }
    opts.project?.(next);
    x = next;
    const why = opts.stop?.(x, it);
    if (why) return { value: x, converged: false, iterations: it, residual, reason: why };
  }
  return { value: x, converged: false, iterations: maxIter, residual: prevResidual, reason: 'max-iterations' };
}

/** x⁺ = x + β g − (ΔX + β ΔG) γ, with γ = argmin |g − ΔG γ| (Tikhonov-regularized normal equations). */
function andersonStep(x: Float64Array, g: Float64Array, dX: Float64Array[], dG: Float64Array[], beta: number): Float64Array | undefined {
  const k = dG.length;
  if (k === 0) return undefined;
  const A = new Matrix(k, k);
  const b = new Matrix(k, 1);
  let scale = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < g.length; t++) s += dG[i]![t]! * dG[j]![t]!;
      A.set(i, j, s);
    }
    scale = Math.max(scale, A.get(i, i));
    let s = 0;
    for (let t = 0; t < g.length; t++) s += dG[i]![t]! * g[t]!;
    b.set(i, 0, s);
  }
  if (!(scale > 0)) return undefined;
  for (let i = 0; i < k; i++) A.set(i, i, A.get(i, i) + 1e-10 * scale);
  let gamma: Matrix;
  try {
    gamma = solve(A, b);
  } catch {
    return undefined;
  }
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    let v = x[t]! + beta * g[t]!;
    for (let i = 0; i < k; i++) v -= gamma.get(i, 0) * (dX[i]![t]! + beta * dG[i]![t]!);
    out[t] = v;
  }
  for (let t = 0; t < out.length; t++) if (!Number.isFinite(out[t]!)) return undefined;
  return out;
}
