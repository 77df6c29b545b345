/**
 * Warm-started continuation along a control parameter: each point starts from the previous converged
 * one, so a sweep follows one branch of solutions. Sweeping up and then down exposes coexisting branches
 * (hysteresis). The sweep stops cleanly where the branch ends — the solver fails, or the caller's `ended`
 * test fires (e.g. q → 1) — and says so.
 */
import type { SolveReport, SolveResult } from './report.js';

export interface BranchPoint<S> {
  param: number;
  value: S;
  report: SolveReport;
}

export interface Branch<S> {
  points: BranchPoint<S>[];
  /** Present when the sweep stopped before its last parameter value. */
  ended?: { at: number; lastConverged: number | undefined; reason: string };
}

export interface ContinuationOptions<S> {
  /** Parameter values, in the order of traversal. */
  params: readonly number[];
  solve: (param: number, guess: S | undefined) => SolveResult<S>;
  /** Initial guess for the first point. */
  start?: S;
  /** A converged state that nevertheless lies past the branch's end: return the reason, or undefined. */
  ended?: (value: S, param: number) => string | undefined;
  /** Keep the failed point in the output (flagged as not converged) instead of dropping it. */
  keepFailed?: boolean;
  /** Called after each point (progress reporting). */
  onPoint?: (p: BranchPoint<S>, index: number) => void;
}

export function continuation<S>(opts: ContinuationOptions<S>): Branch<S> {
  const points: BranchPoint<S>[] = [];
  let guess = opts.start;
  let lastConverged: number | undefined;
  for (let i = 0; i < opts.params.length; i++) {
    const param = opts.params[i]!;
    let result: SolveResult<S>;
    try {
      result = opts.solve(param, guess);
    } catch (err) {
      return { points, ended: { at: param, lastConverged, reason: `solver error: ${(err as Error).message}` } };
    }
    const { value, ...report } = result;
    const endReason = result.converged ? opts.ended?.(value, param) : undefined;
    if (!result.converged || endReason) {
      const reason = endReason ?? `no convergence (${result.reason ?? 'unknown'}, residual ${result.residual.toExponential(2)} after ${result.iterations} iterations)`;
      if (opts.keepFailed) {
        const p = { param, value, report: { ...report, converged: false, reason } };
        points.push(p);
        opts.onPoint?.(p, i);
      }
      return { points, ended: { at: param, lastConverged, reason } };
    }
    const p = { param, value, report };
    points.push(p);
    opts.onPoint?.(p, i);
    guess = value;
    lastConverged = param;
  }
  return { points };
}

/**
 * The grid from → to with the given step, endpoints included (the last point is `to` when the step divides
 * the range up to 1e-9 of a step). The step's sign must point from `from` to `to`.
 */
export function grid(from: number, to: number, step: number): number[] {
  if (!(step !== 0 && Number.isFinite(step))) throw new RangeError(`grid: step must be finite and non-zero, got ${step}`);
  if ((to - from) * step < 0) throw new RangeError(`grid: step ${step} does not lead from ${from} to ${to}`);
  const n = Math.floor((to - from) / step + 1e-9);
  const out: number[] = [];
  // Values rounded to 15 significant digits: 1 − 0.2·2 is 0.6, not 0.6000000000000001.
  for (let i = 0; i <= n; i++) out.push(i === n && Math.abs(from + i * step - to) < 1e-9 * Math.abs(step) ? to : Number((from + i * step).toPrecision(15)));
  return out;
}
