/**
 * The split Gauss rule (half-range Gauss rules on each side of z = 0) and symmetric product rules over
 * multisets (src/math/split-gauss.ts, src/math/multisets.ts).
 */
import { describe, expect, it } from 'vitest';
import { hermiteRule } from '../../src/math/hermite.js';
import { integrate } from '../../src/math/kronrod.js';
import { logBinomial, walkMultisets } from '../../src/math/multisets.js';
import { halfRangeGaussRule, MAX_HALF, splitGaussRule } from '../../src/math/split-gauss.js';
import { G, logH } from '../../src/math/special.js';

/** ∫_0^∞ z^k G(z) dz = 2^{(k−1)/2} Γ((k+1)/2)/√(2π): (k−1)!!/2 for even k, (k−1)!!/√(2π) for odd k. */
function halfMoment(k: number): number {
  let df = 1;
  for (let j = k - 1; j > 1; j -= 2) df *= j;
  return k % 2 === 0 ? df / 2 : df / Math.sqrt(2 * Math.PI);
}

describe('half-range Gauss rule for G(z) on [0, ∞) (discretized Stieltjes + Golub-Welsch)', () => {
  it('integrates z^k exactly for k ≤ 2m − 1, up to the largest size built', () => {
    for (const m of [1, 4, 13, 40, MAX_HALF]) {
      const r = halfRangeGaussRule(m);
      for (let k = 0; k <= Math.min(2 * m - 1, 90); k++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += r.weights[i]! * r.nodes[i]! ** k;
        expect(Math.abs(s / halfMoment(k) - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('is not exact at degree 2m (the test above can fail)', () => {
    const r = halfRangeGaussRule(3);
    let s = 0;
    for (let i = 0; i < 3; i++) s += r.weights[i]! * r.nodes[i]! ** 6;
    expect(Math.abs(s / halfMoment(6) - 1)).toBeGreaterThan(1e-3);
  });

  it('one node: the mean of the half-normal √(2/π) with weight ½', () => {
    const r = halfRangeGaussRule(1);
    expect(r.nodes[0]).toBeCloseTo(Math.sqrt(2 / Math.PI), 14);
    expect(r.weights[0]).toBeCloseTo(0.5, 14);
  });
});

describe('split rule: both halves, symmetric, nodes clustered at the kink z = 0', () => {
  it('is symmetric under z → −z and its weights sum to 1', () => {
    const r = splitGaussRule(24);
    let s = 0;
    for (let i = 0; i < 24; i++) {
      expect(r.nodes[i]).toBe(-r.nodes[23 - i]!);
      expect(r.weights[i]).toBe(r.weights[23 - i]!);
      s += r.weights[i]!;
    }
    expect(Math.abs(s - 1)).toBeLessThan(1e-14);
  });

  it('integrates |z|³ (a kink at 0) exactly, where Gauss-Hermite cannot', () => {
    const f = (z: number) => Math.abs(z) ** 3;
    const exact = 2 * halfMoment(3);
    const split = splitGaussRule(8);
    const gh = hermiteRule(8);
    let a = 0;
    let b = 0;
    for (let i = 0; i < 8; i++) {
      a += split.weights[i]! * f(split.nodes[i]!);
      b += gh.weights[i]! * f(gh.nodes[i]!);
    }
    expect(Math.abs(a - exact)).toBeLessThan(1e-14);
    expect(Math.abs(b - exact)).toBeGreaterThan(1e-3);
  });

  it('resolves the layer of ln H(−cz) at q = 0.9 (c = 3) far better than Gauss-Hermite of the same size', () => {
    const c = 3;
    const f = (z: number) => logH(-c * z);
    const ref = integrate((z) => f(z) * G(z), -38, 38, { breakpoints: [-1 / c, 0, 1 / c], epsRel: 1e-14, epsAbs: 1e-16 }).value;
    const apply = (r: { n: number; nodes: Float64Array; weights: Float64Array }) => {
      let s = 0;
      for (let i = 0; i < r.n; i++) s += r.weights[i]! * f(r.nodes[i]!);
      return s;
    };
    const eSplit = Math.abs(apply(splitGaussRule(24)) - ref);
    const eGH = Math.abs(apply(hermiteRule(24)) - ref);
    expect(eSplit).toBeLessThan(1e-6);
    expect(eGH).toBeGreaterThan(100 * eSplit);
  });

  it('rejects odd or out-of-range sizes', () => {
    expect(() => splitGaussRule(7)).toThrow(RangeError);
    expect(() => splitGaussRule(2 * MAX_HALF + 2)).toThrow(RangeError);
    expect(() => halfRangeGaussRule(0)).toThrow(RangeError);
  });
});

describe('symmetric product rules over multisets', () => {
  it('visits C(n + k − 1, k) multisets whose multiplicities add up to n^k', () => {
    for (const [n, k] of [
      [5, 1],
      [5, 3],
      [7, 4],
      [3, 6],
    ] as const) {
      let count = 0;
      let total = 0;
      walkMultisets(
        n,
        k,
        () => true,
        (lc) => {
          count++;
          total += Math.exp(lc);
        },
      );
      expect(count).toBe(Math.round(Math.exp(logBinomial(n + k - 1, k))));
      expect(Math.abs(total - n ** k)).toBeLessThan(1e-9 * n ** k);
    }
  });

  it('k = 0 visits the empty multiset once', () => {
    const seen: number[] = [];
    walkMultisets(4, 0, () => true, (lc) => seen.push(lc));
    expect(seen).toEqual([0]);
  });

  it('reproduces the full product rule for a symmetric integrand', () => {
    const { nodes, weights } = splitGaussRule(6);
    const n = 6;
    const k = 4;
    const f = (z: number[]) => Math.log(1 + z.reduce((s, x) => s + x * x, 0)) + z.reduce((p, x) => p * Math.tanh(x + 0.3), 1);
    let brute = 0;
    for (let a = 0; a < n; a++)
      for (let b = 0; b < n; b++)
        for (let c = 0; c < n; c++)
          for (let d = 0; d < n; d++) brute += weights[a]! * weights[b]! * weights[c]! * weights[d]! * f([nodes[a]!, nodes[b]!, nodes[c]!, nodes[d]!]);
    const idx: number[] = [];
    let sym = 0;
    walkMultisets(
      n,
      k,
      (depth, i) => {
        idx[depth] = i;
        return true;
      },
      (lc) => {
        const w = idx.reduce((p, i) => p * weights[i]!, Math.exp(lc));
        sym += w * f(idx.map((i) => nodes[i]!));
      },
    );
    expect(Math.abs(sym - brute)).toBeLessThan(1e-14);
  });
});
