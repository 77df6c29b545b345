/**
 * Transitions of RS models, each found by a root finder on a well-defined function and reported with
 * its criterion and tolerance (DESIGN.md §3):
 *  - entropyZero: the α where the RS entropy of the branch vanishes (binary weights: the SAT/UNSAT
 *    capacity under the frozen-1RSB criterion of Krauth and Mézard 1989, REFERENCE.md §1);
 *  - repliconZero: the de Almeida-Thouless line, where the replicon eigenvalue crosses zero.
 * Both follow the branch by warm-started continuation in α and then refine by Brent, warm-starting
 * every evaluation from the nearest solved point.
 */
import { brent } from '../math/roots.js';
import type { TransitionResult } from '../saddle/index.js';
import { pointAtOverlap, replicon, type GlmSpec, type RSPoint } from './glm.js';
import { solvePoint, type StudyPoint } from './study.js';

export interface BranchTransition extends TransitionResult {
  /** The saddle point at the transition. */
  point: StudyPoint;
  reason?: string;
}

interface Scan {
  lo?: number;
  hi?: number;
  /** Geometric growth of the α step while bracketing. */
  growth?: number;
  tol?: number;
}

/**
 * The first α at which f(point) changes sign along the branch started at `lo`: continuation outwards
 * (α ← α·growth) until the sign changes or the branch ends, then Brent on the bracket.
 */
function signChangeAlongBranch(spec: GlmSpec, f: (p: StudyPoint) => number, criterion: string, opts: Scan): BranchTransition {
  const tol = opts.tol ?? 1e-10;
  const growth = opts.growth ?? 1.15;
  const hi = opts.hi ?? 1e4;
  const solved: StudyPoint[] = [];
  const nearest = (alpha: number) => solved.reduce((b, p) => (Math.abs(p.alpha - alpha) < Math.abs(b.alpha - alpha) ? p : b), solved[0]!);
  const solveAt = (alpha: number): StudyPoint => {
    const g = solved.length ? nearest(alpha) : undefined;
    const p = solvePoint(spec, alpha, g ? { guess: { q: g.q, ...(g.R !== undefined ? { R: g.R } : {}) } } : {});
    if (p.converged) solved.push(p);
    return p;
  };
  let a = opts.lo ?? 0.05;
  let pa = solveAt(a);
  const fail = (reason: string): BranchTransition => ({ value: NaN, bracket: [a, a], tolerance: tol, criterion, evaluations: solved.length, converged: false, point: pa, reason });
  if (!pa.converged) return fail(`no converged RS point at the start α = ${a}`);
  let fa = f(pa);
  if (!(fa > 0 || fa < 0)) return fail(`criterion is ${fa} at the start α = ${a}`);
  let step = a * (growth - 1);
  for (;;) {
    const b = Math.min(a + step, hi);
    const pb = solveAt(b);
    if (!pb.converged || pb.q > 1 - 1e-10) {
      // Past the end of the branch: approach the end with smaller steps before giving up.
      step /= 4;
      if (step < 1e-9 * a) return fail(`the branch ended at α ≈ ${a} before the criterion changed sign`);
      continue;
    }
    const fb = f(pb);
    if (Math.sign(fb) !== Math.sign(fa)) {
      let evaluations = 0;
      const r = brent(
        (x) => {
          evaluations++;
          const p = solveAt(x);
          if (!p.converged) throw new Error(`no converged RS point at α = ${x} inside the bracket`);
          return f(p);
        },
        a,
        b,
        { xtol: tol, rtol: 0 },
      );
      const point = solveAt(r.root);
      return { value: r.root, bracket: r.bracket, tolerance: tol, criterion, evaluations, converged: r.converged && point.converged, point };
    }
    if (b >= hi) return fail(`no sign change up to α = ${hi}`);
    a = b;
    pa = pb;
    fa = fb;
    step = a * (growth - 1) < step * 4 ? a * (growth - 1) : step * 4;
  }
}

export function entropyZero(spec: GlmSpec, opts: Scan = {}): BranchTransition {
  return signChangeAlongBranch(spec, (p) => p.phi, 'RS entropy = 0 (frozen 1RSB, Krauth-Mézard)', opts);
}

export function repliconZero(spec: GlmSpec, opts: Scan = {}): BranchTransition {
  return signChangeAlongBranch(spec, (p) => p.replicon, 'replicon eigenvalue = 0 (de Almeida-Thouless line)', opts);
}

/**
 * The same criterion (RS entropy = 0) located along the branch parametrized by its own overlap: the
 * entropy s(q) = φ(q, α(q)) at the point `pointAtOverlap(spec, q)`, scanned on q = step, 2·step, … until it
 * turns negative, then Brent in q; α_c = α(q*). Each evaluation is one channel gradient and one prior
 * inversion, with no nested saddle-point solve: the method for expensive channels (finite-K committee
 * machines). It needs α(q) increasing up to q* (checked on the scan; a fold would make it ambiguous).
 */
export function entropyZeroAlongOverlap(spec: GlmSpec, opts: { tol?: number; step?: number } = {}): BranchTransition & { q: number } {
  const tol = opts.tol ?? 1e-10;
  const step = opts.step ?? 0.1;
  const criterion = 'RS entropy = 0 (frozen 1RSB, Krauth-Mézard), along the branch parametrized by q';
  let lo = 0;
  let pLo: RSPoint | undefined;
  let evaluations = 0;
  const at = (q: number) => {
    evaluations++;
    return pointAtOverlap(spec, q);
  };
  for (let q = step; q < 1 - 1e-9; q = Math.min(q + step, 1 - 1e-6)) {
    const p = at(q);
    if (!Number.isFinite(p.phi) || !Number.isFinite(p.alpha)) break;
    if (pLo && p.alpha <= pLo.alpha) {
      const point = { ...p, replicon: NaN };
      return { value: NaN, q: NaN, bracket: [pLo.alpha, p.alpha], tolerance: tol, criterion, evaluations, converged: false, point, reason: `α(q) is not increasing between q = ${lo} and ${q}: the branch folds before the entropy vanishes` };
    }
    if (p.phi < 0) {
      const r = brent((x) => at(x).phi, lo, q, { xtol: tol * 1e-2, rtol: 0 });
      const star = at(r.root);
      const point: StudyPoint = { ...star, replicon: replicon(spec, star) };
      // Tolerance on α: the q-bracket times the slope of α(q).
      const slope = Math.abs(p.alpha - (pLo?.alpha ?? 0)) / (q - lo);
      const tolerance = Math.max(tol, slope * Math.abs(r.bracket[1] - r.bracket[0]));
      return { value: star.alpha, q: r.root, bracket: [star.alpha - tolerance, star.alpha + tolerance], tolerance, criterion, evaluations, converged: r.converged && star.converged, point };
    }
    lo = q;
    pLo = p;
    if (q >= 1 - 1e-6) break;
  }
  const point = { ...(pLo ?? at(step)), replicon: NaN };
  return { value: NaN, q: NaN, bracket: [lo, 1], tolerance: tol, criterion, evaluations, converged: false, point, reason: 'the RS entropy stays positive up to q → 1' };
}
