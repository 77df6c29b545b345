/**
 * Gauss rules for the Gaussian measure split at z = 0: a half-range rule on [0, ∞) with weight
 * G(z) = e^{−z²/2}/√(2π) (exact for polynomials of degree ≤ 2m − 1 there), and its mirror image on
 * (−∞, 0]. Their union, the "split" rule, integrates ∫Dz f(z) exactly for piecewise polynomials with a
 * break at 0, and its nodes cluster quadratically towards 0 from both sides (spacing ~ 1/m² at the
 * endpoint instead of ~ 1/√m for Gauss-Hermite). That is what a layer of width ε ≪ 1 centred at z = 0
 * needs: e.g. ln H(−cz) (c = √(q/(1−q))) at q = 0.9 is integrated to 1e-7 by 24 split nodes and to 5e-5
 * by 24 Gauss-Hermite nodes.
 *
 * Construction: the three-term recurrence of the polynomials orthonormal for G on [0, ∞) by the
 * discretized Stieltjes (Lanczos) procedure — the measure is replaced by a composite 20-point
 * Gauss-Legendre discretization of [0, 40] fine enough to be exact to rounding for degrees ≤ 2·MAX_HALF
 * (Gautschi, "Orthogonal polynomials: computation and approximation", §2.2) — then Golub-Welsch:
 * nodes are the eigenvalues of the Jacobi matrix, weights the Christoffel numbers 1/Σ_k p_k(x_i)².
 * Rules are cached by size.
 */
import { symmetricTridiagonalEigenvalues, type GaussRule } from './hermite.js';
import { G } from './special.js';

/** Largest half-range rule built (the discretization is checked up to this size in the tests). */
export const MAX_HALF = 100;

let discretization: { x: Float64Array; w: Float64Array } | undefined;

/** n-point Gauss-Legendre on [−1, 1] (Golub-Welsch eigenvalues, weights from the Legendre derivative). */
export function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const off = new Float64Array(n - 1);
  for (let k = 1; k < n; k++) off[k - 1] = k / Math.sqrt(4 * k * k - 1);
  const x = symmetricTridiagonalEigenvalues(new Float64Array(n), off);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let xi = x[i]!;
    // Newton polish on P_n, then the weight 2/((1 − x²) P_n'(x)²).
    let dp = 0;
    for (let it = 0; it < 3; it++) {
      let p0 = 1;
      let p1 = xi;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * xi * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (xi * p1 - p0)) / (xi * xi - 1);
      xi -= p1 / dp;
    }
    x[i] = xi;
    w[i] = 2 / ((1 - xi * xi) * dp * dp);
  }
  return { x, w };
}

/** The half-Gaussian measure G(z)dz on [0, 40] as a discrete measure (beyond 40 it is below 1e-347). */
function halfGaussianDiscretization() {
  if (discretization) return discretization;
  const gl = gaussLegendre(20);
  const edges: number[] = [0];
  for (let e = 1 / 64; e < 1; e *= 2) edges.push(e); // refine towards 0 (high-degree polynomials near the end)
  for (let e = 1; e < 40; e += 0.25) edges.push(e);
  edges.push(40);
  const xs: number[] = [];
  const ws: number[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const a = edges[k]!;
    const b = edges[k + 1]!;
    for (let i = 0; i < gl.x.length; i++) {
      const x = 0.5 * (a + b) + 0.5 * (b - a) * gl.x[i]!;
      xs.push(x);
      ws.push(0.5 * (b - a) * gl.w[i]! * G(x));
    }
  }
  discretization = { x: Float64Array.from(xs), w: Float64Array.from(ws) };
  return discretization;
}

const halfCache = new Map<number, GaussRule>();

/**
 * The m-point Gauss rule for ∫_0^∞ f(z) G(z) dz (total mass ½): nodes in (0, ∞) increasing, weights
 * summing to ½.
 */
export function halfRangeGaussRule(m: number): GaussRule {
  if (!Number.isInteger(m) || m < 1 || m > MAX_HALF) throw new RangeError(`half-range Gauss rule: size must be an integer in [1, ${MAX_HALF}], got ${m}`);
  const cached = halfCache.get(m);
  if (cached) return cached;
  const { x, w } = halfGaussianDiscretization();
  const N = x.length;
  // Lanczos / Stieltjes with orthonormal vectors: p_{k+1} = ((x − a_k) p_k − b_k p_{k−1}) / b_{k+1}.
  const a = new Float64Array(m);
  const b = new Float64Array(m + 1); // b[k] = √β_k, b[0] = √μ₀
  let mu0 = 0;
  for (let i = 0; i < N; i++) mu0 += w[i]!;
  b[0] = Math.sqrt(mu0);
  let prev = new Float64Array(N);
  let cur = new Float64Array(N).fill(1 / b[0]);
  for (let k = 0; k < m; k++) {
    let s = 0;
    for (let i = 0; i < N; i++) s += w[i]! * x[i]! * cur[i]! * cur[i]!;
    a[k] = s;
    const next = new Float64Array(N);
    for (let i = 0; i < N; i++) next[i] = (x[i]! - s) * cur[i]! - (k > 0 ? b[k]! : 0) * prev[i]!;
    let norm = 0;
    for (let i = 0; i < N; i++) norm += w[i]! * next[i]! * next[i]!;
    b[k + 1] = Math.sqrt(norm);
    for (let i = 0; i < N; i++) next[i]! /= b[k + 1]!;
    prev = cur;
    cur = next;
  }
  const nodes = symmetricTridiagonalEigenvalues(a, b.subarray(1, m));
  const weights = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const xi = nodes[i]!;
    let p0 = 0;
    let p1 = 1 / b[0]!;
    let sum = p1 * p1;
    for (let k = 0; k < m - 1; k++) {
      const p2 = ((xi - a[k]!) * p1 - (k > 0 ? b[k]! : 0) * p0) / b[k + 1]!;
      p0 = p1;
      p1 = p2;
      sum += p1 * p1;
    }
    weights[i] = 1 / sum;
  }
  const rule: GaussRule = { n: m, nodes, weights, logWeights: weights.map(Math.log), name: `half-range-gauss(m=${m})` };
  halfCache.set(m, rule);
  return rule;
}

const splitCache = new Map<number, GaussRule>();

/**
 * The n-point split rule (n even) for ∫Dz f(z): the half-range rule with n/2 nodes on each side of 0,
 * nodes increasing, symmetric under z → −z, weights summing to 1.
 */
export function splitGaussRule(n: number): GaussRule {
  if (!Number.isInteger(n) || n < 2 || n % 2 !== 0 || n > 2 * MAX_HALF) throw new RangeError(`split Gauss rule: size must be an even integer in [2, ${2 * MAX_HALF}], got ${n}`);
  const cached = splitCache.get(n);
  if (cached) return cached;
  const h = halfRangeGaussRule(n / 2);
  const m = n / 2;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    nodes[m - 1 - i] = -h.nodes[i]!;
    nodes[m + i] = h.nodes[i]!;
    weights[m - 1 - i] = h.weights[i]!;
    weights[m + i] = h.weights[i]!;
  }
  const rule: GaussRule = { n, nodes, weights, logWeights: weights.map(Math.log), name: `split-gauss(n=${n})` };
  splitCache.set(n, rule);
  return rule;
}
