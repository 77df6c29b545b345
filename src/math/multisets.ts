/**
 * Symmetric product rules. For an integrand f(z₁, …, z_k) symmetric under permutations of its arguments,
 * the k-fold product of a one-dimensional rule (nodes z_i, weights w_i),
 *     Σ_{i₁…i_k} w_{i₁}⋯w_{i_k} f(z_{i₁}, …, z_{i_k}),
 * equals the sum over multisets {i₁ ≤ … ≤ i_k} of multiplicity(i)·Π w·f, with
 * multiplicity = k!/Π_j r_j! (r_j = how often node j occurs): C(n + k − 1, k) terms instead of n^k, about
 * k! fewer. The walker below enumerates the multisets depth first in lexicographic order and lets the
 * caller keep incremental state per depth (e.g. a recursion over partial sums).
 */

/**
 * Depth-first walk over the multisets of size k drawn from n node indices.
 *   enter(depth, index, logCount): position `depth` (0-based) now holds `index`; logCount is the log of
 *     the multiplicity of the partial multiset of size depth + 1. Return false to skip its subtree.
 *   leaf(logCount): a complete multiset (k = 0: called once with logCount = 0).
 */
export function walkMultisets(n: number, k: number, enter: (depth: number, index: number, logCount: number) => boolean, leaf: (logCount: number) => void): void {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(k) || k < 0) throw new RangeError(`walkMultisets: need integers n ≥ 1, k ≥ 0, got n = ${n}, k = ${k}`);
  // log((d + 1)/r) for the count update when the (d+1)-th element extends a run to length r.
  const logRatio: number[][] = [];
  for (let d = 0; d < k; d++) {
    logRatio.push([]);
    for (let r = 1; r <= d + 1; r++) logRatio[d]![r] = Math.log((d + 1) / r);
  }
  const rec = (depth: number, start: number, run: number, logCount: number): void => {
    if (depth === k) {
      leaf(logCount);
      return;
    }
    for (let i = start; i < n; i++) {
      const r = depth > 0 && i === start ? run + 1 : 1;
      const lc = logCount + logRatio[depth]![r]!;
      if (enter(depth, i, lc)) rec(depth + 1, i, r, lc);
    }
  };
  rec(0, 0, 0, 0);
}

/** ln C(n, k). */
export function logBinomial(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}
