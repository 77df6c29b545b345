/**
 * Output rows for local-entropy curves and accessibility transitions (DESIGN.md §4): the model, the
 * construction and its reference, d, S(d) with the configuration count it is compared with (binary H₂(d);
 * spherical ½ln(1 − p²)), the slope dS/dd, the order parameters and conjugates by name, convergence and the
 * quadrature. Provenance is added by the CLI.
 */
import type { Row } from '../io/row.js';
import { freeLocalEntropy, type LocalEntropyPoint } from './franz-parisi.js';
import type { AccessibilityTransition } from './accessibility.js';

export type ReferenceKind = 'equilibrium' | 'margin' | 'large-deviation';

export interface CurveContext {
  prior: 'binary' | 'spherical';
  alpha: number;
  kappa: number;
  reference: ReferenceKind;
  kappaRef?: number;
  /** How κ̃ was chosen (margin without --kappa-ref). */
  kappaRefCriterion?: string;
  kappaMax?: number;
  quadrature: string;
  tolerance: number;
  /** The reference model's own RS entropy (Franz-Parisi). */
  referenceEntropy?: number;
}

export function localEntropyRow(c: CurveContext, pt: LocalEntropyPoint, extra: Row = {}): Row {
  const free = freeLocalEntropy(c.prior, pt.d);
  const row: Row = {
    model: 'perceptron',
    prior: c.prior,
    setting: 'storage',
    ansatz: c.reference === 'large-deviation' ? 'RS, y → ∞' : 'RS',
    reference: c.reference,
    alpha: c.alpha,
    kappa: c.kappa,
    ...(c.kappaRef !== undefined ? { kappa_ref: c.kappaRef } : {}),
    ...(c.kappaRefCriterion ? { kappa_ref_criterion: c.kappaRefCriterion } : {}),
    ...(c.kappaMax !== undefined ? { kappa_max: c.kappaMax } : {}),
    ...(c.referenceEntropy !== undefined ? { reference_entropy: c.referenceEntropy } : {}),
    d: pt.d,
    p: pt.p,
    local_entropy: pt.localEntropy,
    [c.prior === 'binary' ? 'binary_entropy' : 'slice_log_volume']: free,
    ...(c.prior === 'binary' ? { density_ratio: pt.localEntropy / free } : { slice_log_fraction: pt.localEntropy - free }),
    dS_dd: pt.slope,
    ...pt.order,
    ...pt.conjugates,
    ...extra,
    converged: pt.converged,
    iterations: pt.iterations,
    residual: pt.residual,
    quadrature: c.quadrature,
    tolerance: c.tolerance,
  };
  if (!pt.converged) row.reason = pt.reason ?? 'not converged';
  for (const [k, v] of Object.entries(row)) if (typeof v === 'number' && !Number.isFinite(v)) row[k] = null;
  return row;
}

export function transitionRow(t: AccessibilityTransition): Row {
  return {
    model: 'perceptron',
    prior: 'binary',
    setting: 'storage',
    ansatz: t.construction === 'large-deviation' ? 'RS, y → ∞' : 'RS',
    kind: 'local-entropy',
    reference: t.construction,
    kappa: t.kappa,
    alpha: t.alpha,
    criterion: t.criterion,
    tolerance: t.tolerance,
    bracket_lo: t.bracket[0],
    bracket_hi: t.bracket[1],
    alpha_extrapolated: t.extrapolated ?? null,
    alpha_km: t.alphaKM,
    dip_d: t.dip.d,
    dip_slope: t.dip.slope,
    dip_local_entropy: t.dip.localEntropy,
    entropy_rs: t.totalEntropy,
    window_lo: t.window[0],
    window_hi: t.window[1],
    ...(t.margin ? { kappa_ref: t.margin.kappaRef, kappa_max: t.margin.kappaMax, kappa_ref_at_boundary: t.margin.atBoundary } : {}),
    evaluations: t.evaluations,
    converged: t.converged,
  };
}
