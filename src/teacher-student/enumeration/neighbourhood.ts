/**
 * Exact neighbourhood of one configuration: the number of solutions at each Hamming distance k ≤ K from w,
 * N_k(w) = #{w' : d_H(w, w') = k, Δ_μ(w') > κ ∀μ} — the empirical local entropy S(k/N) = ln N_k / N of a
 * found solution (REFERENCE.md §4). Enumerates the Σ_{k≤K} C(N, k) flip sets (i₁ < … < i_k) depth first, the
 * stabilities of each set obtained from its parent's by one column add (one buffer per depth: no drift); at
 * the last depth only the test runs, patterns in order of increasing parent stability, stopping at the first
 * violated one.
 * Works for any N (cost Σ_k C(N, k)·P).
 */
import type { Dataset } from '../data.js';
import { columnsOf } from './gray.js';

export function neighbourhoodCounts(w: ArrayLike<number>, data: Dataset, kappa: number, maxDistance: number): number[] {
  const { n, p } = data;
  if (w.length !== n) throw new RangeError(`neighbourhoodCounts: w has ${w.length} entries, the data set N = ${n}`);
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > n) throw new RangeError(`neighbourhoodCounts: maxDistance must be an integer in [0, ${n}], got ${maxDistance}`);
  for (let i = 0; i < n; i++) if (w[i] !== 1 && w[i] !== -1) throw new RangeError(`neighbourhoodCounts: w must be ±1, w[${i}] = ${w[i]}`);
  const { c } = columnsOf(data);
  // d[i·P + μ] = change of Δ_μ when w_i flips = −2 w_i c_iμ.
  const d = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let mu = 0; mu < p; mu++) d[i * p + mu] = -2 * w[i]! * c[i * p + mu]!;
  const h: Float64Array[] = Array.from({ length: maxDistance + 1 }, () => new Float64Array(p));
  const h0 = h[0]!;
  for (let i = 0; i < n; i++) for (let mu = 0; mu < p; mu++) h0[mu]! += w[i]! * c[i * p + mu]!;
  const counts = new Array<number>(maxDistance + 1).fill(0);
  let ok0 = true;
  for (let mu = 0; mu < p; mu++) if (!(h0[mu]! > kappa)) ok0 = false;
  if (ok0) counts[0] = 1;
  const order = new Int32Array(p);
  const idx = Array.from({ length: p }, (_, mu) => mu);
  const rec = (start: number, depth: number): void => {
    const parent = h[depth]!;
    if (depth + 1 === maxDistance) {
      // Last level: no child buffer, only the test Δ_μ + d_iμ > κ for all μ, the smallest Δ_μ first,
      // stopping at the first violation.
      idx.sort((a, b) => parent[a]! - parent[b]!);
      for (let j = 0; j < p; j++) order[j] = idx[j]!;
      let found = 0;
      for (let i = start; i < n; i++) {
        const off = i * p;
        let j = 0;
        while (j < p && parent[order[j]!]! + d[off + order[j]!]! > kappa) j++;
        if (j === p) found++;
      }
      counts[depth + 1]! += found;
      return;
    }
    const child = h[depth + 1]!;
    for (let i = start; i < n; i++) {
      const off = i * p;
      let ok = true;
      for (let mu = 0; mu < p; mu++) {
        const v = parent[mu]! + d[off + mu]!;
        child[mu] = v;
        if (!(v > kappa)) ok = false;
      }
      if (ok) counts[depth + 1]!++;
      rec(i + 1, depth + 1);
    }
  };
  if (maxDistance > 0) rec(0, 0);
  return counts;
}
