/**
 * Teacher-student learning with zero training error (Gibbs measure over the version space), REFERENCE.md
 * §2. Two kinds of states:
 *  - 'poor': the finite-q solution of the RS equations (q < 1);
 *  - 'perfect': q = R = 1, the student equals the teacher, φ = 0. It exists for discrete (binary) weights,
 *    where the saddle-point map contracts towards q = 1 (1 − M(1 − δ) ≪ δ), and is then locally stable.
 * Matched binary teacher and student (Nishimori line): the poor branch's free entropy crosses the perfect
 * state's φ = 0 at a first-order transition (Györgyi 1990: α ≈ 1.245), and the poor branch survives as a
 * metastable state until it disappears at a spinodal (a fold of the branch).
 */
import { brent, minimize } from '../math/roots.js';
import { branchEnd, type TransitionResult } from '../saddle/index.js';
import { pointAtOverlap, rsMap, type GlmSpec } from './glm.js';
import { solvePoint, type StudyPoint } from './study.js';

export type TSState = 'poor' | 'perfect';

export interface TSPoint extends StudyPoint {
  state: TSState;
}

/** Closer than this to q = 1 a converged point is the perfect-generalization state. */
const PERFECT = 1 - 1e-9;

/**
 * Does the map contract onto q = 1 at this α? Checked at 1 − q = 1e-6: the image must be at least ten
 * times closer to 1 (it is super-linearly closer for binary weights, and farther for continuous ones).
 */
export function perfectStateAttracts(spec: GlmSpec, alpha: number): boolean {
  if (spec.setting !== 'teacher-student') return false;
  const d = 1e-6;
  const x = spec.nishimori ? [1 - d] : [1 - d, 1 - d];
  try {
    const m = rsMap(spec, alpha, x);
    return 1 - m[0]! < d / 10 && (m.length < 2 || 1 - m[1]! < d / 10);
  } catch {
    return false;
  }
}

export function perfectPoint(spec: GlmSpec, alpha: number): TSPoint {
  return { alpha, q: 1, R: 1, qhat: Infinity, Rhat: Infinity, phi: 0, converged: true, iterations: 0, residual: 0, method: 'fixed-point', replicon: NaN, state: 'perfect' };
}

/**
 * Solve at α starting from `from` (a poor point, the perfect state, or nothing: a small overlap).
 * `newtonOnly`: a fast existence test from a close warm start (no slow fallback).
 */
export function solveTeacherStudent(spec: GlmSpec, alpha: number, from?: TSPoint, opts: { newtonOnly?: boolean; tol?: number } = {}): TSPoint {
  if (from?.state === 'perfect' && perfectStateAttracts(spec, alpha)) return perfectPoint(spec, alpha);
  const p = solvePoint(spec, alpha, {
    ...(from && from.state === 'poor' ? { guess: { q: from.q, ...(from.R !== undefined ? { R: from.R } : {}) } } : {}),
    ...(opts.newtonOnly ? { method: 'newton' as const } : {}),
    ...(opts.tol !== undefined ? { tol: opts.tol } : {}),
  });
  if (p.converged && p.q < PERFECT) return { ...p, state: 'poor' };
  // The iteration ran into q = 1: the perfect state, if it is a fixed point here.
  if (perfectStateAttracts(spec, alpha)) return perfectPoint(spec, alpha);
  return { ...p, state: 'poor', converged: false, reason: p.reason ?? 'no solution with q < 1' };
}

/** A warm-started sweep; with start = 'perfect' the sweep begins in the perfect state. */
export function teacherStudentSweep(spec: GlmSpec, alphas: readonly number[], start: TSState = 'poor', opts: { tol?: number; onPoint?: (p: TSPoint) => void } = {}): TSPoint[] {
  const out: TSPoint[] = [];
  const { onPoint, ...solveOpts } = opts;
  let prev: TSPoint | undefined = start === 'perfect' ? perfectPoint(spec, alphas[0] ?? 0) : undefined;
  for (const alpha of alphas) {
    const p = solveTeacherStudent(spec, alpha, prev, solveOpts);
    out.push(p);
    onPoint?.(p);
    if (p.converged) prev = p;
  }
  return out;
}

export interface TSTransition extends TransitionResult {
  point: TSPoint;
  /** For the spinodal: the fold of the branch α(q) located independently (max of α(q)). */
  foldCheck?: { alpha: number; q: number };
  reason?: string;
}

