/**
 * The reference group of a two-group (Franz-Parisi) replica computation (docs/local-entropy.md §1-§2).
 *
 * A reference w̃ is drawn from the uniform measure over the solutions of its own model (here: the
 * perceptron in storage with margin κ̃), and the constrained replicas w count the solutions of the target
 * model (margin κ) at a fixed overlap p = w·w̃/N with it. The reference is replicated s → 0 times; with
 * s → 0 the reference group does not feel the constrained group, so its replica-symmetric overlap q̃ and
 * conjugate q̂̃ are exactly those of the plain RS saddle point of its own model (solved by study.ts
 * `solvePoint` and reused here, never re-derived).
 */
import { perceptronModel, type PriorName } from './perceptron.js';
import { solvePoint, type StudyPoint } from './study.js';

export interface ReferenceGroup {
  prior: PriorName;
  /** Margin κ̃ of the reference's own constraints (κ̃ = κ: equilibrium reference; κ̃ > κ: high margin). */
  kappa: number;
  alpha: number;
  /** Overlap between two reference replicas, and its conjugate. */
  q: number;
  qhat: number;
  /** The reference model's RS free entropy (binary: log-count of references per weight). */
  entropy: number;
  /** The RS solve it came from (convergence is reported with every result built on it). */
  point: StudyPoint;
}

/** The reference group drawn uniformly among margin-κ̃ solutions at constraint density α. */
export function equilibriumReference(prior: PriorName, alpha: number, kappaRef: number, opts: { tol?: number; guess?: { q: number } } = {}): ReferenceGroup {
  const spec = perceptronModel({ prior, setting: 'storage', kappa: kappaRef });
  const point = solvePoint(spec, alpha, { tol: opts.tol ?? 1e-13, ...(opts.guess ? { guess: opts.guess } : {}) });
  if (!point.converged) {
    throw new RangeError(`reference group: the RS saddle point of the ${prior} perceptron at α = ${alpha}, κ̃ = ${kappaRef} did not converge (${point.reason ?? 'unknown'})`);
  }
  return { prior, kappa: kappaRef, alpha, q: point.q, qhat: point.qhat, entropy: point.phi, point };
}

/**
 * An uninformative reference (q̃ = q̂̃ = 0, κ̃ = 0): a reference carrying no information about the other
 * references, i.e. a teacher. With it the two-group terms reduce to the teacher-student terms of
 * prior.ts and channels/perceptron.ts (tested), which are therefore their special case.
 */
export function teacherAsReference(prior: PriorName): ReferenceGroup {
  return {
    prior,
    kappa: 0,
    alpha: 0,
    q: 0,
    qhat: 0,
    entropy: prior === 'binary' ? Math.LN2 : 0,
    point: { alpha: 0, q: 0, qhat: 0, phi: prior === 'binary' ? Math.LN2 : 0, converged: true, iterations: 0, residual: 0, method: 'newton', replicon: 1 },
  };
}
