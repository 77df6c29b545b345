/**
 * Transition finders on well-defined functions of a control parameter, each returning the location, the
 * final bracket, the tolerance and the criterion used:
 *  - zeroOf:    a scalar function crosses zero (e.g. entropy = 0, the frozen-1RSB capacity);
 *  - crossing:  two branches' free entropies are equal (first-order transition);
 *  - branchEnd: a branch of solutions stops existing (spinodal), by bisection on the existence of a
 *               converged solution, warm-started from the nearest point known to exist.
 */
import { brent } from '../math/roots.js';
import type { SolveResult } from './report.js';

export interface TransitionResult {
  /** The control parameter at the transition. */
  value: number;
  bracket: [number, number];
  tolerance: number;
  criterion: string;
  evaluations: number;
  converged: boolean;
}

export function zeroOf(f: (x: number) => number, bracket: [number, number], opts: { tol?: number; criterion: string }): TransitionResult {
  const tol = opts.tol ?? 1e-10;
  let evaluations = 0;
  const r = brent(
    (x) => {
      evaluations++;
      return f(x);
    },
    bracket[0],
    bracket[1],
    { xtol: tol, rtol: 0 },
  );
  return { value: r.root, bracket: r.bracket, tolerance: tol, criterion: opts.criterion, evaluations, converged: r.converged };
}

export function crossing(fa: (x: number) => number, fb: (x: number) => number, bracket: [number, number], opts: { tol?: number; criterion: string }): TransitionResult {
  return zeroOf((x) => fa(x) - fb(x), bracket, opts);
}

export interface BranchEndOptions<S> {
  solve: (param: number, guess: S) => SolveResult<S>;
  /** A converged state that nevertheless lies past the end of the branch (e.g. q → 1): true if it does. */
  beyond?: (value: S, param: number) => boolean;
  /** A parameter where the branch exists, and its state. */
  inside: number;
  insideState: S;
  /** A parameter where the branch does not exist. */
  outside: number;
  tol?: number;
  criterion?: string;
}

export function branchEnd<S>(opts: BranchEndOptions<S>): TransitionResult & { lastState: S } {
  const tol = opts.tol ?? 1e-8;
  let a = opts.inside;
  let b = opts.outside;
  let state = opts.insideState;
  let evaluations = 0;
  while (Math.abs(b - a) > tol) {
    const mid = 0.5 * (a + b);
    evaluations++;
    let ok = false;
    let value: S | undefined;
    try {
      const r = opts.solve(mid, state);
      ok = r.converged && !(opts.beyond?.(r.value, mid) ?? false);
      value = r.value;
    } catch {
      ok = false;
    }
    if (ok) {
      a = mid;
      state = value!;
    } else b = mid;
  }
  return {
    value: 0.5 * (a + b),
    bracket: [Math.min(a, b), Math.max(a, b)],
    tolerance: tol,
    criterion: opts.criterion ?? 'end of branch: last parameter with a converged solution (bisection)',
    evaluations,
    converged: true,
    lastState: state,
  };
}
