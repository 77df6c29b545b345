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
  /** The curve on a grid when it cannot simply be traced from the grid's smallest d (e.g. it must be
   *  reached by homotopy from a known point); default: `trace` from the smallest d. */
  initialCurve?: (grid: readonly number[]) => LocalEntropyPoint[];
  /** s_RS of the counted solutions (the value of S at the far end of the branch, its maximum). */
  totalEntropy?: number;
}

/** Log-spaced distances from `from` to `to`. */
export function logGrid(from: number, to: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Math.exp(Math.log(from) + ((Math.log(to) - Math.log(from)) * i) / (n - 1)));
  return out;
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
      for (let k = 1; k <= 3 && !ok; k++) {
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
  const out: LocalEntropyPoint[] = [];
  for (const X of r.points) {
    try {
      const p = model.point(X.subarray(0, n), Math.exp(X[n]!));
      if (!Number.isFinite(p.slope)) break;
      out.push(p);
    } catch (err) {
      if (err instanceof RangeError) break;
      throw err;
    }
  }
  return out;
}

/**
 * f on the window [lo, hi] of distances: the slope on a fixed log grid of n points (natural-parameter
 * continuation from `start`), and the minimum estimated by the vertex of the parabola in ln d through the
 * three grid points around the smallest value (no further solves, so f is a smooth function of α while the
 * dip is resolved). If the slope turns negative the trace stops there (beyond, the continued large-deviation
 * branch has a corner where the slope crosses zero when the cloud is self-confined, Γ > 1,
 * large-deviation.ts) and the estimate through the last three points is used; the same if the branch
 * cannot be continued further inside the window while its slope is still falling (right at the transition
 * the dense branch touches another one). `refined` says whether the parabola was interior to the grid.
 */
export function windowMinimum(model: CurveModel, lo: number, hi: number, n: number, start?: LocalEntropyPoint): { d: number; slope: number; point: LocalEntropyPoint; points: LocalEntropyPoint[]; refined: boolean } {
  const t = trace(model.solve, logGrid(lo, hi, n), start, (q) => q.slope < 0);
  const pts = t.points;
  if (t.stopped && pts.length < 3) {
    const neg = pts[pts.length - 1]!;
    return { d: neg.d, slope: neg.slope, point: neg, points: pts, refined: false };
  }
  if (pts.length < 3) throw new RangeError(`local-entropy transition: the dense branch does not enter the window [${lo.toPrecision(4)}, ${hi.toPrecision(4)}] (${t.ended ?? 'incomplete'})`);
  const reachedEnd = pts[pts.length - 1]!.d >= hi * (1 - 1e-12);
  const vertexAt = (i: number) => parabolaVertex(pts.slice(i - 1, i + 2).map((q) => [Math.log(q.d), q.slope] as [number, number]));
  let i = 0;
  for (let k = 1; k < pts.length; k++) if (pts[k]!.slope < pts[i]!.slope) i = k;
  const best = pts[i]!;
  const last = pts.length - 1;
  if (t.stopped || (!reachedEnd && i === last)) {
    // The slope is still falling where the trace stopped: extrapolate its minimum from the last three points.
    const v = vertexAt(last - 1);
    const slope = v && v.x > Math.log(pts[last - 2]!.d) ? Math.min(v.y, best.slope) : best.slope;
    return { d: v && slope === v.y ? Math.exp(v.x) : best.d, slope, point: best, points: pts, refined: false };
  }
  if (i === 0 || i === last) return { d: best.d, slope: best.slope, point: best, points: pts, refined: false };
  const v = vertexAt(i);
  if (!v) return { d: best.d, slope: best.slope, point: best, points: pts, refined: false };
  return { d: Math.exp(v.x), slope: Math.min(v.y, best.slope), point: best, points: pts, refined: true };
}

/** The points of the dense branch on a grid (the construction's own way when it has one). */
export function curveOn(model: CurveModel, grid: readonly number[]): { points: LocalEntropyPoint[]; ended?: string } {
  if (model.initialCurve) {
    const pts = model.initialCurve(grid);
    return { points: pts, ...(pts.length < grid.length ? { ended: `the curve covers ${pts.length} of ${grid.length} grid points` } : {}) };
  }
  return trace(model, grid);
}

