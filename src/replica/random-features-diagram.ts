/**
 * Rows of the (α_D, γ) phase diagram of the binary student on random features (REFERENCE.md §5;
 * docs/random-features.md §8), for `gardner phase-diagram --model random-features` and `npm start`:
 *  - 'interpolation' line: γ_interp(α_D), the RS entropy zero (replica/random-features.ts);
 *  - 'local-entropy' line: γ_LE(α_D), the densest regions' accessibility transition
 *    (entropy/random-features-transition.ts; the expensive part, computed on `leAlphaDs`);
 *  - 'grid' points: RS entropy and test errors at (α_D, γ), with the phase
 *    'unsat' (γ < γ_interp), 'isolated' (γ_interp ≤ γ < γ_LE: solutions exist, no dense region reaches them
 *    continuously), 'dense' (γ ≥ γ_LE); γ_LE between computed α_D is interpolated linearly (flagged).
 * Note: this module sits in replica/ as asked by the coordinator but uses entropy/ for the γ_LE line.
 */
import type { Row } from '../io/row.js';
import { rfGeneralization } from '../entropy/random-features.js';
import { rfLocalEntropyTransition } from '../entropy/random-features-transition.js';
import { activationByName } from './activations.js';
import { featureMap, interpolationThreshold, solveRandomFeatures, type FeatureMap, type RFPoint } from './random-features.js';

export interface RFDiagramOptions {
  activation?: string;
  features?: FeatureMap;
  kappa?: number;
  /** α_D values of the lines (and of the grid). */
  alphaDs: number[];
  /** γ values of the grid (none: lines only). */
  gammas?: number[];
  /** α_D values at which γ_LE is computed (default: all of alphaDs; [] to skip the line). */
  leAlphaDs?: number[];
  /** Tolerance on α_LE (default 1e-3: the diagram's resolution). */
  leTol?: number;
  /** Add the dense-region test errors to grid points in the 'dense' phase (costly). */
  denseErrors?: boolean;
  onRow?: (row: Row) => void;
}

export function randomFeaturesDiagram(o: RFDiagramOptions): Row[] {
  const activation = o.activation ?? 'sign';
  const features = o.features ?? featureMap(activationByName(activation));
  const kappa = o.kappa ?? 0;
  const rows: Row[] = [];
  const push = (r: Row) => {
    const row = { model: 'random-features', activation: features.name, kappa, ...r };
    rows.push(row);
    o.onRow?.(row);
  };
  const interp = new Map<number, ReturnType<typeof interpolationThreshold>>();
  for (const aD of o.alphaDs) {
    const t = interpolationThreshold(features, aD, { kappa });
    interp.set(aD, t);
    push({ line: 'interpolation', alpha_d: aD, gamma: t.gamma, alpha: t.alpha, tolerance: t.tolerance, eps_gibbs: t.point.epsGibbs, eps_bayes: t.point.epsBayes, criterion: t.criterion, converged: t.converged, ...(t.reason ? { reason: t.reason } : {}) });
  }
  const le: { aD: number; gamma: number }[] = [];
  for (const aD of o.leAlphaDs ?? o.alphaDs) {
    try {
      const t = rfLocalEntropyTransition(features, aD, { kappa, tol: o.leTol ?? 1e-3, ...(interp.has(aD) ? { interpolation: interp.get(aD)! } : {}) });
      le.push({ aD, gamma: t.gamma });
      const typical = solveRandomFeatures({ features, alphaD: aD, gamma: t.gamma, kappa });
      push({ line: 'local-entropy', alpha_d: aD, gamma: t.gamma, alpha: t.alpha, tolerance: t.gammaTolerance, gamma_interp: t.interpolation.gamma, eps_gibbs: typical.epsGibbs, eps_bayes: typical.epsBayes, dip_d: t.dip.d, criterion: t.criterion, converged: t.converged });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      push({ line: 'local-entropy', alpha_d: aD, gamma: null, converged: false, reason: err.message });
    }
  }
  const gammaLE = (aD: number): { value: number; interpolated: boolean } | undefined => {
    const exact = le.find((l) => l.aD === aD);
    if (exact) return { value: exact.gamma, interpolated: false };
    const lo = [...le].filter((l) => l.aD < aD).sort((a, b) => b.aD - a.aD)[0];
    const hi = [...le].filter((l) => l.aD > aD).sort((a, b) => a.aD - b.aD)[0];
    if (!lo || !hi) return undefined;
    return { value: lo.gamma + ((hi.gamma - lo.gamma) * (aD - lo.aD)) / (hi.aD - lo.aD), interpolated: true };
  };
  for (const aD of o.gammas ? o.alphaDs : []) {
    const gI = interp.get(aD)!.gamma;
    const gL = gammaLE(aD);
    let prev: RFPoint | undefined;
    for (const gamma of [...o.gammas!].sort((a, b) => b - a)) {
      const p = solveRandomFeatures({ features, alphaD: aD, gamma, kappa }, prev);
      if (p.converged) prev = p;
      const phase = gamma < gI ? 'unsat' : gL === undefined ? 'sat' : gamma < gL.value ? 'isolated' : 'dense';
      const row: Row = { line: 'grid', alpha_d: aD, gamma, alpha: aD / gamma, phase, ...(gL?.interpolated ? { gamma_le_interpolated: true } : {}), entropy: p.converged ? p.phi : null, eps_gibbs: p.epsGibbs, eps_bayes: p.epsBayes, converged: p.converged };
      if (o.denseErrors && phase === 'dense') {
        const g = rfGeneralization(features, aD, gamma, { kappa });
        Object.assign(row, { eps_dense: g.epsDense, eps_barycenter_dense: g.epsBarycenterDense });
      }
      push(row);
    }
  }
  return rows;
}
