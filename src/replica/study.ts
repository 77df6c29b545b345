/**
 * Studies built on one RS model: a point, a warm-started sweep, and the storage capacity from the q → 1
 * end of the branch. These return physics results; rows.ts turns them into output rows.
 */
import { continuation, extrapolateToZero, type Branch } from '../saddle/index.js';
import { gardnerCapacity } from './channels/perceptron.js';
import { pointAtOverlap, replicon, solveRS, type GlmSpec, type RSPoint, type SolveRSOptions } from './glm.js';

export interface StudyPoint extends RSPoint {
  /** Replicon eigenvalue λ = 1 − α γ_P γ_out; RS is stable iff λ > 0. */
  replicon: number;
}

export interface PointOptions {
  tol?: number;
  guess?: { q: number; R?: number };
  method?: SolveRSOptions['method'];
}

export function solvePoint(spec: GlmSpec, alpha: number, opts: PointOptions = {}): StudyPoint {
  const p = solveRS(spec, alpha, {
    ...(opts.tol !== undefined ? { tol: opts.tol } : {}),
    ...(opts.guess ? { guess: opts.guess } : {}),
    ...(opts.method ? { method: opts.method } : {}),
  });
  return { ...p, replicon: p.converged ? replicon(spec, p) : NaN };
}

/** Closer than this to q = 1 a branch is treated as having reached its end. */
export const Q_END = 1 - 1e-10;

export function sweep(spec: GlmSpec, alphas: readonly number[], opts: PointOptions & { keepFailed?: boolean; onPoint?: (p: StudyPoint) => void } = {}): Branch<StudyPoint> {
  return continuation<StudyPoint>({
    params: alphas,
    ...(opts.guess ? { start: { ...solvePoint(spec, alphas[0]!, opts) } } : {}),
    solve: (alpha, guess) => {
      const p = solvePoint(spec, alpha, { ...opts, ...(guess && guess.converged ? { guess: { q: guess.q, ...(guess.R !== undefined ? { R: guess.R } : {}) } } : {}) });
      return { ...p, value: p };
    },
    ended: (p) => (p.q > Q_END ? `q reached 1 (1 − q = ${(1 - p.q).toExponential(2)}): end of the branch` : undefined),
    ...(opts.keepFailed ? { keepFailed: true } : {}),
    ...(opts.onPoint ? { onPoint: (bp) => opts.onPoint!(bp.value) } : {}),
  });
}

export interface EndPointResult {
  /** α where the RS branch reaches q → 1, extrapolated. */
  alpha: number;
  errorEstimate: number;
  criterion: string;
  /** The branch points used: (1 − q, α). */
  points: { distance: number; alpha: number }[];
  converged: boolean;
}

/**
 * The α at which the one-parameter RS branch reaches q → 1: the branch is followed in its own overlap,
 * α(q) at 1 − q = 10⁻²…10⁻⁷ geometrically, and α is extrapolated to 1 − q = 0 by Neville's scheme in
 * √(1 − q) (the expansion of α has a (1 − q)^{3/2} term: (G/H)²(u) = u² + 2 + O(u⁻²) at large u).
 */
export function branchEndQ1(spec: GlmSpec): EndPointResult {
  const distances = [1e-2, 4e-3, 1.6e-3, 6.4e-4, 2.56e-4, 1e-4, 4e-5, 1.6e-5, 6.4e-6, 2.56e-6, 1e-6, 4e-7, 1.6e-7];
  const points = distances.map((d) => ({ distance: d, alpha: pointAtOverlap(spec, 1 - d).alpha }));
  const used = points.slice(-6);
  const { value, previous } = extrapolateToZero(
    used.map((p) => Math.sqrt(p.distance)),
    used.map((p) => p.alpha),
  );
  const errorEstimate = Math.abs(value - previous);
  return {
    alpha: value,
    errorEstimate,
    criterion: 'q → 1 end of the RS branch (branch in its overlap, Neville extrapolation in √(1 − q))',
    points,
    converged: Number.isFinite(value) && errorEstimate < 1e-6 * Math.max(1, Math.abs(value)),
  };
}

export interface SphericalCapacity {
  kappa: number;
  /** Closed form 1/∫_{−κ}^∞ Dt (t + κ)². */
  closedForm: number;
  branch: EndPointResult;
}

export function sphericalStorageCapacity(spec: GlmSpec): SphericalCapacity {
  if (spec.prior.name !== 'spherical' || spec.setting !== 'storage' || spec.channel.name !== 'perceptron') {
    throw new RangeError('sphericalStorageCapacity: needs the spherical perceptron in storage');
  }
  const kappa = Number(spec.channel.params.kappa);
  return { kappa, closedForm: gardnerCapacity(kappa), branch: branchEndQ1(spec) };
}
