/**
 * Exact enumeration of binary students w ∈ {±1}^N (REFERENCE.md §1): every configuration is visited once,
 * in reflected Gray-code order, so that consecutive configurations differ by one weight and the P
 * stabilities Δ_μ = y_μ w·x_μ/√N are updated by one column add, Δ ← Δ ∓ 2 c_i with c_i = (y_μ x_μi/√N)_μ
 * (columns stored contiguously: one cache line run per step).
 *
 * Symmetry w → −w: Δ_μ(−w) = −Δ_μ(w), so only the half-space w_{N−1} = +1 is traversed; w is a solution iff
 * min_μ Δ_μ > κ and −w is one iff max_μ Δ_μ < −κ. (Both can be solutions only for κ < 0.)
 *
 * Configurations are bit masks: bit i set ⇔ w_i = −1 (mask 0 is w = (+1, …, +1)); N ≤ 30 keeps every mask a
 * non-negative 31-bit integer.
 */
import type { Dataset } from '../data.js';

export const MAX_N = 30;

/** Patterns column-major and multiplied by their labels and 1/√N: c[i·P + μ] = y_μ x_μi / √N. */
export interface Columns {
  readonly n: number;
  readonly p: number;
  readonly c: Float64Array;
}

export function columnsOf(data: Dataset): Columns {
  const { n, p, x, y } = data;
  const c = new Float64Array(n * p);
  const s = 1 / Math.sqrt(n);
  for (let mu = 0; mu < p; mu++) for (let i = 0; i < n; i++) c[i * p + mu] = (y[mu]! * x[mu * n + i]!) * s;
  return { n, p, c };
}

/** w as ±1 from a mask. */
export function weightsOf(mask: number, n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = (mask >>> i) & 1 ? -1 : 1;
  return w;
}

/** The mask of a ±1 vector. */
export function maskOf(w: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) if (w[i]! < 0) m |= 1 << i;
  return m >>> 0;
}

/** Number of set bits of a 32-bit integer (Hamming weight): the Hamming distance of two masks is popcount(a ^ b). */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Stabilities of the configuration `mask` computed from scratch, Δ_μ = Σ_i w_i c_iμ (in index order). */
export function stabilitiesOf(cols: Columns, mask: number, out: Float64Array = new Float64Array(cols.p)): Float64Array {
  const { n, p, c } = cols;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const off = i * p;
    if ((mask >>> i) & 1) for (let mu = 0; mu < p; mu++) out[mu]! -= c[off + mu]!;
    else for (let mu = 0; mu < p; mu++) out[mu]! += c[off + mu]!;
  }
  return out;
}

/** Incremental updates accumulate rounding; the stabilities are recomputed from scratch every 2^16 steps. */
const RESYNC = 0xffff;

export interface TraversalStats {
  /** Number of solutions (stabilities all > κ). */
  count: number;
  /** Configurations decided (2^N). */
  configurations: number;
}

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_N) throw new RangeError(`enumeration: N must be an integer in [1, ${MAX_N}], got ${n}`);
}

/**
 * Plain Gray-code traversal (all P stabilities updated at every step): the textbook scheme, kept as the
 * reference for forEachSolution and for the benchmark. Visits the half-space w_{N−1} = +1 and decides w
 * and −w at each step.
 */
