/**
 * The local-entropy (accessibility) transition of the binary student on random features, γ_LE(α_D)
 * (docs/random-features.md §6).
 *
 * Criterion: the perceptron's (transition.ts, docs/local-entropy.md §6) — on the branch of the densest-region
 * curve S_max(d) (random-features.ts) that links the dense end (d → 0) to the far end (the maximum, S = φ_RS),
 * the interior minimum (dip) of the slope dS/dd = 2π̂ crosses zero. The branch is entered at its far end and
 * followed down in d (the RF dense end has no accurate asymptotic guess), so the dip is seen from the far-end
 * side: along decreasing d the slope rises from 0, falls into the dip, then rises to +∞ at the dense end.
 *     f(α) = the slope at the dip: the vertex of the parabola in ln d through the three grid points around the
 *            smallest slope; if the slope turns negative, or the branch ends (folds) while the slope is still
 *            falling, the vertex through the last three points (or the negative value).
 * The scan is run in α = α_D/γ at fixed α_D (the dip deepens as α grows, i.e. as γ decreases):
 * α_LE = zero of f (Brent, saddle/transitions.ts `zeroOf`), γ_LE = α_D/α_LE. Bracket: [0.85, 0.97]·α_interp
 * (α_interp = α_D/γ_interp, replica/random-features.ts), the lower end moved up by bisection while the
 * slope has no dip, the upper end up to α_interp while f > 0.
 */
import { interpolationThreshold, type FeatureMap, type InterpolationResult } from '../replica/random-features.js';
import { zeroOf } from '../saddle/transitions.js';
import type { LocalEntropyPoint } from './franz-parisi.js';
import { rfNearFarEnd, rfLargeDeviationSpec, traceRF } from './random-features.js';
import { logGrid, parabolaVertex } from './transition.js';

export const RF_LE_CRITERION =
  'densest regions S_max(d) (large deviations, y → ∞, free reference, RS, Gaussian equivalence): the interior minimum of dS/dd = 2π̂ on the branch from the far end (S = φ_RS) to the dense end crosses 0 (Brent on α = α_D/γ at fixed α_D; γ_LE = α_D/α_LE)';

export interface DipEvaluation {
  alpha: number;
  /** Slope at the dip (parabola vertex), +Infinity if the slope has no interior minimum. */
  slope: number;
  /** Distance of the dip. */
  d: number;
  localEntropy: number;
  refined: boolean;
  /** The branch from the far end (descending d). */
  points: LocalEntropyPoint[];
  ended?: string;
}

/** Fixed grid of distances for the descent (only those below the far end are used); 64 points by default. */
const gridOf = (n: number) => logGrid(2e-3, 0.5, n).reverse();

/** f(α) at fixed α_D: the dip of the slope on the branch traced down from the far end. */
export function rfDip(features: FeatureMap, alphaD: number, alpha: number, kappa = 0, gridPoints = 64): DipEvaluation {
  const spec = rfLargeDeviationSpec({ features, alphaD, gamma: alphaD / alpha, kappa });
  const far = rfNearFarEnd(spec);
  if (!far.converged) throw new RangeError(`γ_LE: far end not solved at α_D = ${alphaD}, γ = ${alphaD / alpha} (${far.reason ?? ''})`);
  const grid = gridOf(gridPoints).filter((d) => d < far.d);
  // Trace down, stopping at the first negative slope.
  const pts: LocalEntropyPoint[] = [];
  let ended: string | undefined;
  let cur = far;
  for (const d of grid) {
    const t = traceRF(spec, [d], cur);
    if (t.ended) {
      ended = t.ended;
      break;
    }
    cur = t.points[0]!;
    pts.push(cur);
    if (cur.slope < 0) break;
  }
  const base = { alpha, points: pts, ...(ended ? { ended } : {}) };
  if (pts.length < 3) throw new RangeError(`γ_LE: the branch from the far end has fewer than 3 grid points at α_D = ${alphaD}, γ = ${alphaD / alpha} (${ended ?? ''})`);
  const xy = (q: LocalEntropyPoint) => [Math.log(q.d), q.slope] as [number, number];
  const last = pts.length - 1;
  // Interior local minimum along decreasing d: slope falls then rises.
  let iMin = -1;
  for (let i = 1; i < last; i++) if (pts[i]!.slope <= pts[i - 1]!.slope && pts[i + 1]!.slope > pts[i]!.slope) {
    iMin = i;
    break;
  }
  if (iMin > 0) {
    const v = parabolaVertex([xy(pts[iMin - 1]!), xy(pts[iMin]!), xy(pts[iMin + 1]!)]);
    const slope = v ? Math.min(v.y, pts[iMin]!.slope) : pts[iMin]!.slope;
    return { ...base, slope, d: v ? Math.exp(v.x) : pts[iMin]!.d, localEntropy: pts[iMin]!.localEntropy, refined: true };
  }
  const falling = pts[last]!.slope < pts[last - 1]!.slope;
  if (pts[last]!.slope < 0 || (ended && falling)) {
    const v = parabolaVertex([xy(pts[last - 2]!), xy(pts[last - 1]!), xy(pts[last]!)]);
    // (without a vertex the branch folded with the slope still falling steeply: a finite negative value
    // keeps Brent's interpolation finite; only the sign is used on this side)
    const slope = v && v.x < Math.log(pts[last]!.d) ? Math.min(v.y, pts[last]!.slope) : pts[last]!.slope < 0 ? pts[last]!.slope : v ? v.y : -1;
    return { ...base, slope, d: v ? Math.exp(v.x) : pts[last]!.d, localEntropy: pts[last]!.localEntropy, refined: false };
  }
  return { ...base, slope: Infinity, d: NaN, localEntropy: NaN, refined: false };
}