/**
 * The dip of the slope on a scanned curve: its first interior local minimum (slope rising after it), or
 * the first negative slope; undefined if the slope decreases monotonically over the scan. A zero crossing
 * where S is within 10 % of the total entropy s_RS is the far end of the branch — its maximum, S = s_RS,
 * seen one grid step later — not a dip, and ends the search (dips cross zero at S ≤ 0.6 s_RS in every
 * case computed, κ ∈ [−1, 1]; docs/local-entropy.md §6).
 */
export function dipOf(points: readonly LocalEntropyPoint[], totalEntropy?: number): { index: number; slope: number; d: number } | undefined {
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.slope < 0) {
      if (totalEntropy !== undefined && Math.abs(points[i]!.localEntropy - totalEntropy) <= 0.1 * Math.abs(totalEntropy)) return undefined;
      return { index: i, slope: points[i]!.slope, d: points[i]!.d };
    }
    if (i + 1 < points.length && points[i]!.slope <= points[i - 1]!.slope && points[i + 1]!.slope > points[i]!.slope) return { index: i, slope: points[i]!.slope, d: points[i]!.d };
  }
  return undefined;
}

/** Vertex of the parabola through three points (undefined if they are collinear or it opens downwards). */
export function parabolaVertex(p: [number, number][]): { x: number; y: number } | undefined {
  const [[x0, y0], [x1, y1], [x2, y2]] = p as [[number, number], [number, number], [number, number]];
  const d01 = (y1 - y0) / (x1 - x0);
  const d12 = (y2 - y1) / (x2 - x1);
  const a = (d12 - d01) / (x2 - x0);
  if (!(a > 0)) return undefined;
  const b = d01 - a * (x0 + x1);
  const x = -b / (2 * a);
  return { x, y: y0 + d01 * (x - x0) + a * (x - x0) * (x - x1) };
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
  /** Points of the initial log-grid scan (default 48) and of the window (default 24). */
  scanPoints?: number;
  windowPoints?: number;
  /** Tolerance on α (default 1e-4). */
  tol?: number;
  /** The bracket is never expanded beyond this α (e.g. the capacity). */
  maxAlpha?: number;
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
  history: { alpha: number; minSlope: number; at: number; refined: boolean }[];
  /**
   * Cross-check from the side where the dip is resolved: the zero of the straight line through the two
   * refined positive values of f closest to the root (undefined if there are fewer than two). The reported
   * tolerance is max(Brent's bracket, |α − this|): right at the transition the dense branch touches another
   * one and the dip can only be bracketed, not refined.
   */
  extrapolated?: number;
}

/**
 * α_LE: the zero of f(α) = min_{d in W} dS/dd on the dense branch (windowMinimum), W a window of distances
 * around the slope's dip, fixed once from a full log-grid scan at the largest α of the bracket where the
 * dip is an interior local minimum with positive slope. The bracket is adapted first: its upper end is
 * raised until the slope turns negative, its lower end lowered while it already does, and moved up by
 * bisection while the slope has no dip at all. Each f(α) warm-starts the window's first point from the
 * previous α's solution there.
 */