export function forEachSolutionGray(cols: Columns, kappa: number, onSolution?: (mask: number) => void): TraversalStats {
  const { n, p, c } = cols;
  checkN(n);
  const full = (2 ** n - 1) >>> 0;
  const c2 = new Float64Array(c.length);
  for (let k = 0; k < c.length; k++) c2[k] = 2 * c[k]!;
  const h = stabilitiesOf(cols, 0);
  let count = 0;
  const half = 2 ** (n - 1);
  let g = 0;
  for (let k = 0; k < half; k++) {
    let mn = Infinity;
    let mx = -Infinity;
    if (k === 0 || (k & RESYNC) === 0) {
      if (k > 0) g ^= 1 << (31 - Math.clz32(k & -k));
      stabilitiesOf(cols, g, h);
      for (let mu = 0; mu < p; mu++) {
        const v = h[mu]!;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
    } else {
      const i = 31 - Math.clz32(k & -k);
      const bit = 1 << i;
      g ^= bit;
      const off = i * p;
      const s = g & bit ? -1 : 1;
      for (let mu = 0; mu < p; mu++) {
        const v = h[mu]! + s * c2[off + mu]!;
        h[mu] = v;
        if (v < mn) mn = v;
        if (v > mx) mx = v;
      }
    }
    if (mn > kappa) {
      count++;
      onSolution?.(g);
    }
    if (mx < -kappa) {
      count++;
      onSolution?.((g ^ full) >>> 0);
    }
  }
  return { count, configurations: 2 * half };
}

/** Inner block size: 2^12 configurations × P stabilities stay in the L2 cache. */
const INNER_BITS = 12;

/**
 * Visit every solution w ∈ {±1}^N (all stabilities > κ) and call onSolution with its mask (in a fixed,
 * deterministic order). Split w = (u, v), u the low N₁ = min(N − 1, 12) bits: Δ(w) = A(u) + B(v), with the
 * table A(u) of all 2^N₁ inner stabilities built once and B(v) updated by a Gray-code traversal of the outer
 * bits (w_{N−1} = +1, the other half by w → −w). For each v the inner check A_μ(u) > κ − B_μ(v) runs over
 * μ in order of decreasing threshold and stops at the first violated pattern: a random configuration
 * violates a given pattern with probability ≥ ½, so ~2 comparisons per configuration instead of P updates.
 */
export function forEachSolution(cols: Columns, kappa: number, onSolution?: (mask: number) => void, opts: { innerBits?: number } = {}): TraversalStats {
  const { n, p, c } = cols;
  checkN(n);
  const n1 = Math.min(n - 1, opts.innerBits ?? INNER_BITS);
  const m1 = 2 ** n1;
  const full = (2 ** n - 1) >>> 0;
  // Inner table A[u·P + μ] = Σ_{i<N₁} w_i(u) c_iμ, built by adding one column to a table entry with fewer bits.
  const A = new Float64Array(m1 * p);
  for (let i = 0; i < n1; i++) for (let mu = 0; mu < p; mu++) A[mu]! += c[i * p + mu]!;
  for (let u = 1; u < m1; u++) {
    const low = 31 - Math.clz32(u & -u);
    const from = (u ^ (1 << low)) * p;
    const off = low * p;
    for (let mu = 0; mu < p; mu++) A[u * p + mu] = A[from + mu]! - 2 * c[off + mu]!;
  }
  // Outer stabilities B(v), v over bits N₁ … N − 2 (bit N − 1 fixed to w = +1), Gray-code order.
  const nOuter = n - 1 - n1;
  const B = new Float64Array(p);
  const outerCols: Columns = { n: n - n1, p, c: c.subarray(n1 * p) };
  stabilitiesOf(outerCols, 0, B);
  const order = new Int32Array(p);
  const tPlus = new Float64Array(p);
  const tMinus = new Float64Array(p);
  const byB = (a: number, b: number) => B[a]! - B[b]!;
  const idx = Array.from({ length: p }, (_, mu) => mu);
  let count = 0;
  let v = 0;
  for (let k = 0; k < 2 ** nOuter; k++) {
    if (k > 0) {
      const i = 31 - Math.clz32(k & -k);
      v ^= 1 << i;
      if ((k & RESYNC) === 0) stabilitiesOf(outerCols, v, B);
      else {
        const off = (n1 + i) * p;
        const s = (v >>> i) & 1 ? -2 : 2;
        for (let mu = 0; mu < p; mu++) B[mu]! += s * c[off + mu]!;
      }
    }
    // Tightest constraint first: w needs A_μ > κ − B_μ (smallest B first), −w needs A_μ < −κ − B_μ (largest B first).
    idx.sort(byB);
    for (let j = 0; j < p; j++) {
      order[j] = idx[j]!;
      tPlus[j] = kappa - B[idx[j]!]!;
      tMinus[j] = -kappa - B[idx[p - 1 - j]!]!;
    }
    const high = v * m1;
    for (let u = 0; u < m1; u++) {
      const base = u * p;
      let j = 0;
      while (j < p && A[base + order[j]!]! > tPlus[j]!) j++;
      if (j === p) {
        count++;
        onSolution?.((high + u) >>> 0);
      }
      j = 0;
      while (j < p && A[base + order[p - 1 - j]!]! < tMinus[j]!) j++;
      if (j === p) {
        count++;
        onSolution?.(((high + u) ^ full) >>> 0);
      }
    }
  }
  return { count, configurations: 2 ** n };
}

/** Brute force: every w ∈ {±1}^N, stabilities from scratch (the reference the Gray-code traversal is tested against). */
export function bruteForceSolutions(cols: Columns, kappa: number): number[] {
  const out: number[] = [];
  const h = new Float64Array(cols.p);
  for (let m = 0; m < 2 ** cols.n; m++) {
    stabilitiesOf(cols, m, h);
    let ok = true;
    for (let mu = 0; mu < cols.p; mu++) if (!(h[mu]! > kappa)) ok = false;
    if (ok) out.push(m);
  }
  return out;
}
