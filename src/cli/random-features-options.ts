/**
 * `--model random-features` (binary student on random features, teacher-student, RS with the Gaussian
 * equivalence; docs/random-features.md): its options, validation, and the handlers that solve, sweep,
 * capacity, local-entropy and transition dispatch to. Control parameters: --alpha-d (α_D = P/D) and --gamma
 * (γ = N/D); α = P/N = α_D/γ.
 */
import type { Argv } from 'yargs';
import { provenance, setCommandLine } from '../io/provenance.js';
import type { Row } from '../io/row.js';
import { ACTIVATIONS, activationByName } from '../replica/activations.js';
import { featureMap, interpolationThreshold, solveRandomFeatures, type FeatureMap, type RFPoint } from '../replica/random-features.js';
import { rfLargeDeviationCurve, rfLargeDeviationSpec } from '../entropy/random-features.js';
import { rfLocalEntropyTransition } from '../entropy/random-features-transition.js';
import { rfFranzParisiCurve, rfFranzParisiSpec, type RFFPSpec } from '../entropy/random-features-franz-parisi.js';
import { rfBestReferenceMargin, rfMarginCurve } from '../entropy/random-features-margin.js';
import type { LocalEntropyPoint } from '../entropy/franz-parisi.js';
import { binaryEntropy } from '../math/special.js';
import { ComputationError, invalid } from './errors.js';
import { parseChoice, parseNumber, parseRange } from './options.js';
import { emitRows, note } from './output.js';

export const RF_MODEL = 'random-features';

export function withRandomFeaturesOptions<T>(y: Argv<T>) {
  return y
    .option('alpha-d', { type: 'string', describe: 'random features: data per hidden dimension α_D = P/D, in (0, 100] (required with --model random-features)' })
    .option('gamma', { type: 'string', describe: 'random features: overparameterization γ = N/D, in (0, 1e4] (sweep: FROM:TO:STEP; required by solve, sweep, local-entropy)' });
}

export interface RFArgs {
  model?: string;
  prior?: string;
  setting?: string;
  kappa?: string;
  activation?: string;
  'alpha-d'?: string;
  gamma?: string;
  alpha?: string;
  k?: string;
  architecture?: string;
  nodes?: string;
  teacher?: string;
  nishimori?: boolean;
  tol?: string;
  format?: string;
  out?: string;
  quiet?: boolean;
  'keep-unconverged'?: boolean;
  [key: string]: unknown;
}

export const isRandomFeatures = (a: { model?: string }) => a.model === RF_MODEL;

interface RFContext {
  features: FeatureMap;
  activation: string;
  alphaD: number;
  kappa: number;
}

/** Validation shared by every command: the options that do not apply are rejected (exit 2). */
export function rfContext(a: RFArgs): RFContext {
  // --prior and --setting do not apply: the student is binary and its labels come from the teacher.
  for (const o of ['k', 'architecture', 'nodes', 'teacher', 'nishimori', 'alpha'] as const) {
    if (a[o] !== undefined) throw invalid(o, a[o], `not with --model random-features (use --alpha-d and --gamma; α = α_D/γ)`);
  }
  const activation = parseChoice('activation', a.activation ?? 'sign', ACTIVATIONS);
  const alphaD = parseNumber('alpha-d', a['alpha-d'], { min: 0, minExclusive: true, max: 100 });
  const kappa = parseNumber('kappa', a.kappa ?? '0', { min: -10, max: 10 });
  return { features: featureMap(activationByName(activation)), activation, alphaD, kappa };
}

const parseGamma = (raw: unknown) => parseNumber('gamma', raw, { min: 0, minExclusive: true, max: 1e4 });

function modelRow(c: RFContext): Row {
  return {
    model: RF_MODEL,
    prior: 'binary',
    setting: 'teacher-student',
    teacher: 'perceptron (spherical)',
    ansatz: 'RS, Gaussian equivalence',
    activation: c.activation,
    mu0_removed: c.features.mu0,
    mu1: c.features.mu1,
    mu_star: c.features.muStar,
    kappa: c.kappa,
    alpha_d: c.alphaD,
  };
}