export interface RFLocalEntropyTransition {
  alphaD: number;
  kappa: number;
  /** α_LE = α_D/γ_LE and γ_LE, with tolerances. */
  alpha: number;
  gamma: number;
  tolerance: number;
  gammaTolerance: number;
  bracket: [number, number];
  criterion: string;
  dip: { d: number; slope: number; localEntropy: number };
  converged: boolean;
  evaluations: number;
  /** Zero of the line through the two refined positive values of f closest to α_LE (cross-check). */
  extrapolated?: number;
  history: { alpha: number; gamma: number; dipSlope: number; at: number; refined: boolean }[];
  interpolation: InterpolationResult;
}

export function rfLocalEntropyTransition(features: FeatureMap, alphaD: number, opts: { kappa?: number; tol?: number; bracket?: [number, number]; interpolation?: InterpolationResult } = {}): RFLocalEntropyTransition {
  const kappa = opts.kappa ?? 0;
  const interp = opts.interpolation ?? interpolationThreshold(features, alphaD, { kappa });
  if (!interp.converged) throw new RangeError(`γ_LE(α_D = ${alphaD}): the interpolation threshold did not converge (${interp.reason ?? ''})`);
  const aI = interp.alpha;
  const history: RFLocalEntropyTransition['history'] = [];
  const cache = new Map<number, DipEvaluation>();
  const dip = (alpha: number) => {
    let e = cache.get(alpha);
    if (!e) {
      e = rfDip(features, alphaD, alpha, kappa);
      cache.set(alpha, e);
      history.push({ alpha, gamma: alphaD / alpha, dipSlope: e.slope, at: e.d, refined: e.refined });
    }
    return e;
  };
  let [a, b] = opts.bracket ?? [0.85 * aI, 0.97 * aI];
  for (let k = 0; k < 8 && dip(b).slope > 0 && b < aI; k++) b = Math.min(b + 0.5 * (aI - b) + 1e-3 * aI, aI);
  if (!(dip(b).slope <= 0)) throw new RangeError(`γ_LE(α_D = ${alphaD}): the dense branch stays monotonic up to α = ${b} (γ = ${alphaD / b})`);
  for (let k = 0; k < 10 && dip(a).slope <= 0; k++) a = a - 0.5 * (b - a);
  for (let k = 0; k < 20 && dip(a).slope === Infinity; k++) {
    const m = 0.5 * (a + b);
    if (dip(m).slope <= 0) b = m;
    else a = m;
  }
  if (!(dip(a).slope > 0 && Number.isFinite(dip(a).slope))) throw new RangeError(`γ_LE(α_D = ${alphaD}): no α in [${a}, ${b}] with a dip of positive slope`);
  const tol = opts.tol ?? 1e-4;
  const r = zeroOf((alpha) => dip(alpha).slope, [a, b], { tol, criterion: RF_LE_CRITERION });
  const e = dip(r.value);
  // Cross-check from the side where the dip is resolved (as transition.ts): the zero of the straight line
  // through the two refined positive values of f closest to the root; the tolerance covers its distance.
  const clean = history.filter((h) => h.refined && h.dipSlope > 0 && Number.isFinite(h.dipSlope)).sort((x, y) => y.alpha - x.alpha);
  let extrapolated: number | undefined;
  if (clean.length >= 2 && clean[0]!.alpha !== clean[1]!.alpha) {
    const [h1, h2] = clean as [(typeof history)[number], (typeof history)[number]];
    extrapolated = h1.alpha - (h1.dipSlope * (h1.alpha - h2.alpha)) / (h1.dipSlope - h2.dipSlope);
  }
  const spread = extrapolated !== undefined && Number.isFinite(extrapolated) && Math.abs(extrapolated - r.value) < 0.05 ? Math.abs(extrapolated - r.value) : 0;
  const tolerance = Math.max(tol, r.bracket[1] - r.bracket[0], spread);
  return {
    alphaD,
    kappa,
    alpha: r.value,
    gamma: alphaD / r.value,
    tolerance,
    gammaTolerance: (alphaD / (r.value * r.value)) * tolerance,
    bracket: r.bracket,
    criterion: RF_LE_CRITERION,
    dip: { d: e.d, slope: e.slope, localEntropy: e.localEntropy },
    converged: r.converged,
    evaluations: cache.size,
    ...(extrapolated !== undefined && Number.isFinite(extrapolated) ? { extrapolated } : {}),
    history,
    interpolation: interp,
  };
}
