import { describe, expect, it } from 'vitest';
import { activationByName } from '../../src/replica/activations.js';
import { gaussianEquivalenceCheck, randomFeaturesData, randomFeaturesTestSet } from '../../src/teacher-student/random-features-data.js';

describe('random-features data (REFERENCE.md §5)', () => {
  it('is reproducible from the seed and labels come from the hidden teacher', () => {
    const a = randomFeaturesData(4, { d: 20, n: 30, p: 15, activation: activationByName('sign') });
    const b = randomFeaturesData(4, { d: 20, n: 30, p: 15, activation: activationByName('sign') });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    const t = randomFeaturesTestSet(a, 10, 9);
    expect(Array.from(t.f)).toEqual(Array.from(a.f));
  });

  it('ReLU features are centred (μ₀ removed): feature means vanish within sampling error', () => {
    const data = randomFeaturesData(1, { d: 30, n: 40, p: 4000, activation: activationByName('relu') });
    expect(data.features.mu0).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 8);
    let m = 0;
    for (const v of data.x) m += v;
    m /= data.x.length;
    // per-entry variance E σ² − μ₀² ≈ 0.34; entries of one input are correlated, so allow a generous 6σ over P
    expect(Math.abs(m)).toBeLessThan(6 * Math.sqrt(0.35 / data.p));
  });

  // Gaussian equivalence: Var h = μ₁²|s|²/D + μ*², Cov(h,u) = μ₁ s·v/D for a student aligned with the
  // teacher (w_i = sign(f_i·v), so the covariance is O(1)). Finite-D corrections are O(1/√D) relative:
  // allowed 4 standard errors plus 4%.
  for (const name of ['sign', 'tanh', 'relu'] as const) {
    it(`${name}: pre-activation covariances match μ₁ and μ*`, () => {
      const train = randomFeaturesData(2, { d: 80, n: 160, p: 1, activation: activationByName(name) });
      const test = randomFeaturesTestSet(train, 8000, 77);
      const w = new Float64Array(train.n);
      for (let i = 0; i < train.n; i++) {
        let a = 0;
        for (let k = 0; k < train.d; k++) a += train.f[i * train.d + k]! * train.v[k]!;
        w[i] = a >= 0 ? 1 : -1;
      }
      const c = gaussianEquivalenceCheck(w, test);
      expect(c.covHUPredicted).toBeGreaterThan(0.3);
      expect(Math.abs(c.covHU - c.covHUPredicted)).toBeLessThan(4 * c.covHUSe + 0.04 * c.covHUPredicted);
      expect(Math.abs(c.varH - c.varHPredicted)).toBeLessThan(4 * c.varHSe + 0.04 * c.varHPredicted);
    });
  }
});