export function rfPointRow(c: RFContext, p: RFPoint, tol: number): Row {
  return {
    ...modelRow(c),
    gamma: p.gamma,
    alpha: p.alpha,
    q: p.q,
    qhat: p.qhat,
    p_d: p.pd,
    p: p.p,
    m: p.m,
    q_eff: p.qEff,
    R_eff: p.REff,
    entropy: Number.isFinite(p.phi) ? p.phi : null,
    eps_gibbs: p.epsGibbs,
    eps_bayes: p.epsBayes,
    converged: p.converged,
    iterations: p.iterations,
    residual: p.residual,
    method: 'newton (α_D homotopy)',
    quadrature: 'adaptive Gauss-Kronrod (perceptron channel)',
    tolerance: tol,
    ...(p.reason ? { reason: p.reason } : {}),
  };
}

const TABLE = ['activation', 'alpha_d', 'gamma', 'alpha', 'kappa', 'q', 'm', 'entropy', 'eps_gibbs', 'eps_bayes', 'converged'];

export function rfSolve(a: RFArgs, tol: number): void {
  const c = rfContext(a);
  const gamma = parseGamma(a.gamma);
  setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
  const p = solveRandomFeatures({ features: c.features, alphaD: c.alphaD, gamma, kappa: c.kappa }, undefined, { tol: Math.max(tol, 1e-12) });
  if (!p.converged && !a['keep-unconverged']) throw new ComputationError(`random features: no converged saddle point at α_D = ${c.alphaD}, γ = ${gamma}: Newton with an α_D homotopy (${p.reason ?? 'unknown'}); rerun with --keep-unconverged to see the last iterate`);
  emitRows([{ ...rfPointRow(c, p, tol), ...provenance() }], { ...a, tableColumns: TABLE });
}

export function rfSweep(a: RFArgs, tol: number, direction: 'up' | 'down'): void {
  const c = rfContext(a);
  const range = parseRange('gamma', a.gamma, { min: 0, minExclusive: true, max: 1e4 }, direction, 10_000);
  setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
  const prov = provenance();
  const rows: Row[] = [];
  let prev: RFPoint | undefined;
  for (const gamma of range.values) {
    const p = solveRandomFeatures({ features: c.features, alphaD: c.alphaD, gamma, kappa: c.kappa }, prev, { tol: Math.max(tol, 1e-12) });
    if (p.converged) prev = p;
    else if (!a['keep-unconverged']) throw new ComputationError(`random features: no converged saddle point at γ = ${gamma} (${p.reason ?? 'unknown'}); rerun with --keep-unconverged`);
    rows.push({ ...rfPointRow(c, p, tol), ...prov });
  }
  emitRows(rows, { ...a, tableColumns: TABLE });
}

/** capacity: the interpolation threshold γ_c = γ_interp(α_D) (one row per --alpha-d value or range). */
export function rfCapacity(a: RFArgs): void {
  const base = rfContext({ ...a, ...(a['alpha-d'] !== undefined ? { 'alpha-d': String(a['alpha-d']).split(':')[0] } : {}) });
  if (a.gamma !== undefined) throw invalid('gamma', a.gamma, 'not with capacity (γ_c is the result)');
  const alphaDs = parseRange('alpha-d', a['alpha-d'], { min: 0, minExclusive: true, max: 100 }, 'up', 1000).values;
  setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
  const prov = provenance();
  const rows: Row[] = alphaDs.map((alphaD) => {
    const c = { ...base, alphaD };
    const t = interpolationThreshold(c.features, alphaD, { kappa: c.kappa });
    return {
      ...modelRow(c),
      gamma_c: t.gamma,
      alpha_c: t.alpha,
      criterion: t.criterion,
      tolerance: t.tolerance,
      q: t.point.q,
      eps_gibbs: t.point.epsGibbs,
      eps_bayes: t.point.epsBayes,
      converged: t.converged,
      ...(t.reason ? { reason: t.reason } : {}),
      ...prov,
    };
  });
  const failed = rows.filter((r) => r.converged === false);
  if (failed.length && !a['keep-unconverged']) throw new ComputationError(`interpolation threshold did not converge at α_D = ${failed.map((r) => r.alpha_d).join(', ')}: ${failed.map((r) => r.reason).join('; ')}`);
  emitRows(rows, { ...a, tableColumns: ['activation', 'alpha_d', 'kappa', 'gamma_c', 'alpha_c', 'eps_gibbs', 'converged'] });
}