function requireMatched(spec: GlmSpec): void {
  if (spec.setting !== 'teacher-student' || !spec.nishimori) throw new RangeError('teacher-student transitions: need the matched (Nishimori) teacher-student setting');
}

/**
 * The spinodal of the poor branch: continuation in α from `start` with step `step` until the poor
 * solution is lost, then bisection on its existence, tested by Newton from the last existing point (its
 * basin shrinks like √(α_sp − α) at a fold, so the test is reliable to ~1e-9 here; a slow fallback
 * would only blur it).
 * Cross-check: the fold of the branch parametrized by its overlap, max_q α(q), found by Brent's minimizer.
 */
export function poorBranchSpinodal(spec: GlmSpec, opts: { start?: number; step?: number; tol?: number } = {}): TSTransition {
  requireMatched(spec);
  const tol = opts.tol ?? 1e-8;
  const step = opts.step ?? 0.05;
  let alpha = opts.start ?? 0.5;
  let last = solveTeacherStudent(spec, alpha);
  if (!last.converged || last.state !== 'poor') throw new RangeError(`no poor-generalization solution at the start α = ${alpha}`);
  let evaluations = 1;
  for (;;) {
    const next = solveTeacherStudent(spec, alpha + step, last);
    evaluations++;
    if (!next.converged || next.state !== 'poor') break;
    last = next;
    alpha += step;
    if (alpha > 1e3) throw new RangeError('poorBranchSpinodal: the poor branch does not end below α = 1000');
  }
  const end = branchEnd<TSPoint>({
    solve: (a, guess) => {
      const p = solveTeacherStudent(spec, a, guess, { newtonOnly: true });
      return { ...p, value: p, converged: p.converged && p.state === 'poor' };
    },
    inside: alpha,
    insideState: last,
    outside: alpha + step,
    tol,
    criterion: 'spinodal: end of the poor-generalization branch (continuation + bisection on existence)',
  });
  // Independent check: the fold of α(q) on the Nishimori branch.
  const fold = minimize((q) => -pointAtOverlap(spec, q).alpha, Math.max(0.05, last.q - 0.3), Math.min(1 - 1e-6, last.q + 0.3), { xtol: 1e-10 });
  const foldAlpha = -fold.fx;
  const agree = Math.abs(foldAlpha - end.value) <= Math.max(10 * tol, 1e-7);
  return {
    value: end.value,
    bracket: end.bracket,
    tolerance: end.tolerance,
    criterion: end.criterion,
    evaluations: evaluations + end.evaluations,
    converged: agree,
    point: end.lastState,
    foldCheck: { alpha: foldAlpha, q: fold.x },
    ...(agree ? {} : { reason: `bisection (${end.value}) and fold of α(q) (${foldAlpha}) disagree` }),
  };
}

/**
 * The first-order transition: the α where the poor branch's free entropy equals the perfect state's,
 * φ_poor(α) = 0, by Brent on the poor branch (below the spinodal, where it exists).
 */
export function firstOrderTransition(spec: GlmSpec, opts: { tol?: number; spinodal?: TSTransition } = {}): TSTransition {
  requireMatched(spec);
  const tol = opts.tol ?? 1e-10;
  const sp = opts.spinodal ?? poorBranchSpinodal(spec);
  const cache: TSPoint[] = [];
  const at = (alpha: number): TSPoint => {
    const warm = cache.reduce<TSPoint | undefined>((b, p) => (!b || Math.abs(p.alpha - alpha) < Math.abs(b.alpha - alpha) ? p : b), undefined) ?? sp.point;
    const p = solveTeacherStudent(spec, alpha, warm);
    if (!p.converged || p.state !== 'poor') throw new Error(`no poor-branch solution at α = ${alpha}`);
    cache.push(p);
    return p;
  };
  const hi = sp.bracket[0];
  const lo = 0.1 * hi;
  let evaluations = 0;
  const r = brent(
    (a) => {
      evaluations++;
      return at(a).phi;
    },
    lo,
    hi,
    { xtol: tol, rtol: 0 },
  );
  const point = at(r.root);
  return {
    value: r.root,
    bracket: r.bracket,
    tolerance: tol,
    criterion: 'first order: free entropy of the poor branch = free entropy of the perfect state (φ = 0)',
    evaluations,
    converged: r.converged,
    point,
  };
}
