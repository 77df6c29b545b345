/**
 * The local-entropy (accessibility) transition α_LE (docs/local-entropy.md §6).
 *
 * Criterion. Along the branch of the local-entropy curve that starts at the dense end (d → 0), follow the
 * slope dS/dd (from the conjugates: 2π̂ for large deviations, 2(p̂ − α ∂ψ_out/∂p) for a Franz-Parisi
 * reference). The slope is large at small d and vanishes at the branch's far end (the maximum of S). If
 * the slope has an interior local minimum (a dip) before that end, its value
 *     f(α) = min_{d in the dip} dS/dd
 * decides: f > 0, the curve is monotonic (the dense region extends continuously to the typical solutions);
 * f < 0, S decreases over an interval of distances (the dense region has broken up: non-monotonic curve,
 * whose physical counterpart is a gap of distances without solutions). α_LE is the zero of f, found by Brent
 * (saddle/transitions.ts `zeroOf`); the dip by a log-spaced scan in d from d_min (default 1e-4) and Brent's
 * minimizer (math/roots.ts `minimize`) on the bracketing grid cell. Without a dip the curve is monotonic
 * with a margin and f = +∞ is reported as such.
 */
import { minimize } from '../math/roots.js';
import { arclength } from '../saddle/arclength.js';
import { zeroOf } from '../saddle/transitions.js';
import type { LocalEntropyPoint } from './franz-parisi.js';

/** Solves one point of a curve at distance d, warm-started from a nearby solved point when given. */
export type PointSolver = (d: number, near?: LocalEntropyPoint) => LocalEntropyPoint;

/**
 * A construction's local-entropy curve as a family of saddle points: the solver at fixed d, and the
 * residual of its map in its unknowns x (so that the curve can also be followed in (x, ln d) by arclength
 * where d is a poor parameter, e.g. near a fold).
 */
export interface CurveModel {
  solve: PointSolver;
  unknowns(pt: LocalEntropyPoint): Float64Array;
  /** Residual of the saddle-point map at (x, d); throws a RangeError outside the domain. */
  residual(x: Float64Array, d: number): Float64Array;
  /** The point at a solution x of the map (residual ≈ 0). */
  point(x: Float64Array, d: number): LocalEntropyPoint;
}

export interface Dip {
  /** Distance of the slope's interior minimum. */
  d: number;
  /** dS/dd there (f(α)). */
  slope: number;
  localEntropy: number;
  point: LocalEntropyPoint;
}

export interface DipScan {
  dip?: Dip;
  /** The points of the scan (the dense branch up to where the dip was bracketed, or to its end). */
  points: LocalEntropyPoint[];
  /** Why the scan stopped (end of the branch, or the dip found). */
  stopped: string;
}

/** Log-spaced distances from `from` to `to`. */
export function logGrid(from: number, to: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.exp(Math.log(from) + ((Math.log(to) - Math.log(from)) * i) / (n - 1)));
  return out;
}

/**
 * Scan the dense branch on a log grid and locate the first interior local minimum of the slope; the grid
 * must start at small d (the dense end) and each point is warm-started from the previous.
 */
