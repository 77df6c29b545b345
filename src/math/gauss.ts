/**
 * Expectations over the Gaussian measure Dz = dz e^{−z²/2}/√(2π), the basic operation of every replica
 * free entropy. A `GaussianMeasure` is a rule with a name (reported in every output row): fixed-order
 * Gauss-Hermite for smooth integrands, or adaptive Gauss-Kronrod with breakpoints for integrands that
 * sharpen (q → 1 limits, where a kink of width √(1−q) forms).
 */
import { hermiteRule } from './hermite.js';
import { integrate } from './kronrod.js';
import { logG, logSumExp } from './special.js';

export interface IntegrandHints {
  /** Where the integrand (as a function of z) has a kink or a layer of width ≪ 1. */
  breakpoints?: readonly number[];
  /**
   * Width of the layer at each breakpoint (same order). An adaptive rule cannot see a layer that falls
   * between its nodes — its error estimate is then zero — so the partition is refined geometrically
   * around each breakpoint down to this width.
   */
  widths?: readonly number[];
}

/** Partition points b ± w·4^k (k = 0…) between the width w and the O(1) scale of the Gaussian. */
export function layerPoints(hints: IntegrandHints | undefined): number[] {
  const out: number[] = [];
  const bps = hints?.breakpoints ?? [];
  for (let i = 0; i < bps.length; i++) {
    const b = bps[i]!;
    out.push(b);
    const w = hints?.widths?.[i];
    if (w === undefined || !(w > 0)) continue;
    for (let d = w; d < 2; d *= 4) out.push(b - d, b + d);
  }
  return out;
}

export interface GaussianMeasure {
  readonly name: string;
  /** ∫Dz f(z). */
  mean(f: (z: number) => number, hints?: IntegrandHints): number;
}

/** The n-point Gauss-Hermite rule as a measure. */
export function hermite(n = 201): GaussianMeasure {
  const rule = hermiteRule(n);
  const { nodes, weights } = rule;
  return {
    name: rule.name,
    mean(f) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const w = weights[i]!;
        if (w > 0) s += w * f(nodes[i]!);
      }
      return s;
    },
  };
}

/** Beyond |z| = 38.6 the Gaussian density is below the smallest double: the integral is exact there. */
export const GAUSSIAN_CUTOFF = 38.6;

export interface AdaptiveGaussianOptions {
  epsAbs?: number;
  epsRel?: number;
  maxIntervals?: number;
}

/**
 * Adaptive Gauss-Kronrod on [−38.6, 38.6] with the density folded into the integrand (valid for integrands
 * growing slower than e^{z²/2}). The initial partition refines towards the bulk and includes the hints.
 */
export function adaptiveGaussian(opts: AdaptiveGaussianOptions = {}): GaussianMeasure {
  const epsAbs = opts.epsAbs ?? 1e-14;
  const epsRel = opts.epsRel ?? 1e-12;
  const base = [-12, -6, -3, 0, 3, 6, 12];
  return {
    name: `gauss-kronrod(epsrel=${epsRel},epsabs=${epsAbs})`,
    mean(f, hints) {
      const bps = [...base, ...layerPoints(hints)].filter((x) => Math.abs(x) < GAUSSIAN_CUTOFF);
      const r = integrate((z) => {
        const v = f(z);
        return v === 0 ? 0 : v * Math.exp(logG(z));
      }, -GAUSSIAN_CUTOFF, GAUSSIAN_CUTOFF, { epsAbs, epsRel, breakpoints: bps, maxIntervals: opts.maxIntervals ?? 4000 });
      return r.value;
    },
  };
}

/** log ∫Dz exp(f(z)) by logsumexp over Gauss-Hermite nodes (no overflow for large f). */
export function logMeanExp(f: (z: number) => number, n = 201): number {
  const { nodes, logWeights } = hermiteRule(n);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) terms[i] = logWeights[i]! + f(nodes[i]!);
  return logSumExp(terms);
}

/**
 * E[f(x, y)] for standard normals x, y with correlation ρ ∈ [−1, 1]: x = z₁, y = ρ z₁ + √(1−ρ²) z₂,
 * as a product of two one-dimensional rules.
 */
export function correlatedMean(f: (x: number, y: number) => number, rho: number, measure: GaussianMeasure = hermite(101)): number {
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`correlatedMean: correlation must lie in [−1, 1], got ${rho}`);
  const s = Math.sqrt(Math.max(0, 1 - rho * rho));
  return measure.mean((x) => measure.mean((z) => f(x, rho * x + s * z)));
}