const ANSATZ = {
  'large-deviation': 'RS, y → ∞, Gaussian equivalence',
  equilibrium: 'RS Franz-Parisi (reference among typical zero-error students), Gaussian equivalence',
  margin: 'RS Franz-Parisi (reference among zero-error students of margin κ̃), Gaussian equivalence',
} as const;

export function rfLocalEntropyRow(c: RFContext, gamma: number, pt: LocalEntropyPoint, tol: number, quadrature: string, reference: keyof typeof ANSATZ = 'large-deviation'): Row {
  return {
    ...modelRow(c),
    reference,
    ansatz: ANSATZ[reference],
    gamma,
    alpha: c.alphaD / gamma,
    d: pt.d,
    local_entropy: Number.isFinite(pt.localEntropy) ? pt.localEntropy : null,
    binary_entropy: binaryEntropy(pt.d),
    density_ratio: Number.isFinite(pt.localEntropy) ? pt.localEntropy / binaryEntropy(pt.d) : null,
    dS_dd: Number.isFinite(pt.slope) ? pt.slope : null,
    ...Object.fromEntries(Object.entries(pt.order).map(([k, v]) => [k === 'epsCloud' ? 'eps_cloud' : k === 'epsBarycenter' ? 'eps_barycenter' : k, v])),
    ...pt.conjugates,
    converged: pt.converged,
    iterations: pt.iterations,
    residual: pt.residual,
    quadrature,
    tolerance: tol,
    ...(pt.reason ? { reason: pt.reason } : {}),
  };
}

/**
 * local-entropy: S_max(d) of the densest regions at (α_D, γ) (default, --reference large-deviation), or the
 * Franz-Parisi S(d) around a typical zero-error student (--reference equilibrium) or around a zero-error
 * student of margin κ̃ (--reference margin [--kappa-ref]), rows over the distance grid.
 */
export function rfLocalEntropy(a: RFArgs, ds: number[], tol: number): void {
  const c = rfContext(a);
  const reference = a.reference === undefined ? 'large-deviation' : parseChoice('reference', String(a.reference), ['large-deviation', 'equilibrium', 'margin'] as const);
  const gamma = parseGamma(a.gamma);
  if (ds.some((d) => d >= 0.5)) throw invalid('d', ds.find((d) => d >= 0.5), 'distances in (0, 0.5)');
  if (a['kappa-ref'] !== undefined && reference !== 'margin') throw invalid('kappa-ref', a['kappa-ref'], 'only with --reference margin');
  if (reference !== 'large-deviation') return rfFranzParisiLocalEntropy(a, c, gamma, ds, tol, reference);
  setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
  let spec;
  try {
    spec = rfLargeDeviationSpec({ features: c.features, alphaD: c.alphaD, gamma, kappa: c.kappa });
  } catch (err) {
    if (err instanceof RangeError) throw new ComputationError(err.message);
    throw err;
  }
  const res = rfLargeDeviationCurve(spec, ds, { tol: Math.max(tol, 1e-12) });
  const prov = provenance();
  const rows: Row[] = res.points.map((p) => ({ ...rfLocalEntropyRow(c, gamma, p, tol, spec.prior.quadrature), entropy_rs: spec.rs.phi, eps_gibbs: spec.rs.epsGibbs, ...prov }));
  const missing = ds.filter((d) => !res.points.some((p) => Math.abs(p.d - d) <= 1e-12 * d));
  if (missing.length) {
    const why = res.ended ?? 'grid points beyond the far end of the branch (its maximum) are not on the dense branch';
    if (!a['keep-unconverged']) throw new ComputationError(`local entropy (random features): ${missing.length} of ${ds.length} distances not computed (from d = ${missing[0]!.toPrecision(4)}): ${why}; the branch is followed from its far end (S = φ_RS) downwards; rerun with --keep-unconverged for the computed rows`);
    if (!a.quiet) note(`${missing.length} distances not computed: ${why}`);
  }
  emitRows(rows, { ...a, tableColumns: ['activation', 'alpha_d', 'gamma', 'd', 'local_entropy', 'density_ratio', 'dS_dd', 'm', 'eps_cloud', 'eps_barycenter', 'converged'] });
}

