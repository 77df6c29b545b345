/**
 * High-margin reference for the binary student on random features (docs/random-features.md §5c): the
 * reference w̃ is drawn uniformly among the zero-error students with margin κ̃ > κ on their stabilities
 * y w̃·φ(x)/√N, and the margin-κ zero-error students at distance d from it are counted. It is the Franz-Parisi
 * construction of random-features-franz-parisi.ts with the reference's RS point solved at κ̃ (the channel
 * sees the effective margins κ̃_e = κ̃/√S̃ and κ_e = κ/√S), exactly as margin.ts does for the perceptron
 * (Baldassi et al. 2021), and it reuses margin.ts's homotopy, κ_max and best-margin search:
 *  - references exist (RS log-count ≥ 0) for κ̃ ≤ κ_max(α_D, γ), the zero of the RF RS entropy in κ̃;
 *  - the state at d*(κ) = (1 − q̃(κ))/2 is exact for κ̃ = κ and is carried to κ̃ by homotopy in κ̃;
 *  - S(d; κ̃) then follows by continuation in d from that anchor;
 *  - the best κ̃ maximizes S(d_s; κ̃) at a small distance d_s.
 */
import { solveRandomFeatures, type FeatureMap, type RFPoint } from '../replica/random-features.js';
import type { NestedRules } from '../replica/reference-prior.js';
import type { LocalEntropyPoint } from './franz-parisi.js';
import { bestMarginOver, maxReferenceMargin, referenceMarginHomotopy, requireReferences, type MarginChoice } from './margin.js';
import { rfEquilibriumState, rfFranzParisiCurve, rfFranzParisiSpec, solveRFFranzParisi, type RFFPSpec, type RFFPState } from './random-features-franz-parisi.js';

export interface RFMarginOptions {
  features: FeatureMap;
  alphaD: number;
  gamma: number;
  /** Margin of the counted students (default 0). */
  kappa?: number;
  /** Margin of the reference (κ̃ ≥ κ). */
  kappaRef: number;
  rules?: NestedRules;
  tol?: number;
}

type RFFPPoint = LocalEntropyPoint & { state?: RFFPState };

/**
 * κ_max(α_D, γ): the reference margin at which the RF RS entropy of the zero-error students vanishes (their
 * interpolation threshold read the other way: γ_interp(α_D; κ_max) = γ). Each RS solve is warm-started from
 * the previous margin's.
 */
export function rfMaxReferenceMargin(features: FeatureMap, alphaD: number, gamma: number, kappa = 0, tol = 1e-8): { kappaMax: number; tolerance: number; criterion: string } {
  let last: RFPoint | undefined;
  const entropyOf = (k: number) => {
    let pt = solveRandomFeatures({ features, alphaD, gamma, kappa: k }, last, { tol: 1e-12 });
    if (!pt.converged && last) pt = solveRandomFeatures({ features, alphaD, gamma, kappa: k }, undefined, { tol: 1e-12 });
    if (!pt.converged) return NaN;
    last = pt;
    return pt.phi;
  };
  const r = maxReferenceMargin(alphaD / gamma, kappa, { entropyOf, tol });
  return { ...r, criterion: `random-features RS entropy of the margin-κ̃ zero-error students = 0 at α_D = ${alphaD}, γ = ${gamma}` };
}

/** The specs along the homotopy, each reference's RS point warm-started from the previous one. */
function specMaker(o: RFMarginOptions): (kappaRef: number) => RFFPSpec {
  let last: RFPoint | undefined;
  return (kappaRef) => {
    const spec = rfFranzParisiSpec({ features: o.features, alphaD: o.alphaD, gamma: o.gamma, kappa: o.kappa ?? 0, kappaRef, ...(o.rules ? { rules: o.rules } : {}), ...(last ? { referenceGuess: last } : {}) });
    last = spec.referencePoint;
    return spec;
  };
}

/** The Franz-Parisi point at d*(κ) for a reference of margin κ̃ (homotopy in κ̃ from the exact point at κ̃ = κ). */
export function rfMarginAnchor(o: RFMarginOptions): { spec: RFFPSpec; d: number; point: RFFPPoint } {
  const tol = o.tol ?? 1e-9;
  const ref = solveRandomFeatures({ features: o.features, alphaD: o.alphaD, gamma: o.gamma, kappa: o.kappaRef }, undefined, { tol: 1e-12 });
  if (ref.converged) requireReferences(o.kappaRef, ref.phi);
  const a = referenceMarginHomotopy<RFFPSpec, RFFPState, RFFPPoint>(
    {
      specAt: specMaker(o),
      equilibrium: (spec) => ({ d: (1 - spec.reference.q) / 2, state: rfEquilibriumState(spec) }),
      solve: (spec, d, guess, jacobian) => solveRFFranzParisi(spec, d, { guess, tol, ...(jacobian ? { jacobian } : {}) }),
      stateOf: (pt) => pt.state!,
    },
    o.kappa ?? 0,
    o.kappaRef,
  );
  if (!a.point.converged) throw new RangeError(`random-features margin reference κ̃ = ${o.kappaRef}: no converged point at d*(κ) = ${a.d} (${a.point.reason ?? 'unknown'})`);
  return { spec: a.spec, d: a.d, point: a.point };
}

/** S(d; κ̃) on a grid: anchor at d*(κ), continuation in d both ways. */
export function rfMarginCurve(o: RFMarginOptions & { ds: readonly number[]; onPoint?: (p: LocalEntropyPoint) => void }): { points: LocalEntropyPoint[]; ended: string[]; spec: RFFPSpec; anchor: number } {
  const a = rfMarginAnchor(o);
  const c = rfFranzParisiCurve(a.spec, o.ds, { start: a.point, tol: o.tol ?? 1e-9, ...(o.onPoint ? { onPoint: o.onPoint } : {}) });
  return { ...c, spec: a.spec, anchor: a.d };
}

/** S(d_s; κ̃) at one distance (the curve from the anchor down to d_s). */
export function rfMarginEntropyAt(o: RFMarginOptions & { d: number }): LocalEntropyPoint {
  const c = rfMarginCurve({ ...o, ds: [o.d] });
  const pt = c.points[0];
  if (!pt) throw new RangeError(`random-features margin reference κ̃ = ${o.kappaRef}: the curve did not reach d = ${o.d} (${c.ended.join('; ')})`);
  return pt;
}

/**
 * κ̃*: the reference margin maximizing S(d_s; κ̃) over (κ, κ_max] (margin.ts `bestMarginOver`; boundary first,
 * then golden section to a bracket of relTol·(κ_max − κ), default 1e-2: every evaluation is a homotopy and a
 * continuation of the 7-unknown saddle point).
 */
export function rfBestReferenceMargin(o: { features: FeatureMap; alphaD: number; gamma: number; kappa?: number; d: number; relTol?: number }): MarginChoice {
  const kappa = o.kappa ?? 0;
  const { kappaMax } = rfMaxReferenceMargin(o.features, o.alphaD, o.gamma, kappa);
  return bestMarginOver(kappa, kappaMax, (kr) => rfMarginEntropyAt({ features: o.features, alphaD: o.alphaD, gamma: o.gamma, kappa, kappaRef: kr, d: o.d }).localEntropy, o.relTol ?? 1e-2);
}
