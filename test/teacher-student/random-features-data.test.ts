/** Seeded random-features data and the Gaussian equivalence measured on it (docs/random-features.md). */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/math/rng.js';
import { gaussianEquivalence, randomFeaturesData, randomFeaturesTestSet } from '../../src/teacher-student/random-features-data.js';

describe('random-features data', () => {
  it('is reproducible from its seed; features as patterns (n = N), labels ±1 from the teacher', () => {
    const a = randomFeaturesData(7, { d: 20, n: 30, p: 15 });
    const b = randomFeaturesData(7, { d: 20, n: 30, p: 15 });
    expect(a.data.x).toEqual(b.data.x);
    expect(a.data.y).toEqual(b.data.y);
    expect(a.data.n).toBe(30);
    expect(a.data.x.length).toBe(30 * 15);
    expect([...a.data.y].every((y) => y === 1 || y === -1)).toBe(true);
    const v2 = a.v.reduce((s, x) => s + x * x, 0);
    expect(Math.abs(v2 - 20)).toBeLessThan(1e-9);
    expect(randomFeaturesTestSet(a, 10, 3).x.length).toBe(300);
  });

  it('Gaussian equivalence: Var h = μ₁²p_d + μ*², Cov(h, u) = μ₁m, E h = 0 (sign and centred ReLU), within 5 standard errors', () => {
    for (const activation of ['sign', 'relu']) {
      const rf = randomFeaturesData(11, { d: 100, n: 150, p: 0, activation });
      // a student correlated with the teacher: w_i = sign(f_i·v) (so m is O(1)) — and a random one
      const rng = createRng(5);
      const aligned = Float64Array.from({ length: 150 }, (_, i) => {
        let z = 0;
        for (let k = 0; k < 100; k++) z += rf.F[i * 100 + k]! * rf.v[k]!;
        return z >= 0 ? 1 : -1;
      });
      const random = Float64Array.from({ length: 150 }, () => rng.sign());
      for (const w of [aligned, random]) {
        const g = gaussianEquivalence(rf, w, 4000, 99);
        const se = Math.sqrt(2 / g.samples) * g.predictedVarH;
        expect(Math.abs(g.varH - g.predictedVarH)).toBeLessThan(5 * se);
        expect(Math.abs(g.covHU - g.predictedCovHU)).toBeLessThan(5 * Math.sqrt((g.predictedVarH + g.predictedCovHU ** 2) / g.samples));
        expect(Math.abs(g.meanH)).toBeLessThan(5 * Math.sqrt(g.predictedVarH / g.samples));
      }
      // the aligned student is visibly correlated with the teacher
      expect(gaussianEquivalence(rf, aligned, 500, 1).m).toBeGreaterThan(0.3);
    }
  });
});
