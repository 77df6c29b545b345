/** Binary student on random features (REFERENCE.md §5; docs/random-features.md). */
import { describe, expect, it } from 'vitest';
import { perceptronModel } from '../../src/replica/perceptron.js';
import { solveRS } from '../../src/replica/glm.js';
import { generalizationErrors } from '../../src/replica/rows.js';
import { storageCapacity } from '../../src/replica/capacity.js';
import { activationByName, kernelOf } from '../../src/replica/activations.js';
import { featureMap, interpolationThreshold, rfFreeEntropy, rfGradient, rfInteraction, solveRandomFeatures, type RFState } from '../../src/replica/random-features.js';

const sign = featureMap(activationByName('sign'));

describe('Gaussian-equivalence coefficients', () => {
  it('sign: μ₀ = 0, μ₁ = √(2/π), μ*² = 1 − 2/π; ReLU: μ₀ = 1/√(2π), μ₁ = ½, μ*² = ½ − 1/(2π) − ¼', () => {
    expect(sign.mu1).toBeCloseTo(Math.sqrt(2 / Math.PI), 13);
    expect(sign.muStar ** 2).toBeCloseTo(1 - 2 / Math.PI, 13);
    const relu = featureMap(activationByName('relu'));
    expect(relu.mu0).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 13);
    expect(relu.mu1).toBeCloseTo(0.5, 13);
    expect(relu.muStar ** 2).toBeCloseTo(0.5 - 1 / (2 * Math.PI) - 0.25, 13);
    expect(() => featureMap({ name: 'constant', phi: () => 1 })).toThrow(/constant/);
  });

  it('they are the first Hermite coefficients of the kernel: μ₁² = Δ′(0), μ*² = Δ(1) − Δ′(0)', () => {
    for (const name of ['sign', 'relu', 'tanh', 'erf', 'linear']) {
      const f = featureMap(activationByName(name));
      const k = kernelOf(activationByName(name));
      expect(Math.abs(f.mu1 ** 2 - k.d1(0))).toBeLessThan(1e-10);
      expect(Math.abs(f.muStar ** 2 - (k.delta(1) - k.d1(0)))).toBeLessThan(1e-10);
    }
  });
});

describe('the random-features free entropy', () => {
  it('the large-deviation exponent vanishes, with its gradient, at the typical values p = q, p_d = 1, m = 0', () => {
    for (const q of [0, 0.3, 0.9]) {
      const I = rfInteraction(q, 1, q, 0);
      for (const v of [I.G, I.dq, I.dpd, I.dp, I.dm]) expect(Math.abs(v)).toBeLessThan(1e-14);
    }
    // and it is negative elsewhere (a large deviation costs)
    expect(rfInteraction(0.3, 1.2, 0.4, 0.1).G).toBeLessThan(0);
  });

  it('identity: the analytic gradient equals finite differences of φ (κ = 0 and κ ≠ 0)', () => {
    const s: RFState = { q: 0.4, qhat: 0.7, pd: 1.1, p: 0.45, m: 0.2 };
    for (const spec of [
      { features: sign, alphaD: 1, gamma: 2 },
      { features: featureMap(activationByName('tanh')), alphaD: 2.5, gamma: 0.7, kappa: 0.4 },
    ]) {
      const g = rfGradient(spec, s);
      (['q', 'qhat', 'pd', 'p', 'm'] as const).forEach((k, i) => {
        const h = 1e-6;
        const fd = (rfFreeEntropy(spec, { ...s, [k]: s[k] + h }) - rfFreeEntropy(spec, { ...s, [k]: s[k] - h })) / (2 * h);
        expect(Math.abs(g[i]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      });
    }
  });

  it('pure-noise features (μ₁ = 0): the teacher is invisible and the model is binary storage at α = α_D/γ', () => {
    const noise = { name: 'noise', mu0: 0, mu1: 0, muStar: 1 };
    const p = solveRandomFeatures({ features: noise, alphaD: 1, gamma: 2 });
    const b = solveRS(perceptronModel({ prior: 'binary', setting: 'storage' }), 0.5);
    expect(p.converged).toBe(true);
    expect(Math.abs(p.phi - b.phi)).toBeLessThan(1e-10);
    expect(Math.abs(p.q - b.q)).toBeLessThan(1e-9);
    const t = interpolationThreshold(noise, 0.5);
    expect(Math.abs(t.alpha - storageCapacity(perceptronModel({ prior: 'binary', setting: 'storage' })).alpha_c)).toBeLessThan(1e-7);
  });

  it('α_D → 0 at fixed α = P/N: the labels look random and interpolation sets in at α_KM = 0.8330786', () => {
    const alphas = [0.1, 0.01].map((aD) => interpolationThreshold(sign, aD).alpha);
    expect(Math.abs(alphas[1]! - 0.8330786)).toBeLessThan(2e-3);
    expect(Math.abs(alphas[1]! - 0.8330786)).toBeLessThan(Math.abs(alphas[0]! - 0.8330786) / 5); // linear approach in α_D
  });

  it('linear features, γ → ∞: spherical Gibbs learning of the teacher in D dimensions at α_D (error ∝ 1/γ)', () => {
    const linear = { ...featureMap(activationByName('linear')), muStar: 0 };
    for (const aD of [0.5, 3]) {
      const sph = solveRS(perceptronModel({ prior: 'spherical', setting: 'teacher-student' }), aD);
      const exact = generalizationErrors(sph.q, sph.R!).eps_gibbs;
      const err = [64, 1024].map((gamma) => Math.abs(solveRandomFeatures({ features: linear, alphaD: aD, gamma }).epsGibbs - exact));
      expect(err[1]!).toBeLessThan(2e-5);
      expect(err[0]! / err[1]!).toBeGreaterThan(10); // ≈ 16 for an O(1/γ) error
    }
  });

  it('the interpolation threshold: entropy zero with typical students above it, γ_interp grows with α_D', () => {
    let prev = 0;
    for (const aD of [0.5, 1, 3]) {
      const t = interpolationThreshold(sign, aD);
      expect(t.converged).toBe(true);
      expect(Math.abs(t.point.phi)).toBeLessThan(1e-9);
      expect(t.gamma).toBeGreaterThan(prev);
      prev = t.gamma;
      // more data per dimension: the typical interpolating student generalizes better
      expect(t.point.epsGibbs).toBeLessThan(0.5);
      expect(t.point.epsBayes).toBeLessThan(t.point.epsGibbs);
    }
  });
});
