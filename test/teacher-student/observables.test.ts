/** Local energy, overlaps and the Gibbs sampler's uniformity on cases with known answers. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/math/rng.js';
import { cpr } from '../../src/teacher-student/cpr.js';
import { storageData, type Dataset } from '../../src/teacher-student/data.js';
import { hitAndRun } from '../../src/teacher-student/gibbs.js';
import { localEnergy, meanSe, overlap } from '../../src/teacher-student/observables.js';

describe('local energy δE(σ) = E_z[E_train(w ⊙ (1 + σz))] − E_train(w) (REFERENCE.md §4)', () => {
  const data = storageData(21, 201, 100);
  const w = cpr(data, { kappa: 0, maxSweeps: 5000, seed: 1 }).w;
  it('is 0 at σ = 0 and grows with σ beyond its error bars', () => {
    expect(localEnergy(w, data, 0, 50, 1, { kappa: 0 })).toEqual({ mean: 0, se: 0 });
    const e = [0.1, 0.3, 0.6, 1.0].map((s) => localEnergy(w, data, s, 200, 2, { kappa: 0 }));
    expect(e[0]!.mean).toBeGreaterThan(0);
    for (let i = 1; i < e.length; i++) expect(e[i]!.mean - e[i - 1]!.mean).toBeGreaterThan(2 * Math.hypot(e[i]!.se, e[i - 1]!.se));
    // σ → ∞ the weights are random: the error fraction tends to ½
    expect(Math.abs(localEnergy(w, data, 1e4, 200, 3, { kappa: 0 }).mean - 0.5)).toBeLessThan(0.02);
  });
});

describe('overlap and mean ± se', () => {
  it('overlap is the cosine; meanSe matches the textbook formulas', () => {
    expect(overlap([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(overlap([1, -1, 1], [-1, 1, -1])).toBe(-1);
    const m = meanSe([1, 2, 3, 4]);
    expect(m.mean).toBe(2.5);
    expect(m.se).toBeCloseTo(Math.sqrt(5 / 3 / 4), 15);
  });
});

describe('hit-and-run samples the uniform measure of cone ∩ ball (directions uniform on sphere ∩ cone)', () => {
  const chainMoments = (data: Dataset, w0: Float64Array, steps: number, thin: number, f: (u: Float64Array) => number[]) => {
    const chain = hitAndRun(data, w0, createRng(5));
    const sums: number[] = [];
    let count = 0;
    for (let s = 0; s < 200; s++) chain.step(); // burn-in
    for (let s = 0; s < steps; s++) {
      for (let t = 0; t < thin; t++) chain.step();
      const r = Math.hypot(...chain.w);
      const vals = f(chain.w.map((v) => v / r));
      vals.forEach((v, i) => (sums[i] = (sums[i] ?? 0) + v));
      count++;
    }
    return sums.map((s) => s / count);
  };
  it('P = 0, N = 10: E[u_1²] = 1/N, E[u_1 u_2] = 0, E[u_1⁴] = 3/(N(N+2))', () => {
    const n = 10;
    const data: Dataset = { n, p: 0, x: new Float64Array(0), y: new Float64Array(0), seed: 0 };
    const w0 = new Float64Array(n).fill(0.1);
    const [m2, m11, m4] = chainMoments(data, w0, 20000, 3, (u) => [u[0]! ** 2, u[0]! * u[1]!, u[0]! ** 4]);
    expect(Math.abs(m2! - 1 / n)).toBeLessThan(0.006); // sd of u² ≈ 0.13, ~20000 weakly correlated draws
    expect(Math.abs(m11!)).toBeLessThan(0.004);
    expect(Math.abs(m4! - 3 / (n * (n + 2))) / (3 / (n * (n + 2)))).toBeLessThan(0.1);
  });
  it('N = 3, cone {u_1 ≥ 0, u_2 ≥ 0}: u_1 is uniform on [0, 1] (Archimedes), so E[u_1] = 1/2, E[u_1²] = 1/3', () => {
    // patterns e_1 and e_2 with labels +1 (inputs scaled by √N so that w·x/√N = w_i)
    const s = Math.sqrt(3);
    const data: Dataset = { n: 3, p: 2, x: Float64Array.from([s, 0, 0, 0, s, 0]), y: Float64Array.from([1, 1]), seed: 0 };
    const [m1, m2, frac] = chainMoments(data, Float64Array.from([0.3, 0.3, 0]), 40000, 2, (u) => [u[0]!, u[0]! ** 2, u[0]! < 0.5 ? 1 : 0]);
    expect(Math.abs(m1! - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(m2! - 1 / 3)).toBeLessThan(0.01);
    expect(Math.abs(frac! - 0.5)).toBeLessThan(0.015);
  });
});

describe('fast ln H used by fBP', () => {
  it('agrees with the erfcx-based logH to 1.2e-7 (relative for x ≥ 0, absolute for x < 0) on [−40, 40]', async () => {
    const { logHFast } = await import('../../src/teacher-student/fast-math.js');
    const { logH } = await import('../../src/math/special.js');
    for (let x = -40; x <= 40; x += 0.0137) {
      const exact = logH(x);
      const err = Math.abs(logHFast(x) - exact);
      expect(x >= 0 ? err / Math.abs(exact || 1) : err).toBeLessThan(1.2e-7);
    }
  });
});