export function findDip(solve: PointSolver, grid: readonly number[], opts: { xtol?: number; start?: LocalEntropyPoint } = {}): DipScan {
  const points: LocalEntropyPoint[] = [];
  let prev = opts.start;
  for (let i = 0; i < grid.length; i++) {
    const pt = solve(grid[i]!, prev);
    if (!pt.converged) return { points, stopped: `branch ended before d = ${grid[i]!.toPrecision(4)} (${pt.reason ?? 'no convergence'})` };
    points.push(pt);
    prev = pt;
    const n = points.length;
    if (n >= 3 && points[n - 1]!.slope > points[n - 2]!.slope && points[n - 2]!.slope <= points[n - 3]!.slope) {
      // Bracketed between grid[n−3] and grid[n−1]: refine in ln d, warm-starting from the nearest point.
      const a = points[n - 3]!;
      const c = points[n - 1]!;
      const cache = new Map<number, LocalEntropyPoint>();
      const at = (lnd: number) => {
        const d = Math.exp(lnd);
        let near = points[n - 2]!;
        for (const q of [...points.slice(n - 3), ...cache.values()]) if (Math.abs(Math.log(q.d) - lnd) < Math.abs(Math.log(near.d) - lnd)) near = q;
        const q = solve(d, near);
        if (!q.converged) throw new Error(`dip refinement: no convergence at d = ${d} (${q.reason})`);
        cache.set(lnd, q);
        return q.slope;
      };
      const m = minimize(at, Math.log(a.d), Math.log(c.d), { xtol: opts.xtol ?? 1e-4 });
      const best = cache.get(m.x) ?? solve(Math.exp(m.x), points[n - 2]!);
      return { dip: { d: best.d, slope: best.slope, localEntropy: best.localEntropy, point: best }, points, stopped: 'dip found' };
    }
  }
  return { points, stopped: 'end of the grid without a dip (monotonically decreasing slope)' };
}

/**
 * Follow a branch over increasing distances, each point warm-started from the previous; a failed step is
 * retried through intermediate distances (halving in ln d, up to 6 levels) before the branch is declared
 * ended there.
 */
export function trace(model: CurveModel | PointSolver, grid: readonly number[], start?: LocalEntropyPoint, stopWhen?: (pt: LocalEntropyPoint) => boolean): { points: LocalEntropyPoint[]; ended?: string; stopped?: boolean } {
  const solve = typeof model === 'function' ? model : model.solve;
  const points: LocalEntropyPoint[] = [];
  let prev = start;
  for (let gi = 0; gi < grid.length; gi++) {
    const d = grid[gi]!;
    if (prev && d <= prev.d) continue;
    let pt = solve(d, prev);
    if (!pt.converged && prev) {
      let from = prev;
      let ok = false;
      for (let k = 1; k <= 4 && !ok; k++) {
        const steps = 2 ** k;
        let cur = from;
        ok = true;
        for (let i = 1; i <= steps; i++) {
          const di = Math.exp(Math.log(from.d) + ((Math.log(d) - Math.log(from.d)) * i) / steps);
          const q = solve(di, cur);
          if (!q.converged) {
            ok = false;
            break;
          }
          cur = q;
        }
        if (ok) pt = cur;
      }
      if (!ok && typeof model !== 'function') {
        // d is a poor parameter here (a fold is near): follow the branch by arclength in (x, ln d).
        const arc = arcToward(model, prev, d);
        if (arc.length) {
          points.push(...arc);
          prev = arc[arc.length - 1]!;
          if (stopWhen && arc.some(stopWhen)) return { points, stopped: true };
          if (prev.d >= d) continue;
        }
      }
    }
    if (!pt.converged) return { points, ended: `branch ended before d = ${d.toPrecision(4)} (${pt.reason ?? 'no convergence'})` };
    points.push(pt);
    prev = pt;
    if (stopWhen?.(pt)) return { points, stopped: true };
  }
  return { points };
}

/** Arclength continuation from a solved point towards larger d, until d ≥ target. */
function arcToward(model: CurveModel, from: LocalEntropyPoint, target: number): LocalEntropyPoint[] {
  const x0 = model.unknowns(from);
  const n = x0.length;
  const F = (X: Float64Array) => {
    try {
      return model.residual(X.subarray(0, n), Math.exp(X[n]!));
    } catch (err) {
      if (err instanceof RangeError) return new Float64Array(n).fill(NaN);
      throw err;
    }
  };
  const X0 = Float64Array.from([...x0, Math.log(from.d)]);
  const direction = new Float64Array(n + 1);
  direction[n] = 1;
  const span = Math.log(target) - Math.log(from.d);
  const r = arclength(F, X0, { direction, tol: 1e-9, step: Math.max(span / 4, 1e-3), maxStep: Math.max(span, 0.01), maxSteps: 200, stop: (X) => X[n]! >= Math.log(target) });
  return r.points.map((X) => model.point(X.subarray(0, n), Math.exp(X[n]!))).filter((p) => Number.isFinite(p.slope));
}