/**
 * The Franz-Parisi curve (src/entropy/random-features-franz-parisi.ts): equilibrium reference continued from
 * d* = (1 − q̃)/2 outwards; margin reference (random-features-margin.ts) continued from its anchor at d*(κ),
 * with κ̃ from --kappa-ref or the best κ̃ ∈ (κ, κ_max] at --margin-distance.
 */
function rfFranzParisiLocalEntropy(a: RFArgs, c: RFContext, gamma: number, ds: number[], tol: number, reference: 'equilibrium' | 'margin'): void {
  const t = Math.max(tol, 1e-10);
  const kappaRef = a['kappa-ref'] === undefined ? undefined : parseNumber('kappa-ref', a['kappa-ref'], { min: c.kappa, minExclusive: true, max: 10 });
  const marginDistance = parseNumber('margin-distance', a['margin-distance'] ?? '0.005', { min: 0, minExclusive: true, max: 0.5, maxExclusive: true });
  setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
  let res: { points: LocalEntropyPoint[]; ended: string[]; spec: RFFPSpec };
  const extra: Row = {};
  try {
    if (reference === 'equilibrium') {
      const spec = rfFranzParisiSpec({ features: c.features, alphaD: c.alphaD, gamma, kappa: c.kappa });
      res = { ...rfFranzParisiCurve(spec, ds, { tol: t }), spec };
      extra.d_star = (1 - spec.reference.q) / 2;
    } else {
      let kr = kappaRef;
      if (kr === undefined) {
        if (!a.quiet) note(`searching the best reference margin κ̃ at d = ${marginDistance} (every evaluation is a full curve: minutes; --kappa-ref skips it)…`);
        const best = rfBestReferenceMargin({ features: c.features, alphaD: c.alphaD, gamma, kappa: c.kappa, d: marginDistance });
        kr = best.kappaRef;
        Object.assign(extra, { kappa_max: best.kappaMax, kappa_ref_criterion: `argmax over κ̃ ∈ (κ, κ_max] of S(d = ${marginDistance}; κ̃) to 1e-2 (κ_max − κ)${best.atBoundary ? ' (at κ_max: the largest margin with references)' : ''}` });
      }
      const m = rfMarginCurve({ features: c.features, alphaD: c.alphaD, gamma, kappa: c.kappa, kappaRef: kr, ds, tol: t });
      res = m;
      Object.assign(extra, { kappa_ref: kr, d_anchor: m.anchor });
    }
  } catch (err) {
    if (err instanceof RangeError) throw new ComputationError(`local entropy (random features, ${reference} reference): ${err.message}`);
    throw err;
  }
  const prov = provenance();
  const spec = res.spec;
  const rows: Row[] = res.points.map((p) => ({ ...rfLocalEntropyRow(c, gamma, p, t, 'Gauss-Hermite/Legendre nested rules (random-features-franz-parisi.ts)', reference), ...extra, [reference === 'equilibrium' ? 'entropy_rs' : 'reference_entropy']: spec.entropy, ...prov }));
  const missing = ds.filter((d) => !res.points.some((p) => Math.abs(p.d - d) <= 1e-12 * d));
  if (missing.length) {
    const why = res.ended.join('; ') || 'not reached';
    const from = reference === 'equilibrium' ? 'from d* = (1 − q)/2 outwards' : 'from d*(κ) outwards, after a homotopy in κ̃';
    if (!a['keep-unconverged']) throw new ComputationError(`local entropy (random features, ${reference} reference): ${missing.length} of ${ds.length} distances not computed: ${why}; the curve is continued ${from}; rerun with --keep-unconverged for the computed rows`);
    if (!a.quiet) note(`${missing.length} distances not computed: ${why}`);
  }
  emitRows(rows, { ...a, tableColumns: ['activation', 'alpha_d', 'gamma', 'reference', ...(reference === 'margin' ? ['kappa_ref'] : []), 'd', 'local_entropy', 'density_ratio', reference === 'equilibrium' ? 'entropy_rs' : 'reference_entropy', 'dS_dd', 'converged'] });
}

