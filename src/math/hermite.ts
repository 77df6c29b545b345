/**
 * Probabilists' Gauss-Hermite rules: ∫Dz f(z) ≈ Σ_i w_i f(z_i), exact for polynomials of degree ≤ 2n−1.
 *
 * Nodes: eigenvalues of the Jacobi matrix of the orthonormal Hermite polynomials (zero diagonal,
 * off-diagonal √k, k = 1…n−1) — the Golub-Welsch construction — by the implicit QL algorithm, then
 * polished by Newton steps on p_n. Weights: instead of the squared first eigenvector components (accurate
 * only in absolute terms, ~1e-16, useless for the far nodes whose weights are ~1e-300), the Christoffel
 * numbers w_i = 1/(n p_{n−1}(z_i)²), evaluated in the log domain with a rescaled three-term recurrence, so
 * that every weight has full relative precision. Rules are cached by order.
 */

export interface GaussRule {
  readonly n: number;
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
  readonly logWeights: Float64Array;
  readonly name: string;
}

const cache = new Map<number, GaussRule>();

/** The n-point probabilists' Gauss-Hermite rule (weights sum to 1). */
export function hermiteRule(n: number): GaussRule {
  if (!Number.isInteger(n) || n < 1 || n > 2000) throw new RangeError(`Gauss-Hermite order must be an integer in [1, 2000], got ${n}`);
  let rule = cache.get(n);
  if (!rule) {
    rule = buildHermiteRule(n);
    cache.set(n, rule);
  }
  return rule;
}

/** Eigenvalues of a symmetric tridiagonal matrix (diagonal d, sub-diagonal e[0..n−2]) by implicit QL. */
export function symmetricTridiagonalEigenvalues(diag: ArrayLike<number>, offDiag: ArrayLike<number>): Float64Array {
  const n = diag.length;
  const d = Float64Array.from(diag);
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = offDiag[i]!;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new Error('symmetricTridiagonalEigenvalues: no convergence');
      // Wilkinson-type shift from the leading 2×2 block.
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      let deflated = false;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1]! - p;
          e[m] = 0;
          deflated = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (deflated) continue;
      d[l] = d[l]! - p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort();
}

/**
 * Orthonormal Hermite recurrence p_{k+1} = (x p_k − √k p_{k−1})/√(k+1), p_0 = 1, rescaled to avoid
 * overflow. Returns p_n and p_{n−1} sharing the scale factor exp(logScale).
 */
function hermiteRecurrence(n: number, x: number): { pn: number; pn1: number; logScale: number } {
  let pPrev = 0;
  let p = 1;
  let logScale = 0;
  for (let k = 0; k < n; k++) {
    const next = (x * p - Math.sqrt(k) * pPrev) / Math.sqrt(k + 1);
    pPrev = p;
    p = next;
    const a = Math.abs(p);
    if (a > 1e150) {
      p /= a;
      pPrev /= a;
      logScale += Math.log(a);
    }
  }
  return { pn: p, pn1: pPrev, logScale };
}

/** Build a rule without the cache (benchmarks; everything else should call hermiteRule). */
export function buildHermiteRule(n: number): GaussRule {
  const off = new Float64Array(Math.max(n - 1, 0));
  for (let k = 1; k < n; k++) off[k - 1] = Math.sqrt(k);
  const nodes = symmetricTridiagonalEigenvalues(new Float64Array(n), off);
  const logWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Newton on p_n: p_n' = √n p_{n−1}, so the step p_n/p_n' is scale-free.
    let x = nodes[i]!;
    for (let it = 0; it < 4; it++) {
      const { pn, pn1 } = hermiteRecurrence(n, x);
      const step = pn / (Math.sqrt(n) * pn1);
      x -= step;
      if (Math.abs(step) <= 1e-16 * Math.max(1, Math.abs(x))) break;
    }
    nodes[i] = x;
    const { pn1, logScale } = hermiteRecurrence(n, x);
    logWeights[i] = -Math.log(n) - 2 * (Math.log(Math.abs(pn1)) + logScale);
  }
  // Impose the exact symmetry z → −z of the rule.
  for (let i = 0; i < n >> 1; i++) {
    const j = n - 1 - i;
    const z = 0.5 * (nodes[j]! - nodes[i]!);
    const lw = 0.5 * (logWeights[i]! + logWeights[j]!);
    nodes[i] = -z;
    nodes[j] = z;
    logWeights[i] = lw;
    logWeights[j] = lw;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  const weights = logWeights.map(Math.exp);
  return { n, nodes, weights, logWeights, name: `gauss-hermite(n=${n})` };
}