/**
 * f on the window [lo, hi] of distances (log grid of n points): if the slope stays positive, its minimum
 * (Brent's minimizer on the grid cell around the smallest value when it is interior); if it turns negative,
 * the first negative value met (the trace stops there: beyond, the continued branch has a corner where the
 * slope crosses zero when the cloud is self-confined, Γ > 1, large-deviation.ts). f is continuous where it
 * is positive and changes sign exactly where the dip touches zero, which is all the root finder needs.
 */
export function windowMinimum(model: CurveModel, lo: number, hi: number, n: number, start?: LocalEntropyPoint, xtol = 1e-4): { d: number; slope: number; point: LocalEntropyPoint; points: LocalEntropyPoint[]; refined: boolean } {
  const t = trace(model, logGrid(lo, hi, n), start, (q) => q.slope < 0);
  const pts = t.points;
  if (t.stopped) {
    const neg = pts.find((q) => q.slope < 0)!;
    return { d: neg.d, slope: neg.slope, point: neg, points: pts, refined: false };
  }
  const reachedEnd = pts.length > 0 && pts[pts.length - 1]!.d >= hi * (1 - 1e-12);
  // The branch may stop being continuable right at a dip whose slope is already ~0 (at the transition
  // the dense branch touches another one): the minimum traced so far is then the answer, an upper bound
  // of the dip's value within the window.
  const atDip = pts.length >= 2 && pts[pts.length - 1]!.slope < 1e-3 * Math.max(pts[0]!.slope, 1e-300);
  if (!reachedEnd && atDip) {
    const last = pts[pts.length - 1]!;
    return { d: last.d, slope: last.slope, point: last, points: pts, refined: false };
  }
  if (!reachedEnd) {
    throw new RangeError(`local-entropy transition: the dense branch does not cover the window [${lo.toPrecision(4)}, ${hi.toPrecision(4)}] (${t.ended ?? 'incomplete'})`);
  }
  let i = 0;
  for (let k = 1; k < pts.length; k++) if (pts[k]!.slope < pts[i]!.slope) i = k;
  const best0 = pts[i]!;
  if (i === 0 || i === pts.length - 1 || !(pts[i - 1]!.d < best0.d && best0.d < pts[i + 1]!.d)) return { d: best0.d, slope: best0.slope, point: best0, points: pts, refined: false };
  const cache = new Map<number, LocalEntropyPoint>();
  const at = (lnd: number) => {
    let near = best0;
    for (const q of cache.values()) if (Math.abs(Math.log(q.d) - lnd) < Math.abs(Math.log(near.d) - lnd)) near = q;
    const q = model.solve(Math.exp(lnd), near);
    if (!q.converged) throw new RangeError(`no convergence at d = ${Math.exp(lnd)} while refining the dip (${q.reason})`);
    cache.set(lnd, q);
    return q.slope;
  };
  try {
    const m = minimize(at, Math.log(pts[i - 1]!.d), Math.log(pts[i + 1]!.d), { xtol });
    const best = cache.get(m.x)!;
    if (best.slope <= best0.slope) return { d: best.d, slope: best.slope, point: best, points: pts, refined: true };
  } catch {
    /* keep the traced minimum */
  }
  return { d: best0.d, slope: best0.slope, point: best0, points: pts, refined: false };
}

export interface TransitionOptions {
  /** The curve model of the construction at constraint density α. */
  modelAt: (alpha: number) => CurveModel;
  /** α bracket [a, b]: the dense branch monotonic at a, not at b (b is moved up if needed). */
  bracket: [number, number];
  /** Smallest distance of the initial scan (default 1e-4). */
  dMin?: number;
  /** Largest distance of the initial scan (default 0.3). */
  dMax?: number;
  /** Points of the initial log-grid scan (default 48) and of the window (default 16). */
  scanPoints?: number;
  windowPoints?: number;
  /** Tolerance on α (default 1e-4). */
  tol?: number;
  criterion: string;
}