/** transition --kind interpolation | local-entropy: the row carries `gamma` (and alpha = α_D/γ). */
export function rfTransitionRow(a: RFArgs, kind: string, tol: number | undefined): Row {
  const c = rfContext(a);
  if (a.gamma !== undefined) throw invalid('gamma', a.gamma, 'not with transition (γ is the result)');
  const k = parseChoice('kind', kind, ['interpolation', 'local-entropy'] as const);
  setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
  const interp = interpolationThreshold(c.features, c.alphaD, { kappa: c.kappa, ...(k === 'interpolation' && tol ? { tol } : {}) });
  if (k === 'interpolation') {
    return { ...modelRow(c), kind: k, gamma: interp.gamma, alpha: interp.alpha, tolerance: interp.tolerance, criterion: interp.criterion, q: interp.point.q, m: interp.point.m, eps_gibbs: interp.point.epsGibbs, eps_bayes: interp.point.epsBayes, converged: interp.converged, ...(interp.reason ? { reason: interp.reason } : {}) };
  }
  let t;
  try {
    t = rfLocalEntropyTransition(c.features, c.alphaD, { kappa: c.kappa, tol: tol ?? 1e-4, interpolation: interp });
  } catch (err) {
    if (err instanceof RangeError) throw new ComputationError(`local-entropy transition (random features): ${err.message}`);
    throw err;
  }
  return {
    ...modelRow(c),
    kind: k,
    reference: 'large-deviation',
    gamma: t.gamma,
    alpha: t.alpha,
    tolerance: t.gammaTolerance,
    alpha_tolerance: t.tolerance,
    gamma_interp: interp.gamma,
    criterion: t.criterion,
    dip_d: t.dip.d,
    dip_slope: t.dip.slope,
    dip_local_entropy: t.dip.localEntropy,
    evaluations: t.evaluations,
    ...(t.extrapolated !== undefined ? { alpha_extrapolated: t.extrapolated } : {}),
    converged: t.converged,
  };
}

export function rfTransition(a: RFArgs, kind: string | undefined, tol: number | undefined): void {
  const row = { ...rfTransitionRow(a, kind ?? 'interpolation', tol), ...provenance() };
  if (row.converged === false && !a['keep-unconverged']) throw new ComputationError(`${String(row.kind)}: the criterion did not converge (${String(row.reason ?? 'no reason given')})`);
  emitRows([row], { ...a, tableColumns: ['activation', 'alpha_d', 'kappa', 'kind', 'gamma', 'alpha', 'tolerance', 'gamma_interp', 'eps_gibbs', 'converged', 'criterion'] });
}