export function localEntropyTransition(o: TransitionOptions): LocalEntropyTransition {
  const dMin = o.dMin ?? 1e-4;
  const grid = logGrid(dMin, o.dMax ?? 0.3, o.scanPoints ?? 48);
  const scans = new Map<number, { points: LocalEntropyPoint[]; dip?: ReturnType<typeof dipOf> }>();
  const scan = (alpha: number) => {
    let s = scans.get(alpha);
    if (!s) {
      const model = o.modelAt(alpha);
      const c = curveOn(model, grid);
      s = { points: c.points, dip: dipOf(c.points, model.totalEntropy) };
      scans.set(alpha, s);
    }
    return s;
  };
  let [a, b] = o.bracket;
  const width = b - a;
  const cap = o.maxAlpha ?? Infinity;
  for (let k = 0; k < 20 && b < cap && !(scan(b).dip && scan(b).dip!.slope < 0); k++) b = Math.min(b + width, cap);
  if (!(scan(b).dip && scan(b).dip!.slope < 0)) throw new RangeError(`local-entropy transition: the dense branch stays monotonic up to α = ${b}`);
  for (let k = 0; k < 20 && scan(a).dip && scan(a).dip!.slope < 0; k++) a = Math.max(a - width, a / 2);
  for (let k = 0; k < 30 && !scan(a).dip; k++) {
    const m = 0.5 * (a + b);
    if (scan(m).dip && scan(m).dip!.slope < 0) b = m;
    else a = m;
  }
  const sa = scan(a);
  if (!sa.dip || !(sa.dip.slope > 0)) throw new RangeError(`local-entropy transition: no α in [${a}, ${b}] with a dip of positive slope`);
  const dipA = sa.dip;
  const pts = sa.points;
  let hi = 3 * dipA.d;
  for (let k = dipA.index + 1; k < pts.length; k++) {
    if (pts[k]!.slope < pts[k - 1]!.slope) {
      hi = Math.min(hi, pts[k - 1]!.d);
      break;
    }
  }
  const lo = dipA.d / 6;
  const window: [number, number] = [lo, hi];
  let startPoint = pts.reduce((best, q) => (Math.abs(Math.log(q.d / lo)) < Math.abs(Math.log(best.d / lo)) ? q : best));
  const history: LocalEntropyTransition['history'] = [];
  const results = new Map<number, ReturnType<typeof windowMinimum>>();
  const f = (alpha: number) => {
    const model = o.modelAt(alpha);
    const first = model.solve(lo, startPoint);
    if (!first.converged) throw new RangeError(`local-entropy transition: no solution at d = ${lo} for α = ${alpha} (${first.reason})`);
    const w = windowMinimum(model, lo, hi, o.windowPoints ?? 24, first);
    startPoint = first;
    results.set(alpha, w);
    history.push({ alpha, minSlope: w.slope, at: w.d, refined: w.refined });
    return w.slope;
  };
  const fa = f(a);
  let fb = f(b);
  for (let k = 0; k < 10 && fb > 0 && b < cap; k++) fb = f((b = Math.min(b + width, cap)));
  if (!(fa > 0 && fb <= 0)) throw new RangeError(`local-entropy transition: the windowed criterion does not change sign on [${a}, ${b}] (f = ${fa}, ${fb})`);
  const tol = o.tol ?? 1e-4;
  const r = zeroOf(f, [a, b], { tol, criterion: o.criterion });
  const w = results.get(r.value) ?? [...results.values()].pop()!;
  // Two refined evaluations just below the root for the cross-check (stepping down until refined).
  const step = Math.max(5e-4, 5 * tol);
  for (let k = 1, got = 0; k <= 8 && got < 2; k++) {
    const alpha = r.value - k * step;
    if (alpha <= a) break;
    try {
      f(alpha);
      const h = history[history.length - 1]!;
      if (h.refined && h.minSlope > 0) got++;
    } catch {
      /* skip */
    }
  }
  const clean = history.filter((h) => h.refined && h.minSlope > 0).sort((x, y) => y.alpha - x.alpha);
  let extrapolated: number | undefined;
  if (clean.length >= 2) {
    const [h1, h2] = clean as [(typeof history)[number], (typeof history)[number]];
    extrapolated = h1.alpha - (h1.minSlope * (h1.alpha - h2.alpha)) / (h1.minSlope - h2.minSlope);
  }
  const spread = extrapolated !== undefined && Number.isFinite(extrapolated) ? Math.abs(extrapolated - r.value) : 0;
  return {
    alpha: r.value,
    tolerance: Math.max(tol, r.bracket[1] - r.bracket[0], spread),
    ...(extrapolated !== undefined && Number.isFinite(extrapolated) ? { extrapolated } : {}),
    bracket: r.bracket,
    criterion: o.criterion,
    window,
    dip: { d: w.d, slope: w.slope, localEntropy: w.point.localEntropy },
    evaluations: history.length + scans.size,
    converged: r.converged,
    history,
  };
}