export interface LocalEntropyTransition {
  alpha: number;
  tolerance: number;
  bracket: [number, number];
  criterion: string;
  /** The window of distances over which the slope's minimum is taken. */
  window: [number, number];
  /** The minimum of the slope at the returned α (≈ 0) and where it sits. */
  dip: { d: number; slope: number; localEntropy: number };
  evaluations: number;
  converged: boolean;
  history: { alpha: number; minSlope: number; at: number }[];
}

/**
 * α_LE: the zero of f(α) = min_{d in W} dS/dd on the dense branch, W a window of distances around the
 * slope's dip fixed once from the full scan at the bracket's lower end (where the dip is an interior
 * local minimum with f > 0; above the transition the branch bends over inside W and f < 0). Each f(α)
 * warm-starts the window's first point from the previous α's solution there.
 */
export function localEntropyTransition(o: TransitionOptions): LocalEntropyTransition {
  const dMin = o.dMin ?? 1e-4;
  const [a0, b0] = o.bracket;
  // 1. Full scan at the lower end: the dip (interior minimum of the slope) fixes the window.
  const modelA = o.modelAt(a0);
  const scan = findDip(modelA.solve, logGrid(dMin, o.dMax ?? 0.3, o.scanPoints ?? 48));
  if (!scan.dip) throw new RangeError(`local-entropy transition: at α = ${a0} the slope of the dense branch has no interior minimum on [${dMin}, ${o.dMax ?? 0.3}] (${scan.stopped}); choose a lower end closer to the transition`);
  if (!(scan.dip.slope > 0)) throw new RangeError(`local-entropy transition: at α = ${a0} the dense branch is already non-monotonic (min slope ${scan.dip.slope} at d = ${scan.dip.d}); choose a smaller lower end`);
  const dip = scan.dip;
  const after = scan.points.filter((q) => q.d > dip.d);
  let hi = 3 * dip.d;
  for (let k = 1; k < after.length; k++) if (after[k]!.slope < after[k - 1]!.slope) {
    hi = Math.min(hi, after[k - 1]!.d);
    break;
  }
  const lo = dip.d / 6;
  const window: [number, number] = [lo, hi];
  // The solution at the window's lower end, per α, for warm starts.
  let startPoint = scan.points.reduce((best, q) => (Math.abs(Math.log(q.d / lo)) < Math.abs(Math.log(best.d / lo)) ? q : best));
  const history: LocalEntropyTransition['history'] = [];
  const results = new Map<number, ReturnType<typeof windowMinimum>>();
  const f = (alpha: number) => {
    const model = o.modelAt(alpha);
    const first = model.solve(lo, startPoint);
    if (!first.converged) throw new RangeError(`local-entropy transition: no solution at d = ${lo} for α = ${alpha} (${first.reason})`);
    const w = windowMinimum(model, lo, hi, o.windowPoints ?? 16, first);
    startPoint = first;
    results.set(alpha, w);
    history.push({ alpha, minSlope: w.slope, at: w.d });
    return w.slope;
  };
  let a = a0;
  let b = b0;
  let fb = f(b);
  for (let k = 0; k < 10 && fb > 0; k++) {
    a = b;
    b = b + (b0 - a0);
    fb = f(b);
  }
  if (!(fb <= 0)) throw new RangeError(`local-entropy transition: the dense branch stays monotonic up to α = ${b}`);
  const tol = o.tol ?? 1e-4;
  const r = zeroOf(f, [a, b], { tol, criterion: o.criterion });
  const w = results.get(r.value) ?? [...results.values()].pop()!;
  return {
    alpha: r.value,
    tolerance: tol,
    bracket: r.bracket,
    criterion: o.criterion,
    window,
    dip: { d: w.d, slope: w.slope, localEntropy: w.point.localEntropy },
    evaluations: history.length + 1,
    converged: r.converged,
    history,
  };
}
