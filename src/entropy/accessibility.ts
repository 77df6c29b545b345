/**
 * The accessibility (local-entropy) transition α_LE(κ) of the binary perceptron for each construction of
 * the dense regions (docs/local-entropy.md §6):
 *  - 'large-deviation': the densest regions, S_max(d) of large-deviation.ts (y → ∞, free reference);
 *  - 'margin': the Franz-Parisi curve around a reference of margin κ̃*(α), the margin that maximizes the
 *    local entropy at a small distance d_s (margin.ts; at the densities where the transition sits the
 *    optimum is the largest margin κ_max(α) at which references exist).
 * Both use the criterion of transition.ts (the dip of dS/dd on the dense branch crossing zero), with a
 * default bracket [0.85, 0.97]·α_KM(κ) (replica/capacity.ts: the zero of the RS entropy).
 */
import { perceptronModel } from '../replica/perceptron.js';
import { storageCapacity } from '../replica/capacity.js';
import { solvePoint } from '../replica/study.js';
import { franzParisiModel, franzParisiSpec, type LocalEntropyPoint } from './franz-parisi.js';
import { largeDeviationModel, largeDeviationSpec } from './large-deviation.js';
import { bestReferenceMargin, marginCurve, type MarginChoice } from './margin.js';
import { localEntropyTransition, type CurveModel, type LocalEntropyTransition } from './transition.js';

export type Construction = 'large-deviation' | 'margin';

/** α_KM(κ): the binary perceptron's capacity (RS entropy = 0). */
export function krauthMezard(kappa: number): number {
  const c = storageCapacity(perceptronModel({ prior: 'binary', setting: 'storage', kappa }), { tol: 1e-10 });
  if (!c.converged) throw new RangeError(`α_KM(κ = ${kappa}) did not converge (${c.reason ?? 'unknown'})`);
  return c.alpha_c;
}

/** κ̃*(α) at the distance d_s (margin.ts `bestReferenceMargin`). */
export function bestMarginAt(alpha: number, kappa: number, dS: number): MarginChoice {
  return bestReferenceMargin({ alpha, kappa, d: dS });
}

export interface AccessibilityOptions {
  construction: Construction;
  kappa: number;
  /** Bracket in α (default [0.85, 0.97]·α_KM(κ)). */
  bracket?: [number, number];
  /** Tolerance on α (default 1e-4). */
  tol?: number;
  /** Margin construction: the small distance d_s at which the best κ̃ maximizes S (default 0.005). */
  marginDistance?: number;
}

export interface AccessibilityTransition extends LocalEntropyTransition {
  construction: Construction;
  kappa: number;
  alphaKM: number;
  /** The RS entropy s_RS(α_LE, κ) of all solutions: S at the dip must stay below it (RS consistency). */
  totalEntropy: number;
  /** Margin construction: the reference margin used at the transition. */
  margin?: MarginChoice;
}

export const CRITERIA: Record<Construction, string> = {
  'large-deviation':
    'dense branch of S_max(d) (large deviations, y → ∞, free reference, RS): the interior minimum of dS/dd = 2π̂ crosses 0 (Brent on α; dip located by a log-grid scan from d = 1e-4 and Brent’s minimizer)',
  margin:
    'Franz-Parisi S(d; κ̃*) around a reference of margin κ̃*(α) = argmax S(d_s; κ̃) (RS): the interior minimum of dS/dd = 2(p̂ − α∂ψ_out/∂p) crosses 0 (Brent on α; dip located by a log-grid scan from d = 1e-4 and Brent’s minimizer)',
};

/** The curve model of a construction at α (κ fixed). */
export function constructionModel(o: { construction: Construction; alpha: number; kappa: number; marginDistance?: number }): { model: CurveModel; margin?: MarginChoice } {
  const totalEntropy = solvePoint(perceptronModel({ prior: 'binary', setting: 'storage', kappa: o.kappa }), o.alpha).phi;
  if (o.construction === 'large-deviation') return { model: { ...largeDeviationModel(largeDeviationSpec({ alpha: o.alpha, kappa: o.kappa })), totalEntropy } };
  const margin = bestMarginAt(o.alpha, o.kappa, o.marginDistance ?? 0.005);
  const spec = franzParisiSpec({ prior: 'binary', alpha: o.alpha, kappa: o.kappa, kappaRef: margin.kappaRef });
  const initialCurve = (grid: readonly number[]): LocalEntropyPoint[] => marginCurve({ prior: 'binary', alpha: o.alpha, kappa: o.kappa, kappaRef: margin.kappaRef, ds: grid }).points;
  return { model: { ...franzParisiModel(spec, 1e-11, initialCurve), totalEntropy }, margin };
}

export function accessibilityTransition(o: AccessibilityOptions): AccessibilityTransition {
  const alphaKM = krauthMezard(o.kappa);
  const bracket = o.bracket ?? [0.85 * alphaKM, 0.97 * alphaKM];
  const margins = new Map<number, MarginChoice>();
  const r = localEntropyTransition({
    modelAt: (alpha) => {
      const c = constructionModel({ construction: o.construction, alpha, kappa: o.kappa, ...(o.marginDistance ? { marginDistance: o.marginDistance } : {}) });
      if (c.margin) margins.set(alpha, c.margin);
      return c.model;
    },
    bracket,
    maxAlpha: alphaKM,
    tol: o.tol ?? 1e-4,
    criterion: CRITERIA[o.construction],
  });
  const margin = margins.get(r.alpha) ?? [...margins.values()].pop();
  const totalEntropy = solvePoint(perceptronModel({ prior: 'binary', setting: 'storage', kappa: o.kappa }), r.alpha).phi;
  return { ...r, construction: o.construction, kappa: o.kappa, alphaKM, totalEntropy, ...(margin ? { margin } : {}) };
}
