/**
 * One local-entropy curve S(d) for a construction, with the context its rows need (entropy/rows.ts):
 * equilibrium reference (Franz-Parisi at κ̃ = κ), margin reference (κ̃ given, or the best one at a small
 * distance d_s, binary), densest regions (large deviations, y → ∞, binary).
 */
import type { Row } from '../io/row.js';
import type { PriorName } from '../replica/perceptron.js';
import { bestMarginAt } from './accessibility.js';
import { franzParisiCurve, franzParisiSpec, type LocalEntropyPoint } from './franz-parisi.js';
import { largeDeviationCurve, largeDeviationSpec, pinnedFraction } from './large-deviation.js';
import { marginCurve, type MarginChoice } from './margin.js';
import type { CurveContext, ReferenceKind } from './rows.js';

export interface CurveRequest {
  prior: PriorName;
  alpha: number;
  kappa: number;
  reference: ReferenceKind;
  kappaRef?: number;
  /** Margin reference without κ̃: the distance at which the best κ̃ maximizes S (default 0.005). */
  marginDistance?: number;
  ds: readonly number[];
  tol?: number;
}

export interface CurveResult {
  context: CurveContext;
  points: LocalEntropyPoint[];
  /** Extra columns per point (same order as points). */
  extras: Row[];
  /** Why the curve stops before some requested distances. */
  ended: string[];
}

export function localEntropyCurve(r: CurveRequest): CurveResult {
  const tol = r.tol ?? 1e-11;
  if (r.reference === 'large-deviation') {
    if (r.prior !== 'binary') throw new RangeError('large deviations: implemented for binary weights only');
    const spec = largeDeviationSpec({ alpha: r.alpha, kappa: r.kappa });
    const c = largeDeviationCurve(spec, r.ds, { tol: Math.max(tol, 1e-10) });
    const ended = c.ended.map(largeDeviationEnded);
    return {
      context: { prior: r.prior, alpha: r.alpha, kappa: r.kappa, reference: r.reference, quadrature: spec.channel.quadrature, tolerance: Math.max(tol, 1e-10) },
      points: c.points,
      extras: c.points.map((p) => ({ pinned_fraction: pinnedFraction(spec, p) })),
      ended,
    };
  }
  const choice = referenceMargin(r.reference, r.kappa, r.kappaRef, r.marginDistance, (dS) => {
    if (r.prior !== 'binary') throw new RangeError('margin reference: the best κ̃ is defined for binary weights (give κ̃ explicitly for spherical weights)');
    return bestMarginAt(r.alpha, r.kappa, dS);
  });
  const c =
    r.reference === 'equilibrium'
      ? (() => {
          const spec = franzParisiSpec({ prior: r.prior, alpha: r.alpha, kappa: r.kappa });
          return { ...franzParisiCurve(spec, r.ds, { tol }), spec };
        })()
      : marginCurve({ prior: r.prior, alpha: r.alpha, kappa: r.kappa, kappaRef: choice.kappaRef, ds: r.ds, tol });
  return referenceCurveResult({ prior: r.prior, alpha: r.alpha, kappa: r.kappa, reference: r.reference }, choice, c, tol);
}

/** How the reference margin κ̃ was set: given, or the best one at d_s (margin reference), or κ (equilibrium). */
export interface ReferenceMarginChoice {
  kappaRef: number;
  kappaRefCriterion?: string;
  kappaMax?: number;
}

/**
 * κ̃ of a margin or equilibrium curve: the equilibrium reference has κ̃ = κ; the margin reference takes κ̃ when
 * given, otherwise the maximizer of S(d_s; κ̃) over (κ, κ_max] found by `best` (margin.ts).
 */
export function referenceMargin(reference: ReferenceKind, kappa: number, kappaRef: number | undefined, marginDistance: number | undefined, best: (dS: number) => MarginChoice): ReferenceMarginChoice {
  if (reference !== 'margin') return { kappaRef: kappa };
  if (kappaRef !== undefined) return { kappaRef };
  const dS = marginDistance ?? 0.005;
  const b = best(dS);
  return {
    kappaRef: b.kappaRef,
    kappaMax: b.kappaMax,
    kappaRefCriterion: `argmax over κ̃ ∈ (${kappa === 0 ? '0' : 'κ'}, κ_max] of S(d = ${dS}; κ̃)${b.atBoundary ? ' (at κ_max: the largest margin with references)' : ''}`,
  };
}

interface CurveSpecInfo {
  prior: { quadrature: string };
  channel: { quadrature: string };
  reference: { entropy: number };
}

/** The result of an equilibrium- or margin-reference curve, with the context its rows need (rows.ts). */
export function referenceCurveResult(
  base: Pick<CurveContext, 'prior' | 'alpha' | 'kappa' | 'reference'>,
  choice: ReferenceMarginChoice,
  c: { spec: CurveSpecInfo; points: LocalEntropyPoint[]; ended: string[] },
  tol: number,
): CurveResult {
  return {
    context: {
      ...base,
      ...(base.reference === 'margin' ? { kappaRef: choice.kappaRef } : {}),
      ...(choice.kappaRefCriterion ? { kappaRefCriterion: choice.kappaRefCriterion } : {}),
      ...(choice.kappaMax !== undefined ? { kappaMax: choice.kappaMax } : {}),
      quadrature: `prior: ${c.spec.prior.quadrature}; channel: ${c.spec.channel.quadrature}`,
      tolerance: tol,
      referenceEntropy: c.spec.reference.entropy,
    },
    points: c.points,
    extras: c.points.map(() => ({})),
    ended: c.ended,
  };
}

/** Why a large-deviation curve stops short. */
export const largeDeviationEnded = (e: string) => `${e} — the large-deviation branch ends where π̂ → 0 (its maximum, S_max → s_RS) or breaks up`;
