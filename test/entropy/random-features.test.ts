/**
 * Densest regions of the binary student on random features (large deviations, y → ∞; docs/random-features.md
 * §5-6): identities of the new terms, the pure-noise and far-end limits, and the local-entropy transition.
 */
import { describe, expect, it } from 'vitest';
import { activationByName } from '../../src/replica/activations.js';
import { featureMap, rfInteraction, solveRandomFeatures } from '../../src/replica/random-features.js';
import { largeDeviationCurve, largeDeviationSpec } from '../../src/entropy/large-deviation.js';
import { largeDeviationChannel } from '../../src/entropy/large-deviation-terms.js';
import { rfInteractionLD, teacherLargeDeviationChannel } from '../../src/entropy/random-features-terms.js';
import { rfFarEnd, rfLargeDeviationCurve, rfLargeDeviationEntropy, rfLargeDeviationGradient, rfLargeDeviationSpec, solveRFLargeDeviationAtConjugate, rfldStateOf } from '../../src/entropy/random-features.js';
import { rfDip } from '../../src/entropy/random-features-transition.js';

const sign = featureMap(activationByName('sign'));
const central = (f: (x: number) => number, x: number, h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

describe('y → ∞ terms of the random-features model: identities', () => {
  it('G_LD: gradient = finite differences; Δ = 0 gives the RS rate G_RF; zero with its gradient at the typical values', () => {
    const x = [0.6, 0.2, 1.1, 0.55, 0.15, 0.3];
    const I = rfInteractionLD(...(x as [number, number, number, number, number, number]));
    (['dq1', 'dd1', 'dpd', 'dp1', 'dds', 'dm'] as const).forEach((k, i) => {
      const fd = central((v) => rfInteractionLD(...(x.map((u, j) => (j === i ? v : u)) as [number, number, number, number, number, number])).G, x[i]!);
      expect(Math.abs(I[k] - fd)).toBeLessThan(1e-8);
    });
    const rs = rfInteraction(0.4, 1.2, 0.5, 0.3);
    const ld = rfInteractionLD(0.4, 0, 1.2, 0.5, 0, 0.3);
    expect(Math.abs(ld.G - rs.G)).toBeLessThan(1e-15);
    expect(Math.abs(ld.dq1 - rs.dq)).toBeLessThan(1e-14);
    expect(Math.abs(ld.dpd - rs.dpd)).toBeLessThan(1e-14);
    expect(Math.abs(ld.dp1 - rs.dp)).toBeLessThan(1e-14);
    expect(Math.abs(ld.dm - rs.dm)).toBeLessThan(1e-14);
    for (const [q1, d1] of [[0.3, 0.5], [0.9, 20]] as const) {
      const t = rfInteractionLD(q1, d1, 1, q1, d1, 0);
      for (const v of [t.G, t.dq1, t.dd1, t.dpd, t.dp1, t.dds, t.dm]) expect(Math.abs(v)).toBeLessThan(1e-13);
    }
  });

  it('teacher-student y → ∞ channel: gradient = finite differences; R = 0 is the storage channel of large-deviation-terms.ts', () => {
    const ch = teacherLargeDeviationChannel();
    for (const args of [[0.6, 0.1, 0.4, 0.3], [0.9, 3, 0.7, 0], [0.3, 0.05, 0.05, -0.5]] as [number, number, number, number][]) {
      const t = ch.terms(...args);
      (['dq1', 'dd1', 'dR', 'dKappa'] as const).forEach((k, i) => {
        const fd = central((v) => ch.terms(...(args.map((u, j) => (j === i ? v : u)) as [number, number, number, number])).psi, args[i]!);
        expect(Math.abs(t[k] - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
      });
    }
    const st = largeDeviationChannel({ kappa: 0.3, kappaRef: -Infinity }).terms({ q1: 0.6, p: 0, dt: 1, dp: 0, d1: 0.1 });
    const ts = ch.terms(0.6, 0.1, 0, 0.3);
    expect(Math.abs(ts.psi - st.psi)).toBeLessThan(1e-14);
    expect(Math.abs(ts.dq1 - st.dq1)).toBeLessThan(1e-14);
    expect(Math.abs(ts.dd1 - st.dd1)).toBeLessThan(1e-14);
  });

  it('the whole free entropy (RF-LD): gradient in (q1, Δ1, q̂1, Γ, π̂, p_d, p1, Δs, m) = finite differences (κ = 0 and 0.3)', () => {
    for (const kappa of [0, 0.3]) {
      const spec = rfLargeDeviationSpec({ features: featureMap(activationByName('tanh')), alphaD: 1, gamma: 2, kappa });
      const s = { qhat1: 0.3, Gamma: 0.5, pihat: 0.8, pd: 1.05, p1: 0.5, ds: 0.3, m: 0.2, q1: 0.45, d1: 0.4 };
      const g = rfLargeDeviationGradient(spec, 0.1, s);
      (['q1', 'd1', 'qhat1', 'Gamma', 'pihat', 'pd', 'p1', 'ds', 'm'] as const).forEach((k, i) => {
        const fd = central((v) => rfLargeDeviationEntropy(spec, 0.1, { ...s, [k]: v }), s[k]);
        expect(Math.abs(g[i]! - fd)).toBeLessThan(2e-8);
      });
    }
  });
});

describe('densest regions of the random-features model', () => {
  it('pure-noise features (μ₁ = 0): S_max(d) is the binary perceptron’s at α = α_D/γ', () => {
    const noise = { name: 'noise', mu0: 0, mu1: 0, muStar: 1 };
    const ds = [0.01, 0.05];
    const rf = rfLargeDeviationCurve(rfLargeDeviationSpec({ features: noise, alphaD: 1, gamma: 2 }), ds);
    const pc = largeDeviationCurve(largeDeviationSpec({ alpha: 0.5, kappa: 0 }), ds);
    expect(rf.points.length).toBe(2);
    rf.points.forEach((p, i) => {
      expect(Math.abs(p.localEntropy - pc.points[i]!.localEntropy)).toBeLessThan(1e-8);
      expect(Math.abs(p.slope - pc.points[i]!.slope)).toBeLessThan(1e-6);
      expect(Math.abs(p.order.m!)).toBeLessThan(1e-8); // the teacher is invisible
    });
  });

  it('far end (π̂ → 0): S_max → φ_RS of the RF model, q1 → q, m → m_RS, with an O(π̂²) error', () => {
    const spec = rfLargeDeviationSpec({ features: sign, alphaD: 1, gamma: 2 });
    const rs = spec.rs;
    const a = rfFarEnd(spec, 2e-3);
    const b = solveRFLargeDeviationAtConjugate(spec, 1e-3, rfldStateOf(a));
    expect(a.converged && b.converged).toBe(true);
    const ea = rs.phi - a.localEntropy;
    const eb = rs.phi - b.localEntropy;
    expect(eb).toBeGreaterThan(0);
    expect(eb).toBeLessThan(1e-6);
    expect(ea / eb).toBeGreaterThan(3.5); // ≈ 4
    expect(ea / eb).toBeLessThan(4.5);
    expect(Math.abs(b.order.q1! - rs.q)).toBeLessThan(1e-3);
    expect(Math.abs(b.order.m! - rs.m)).toBeLessThan(1e-3);
    expect(Math.abs(b.order.pd! - rs.pd)).toBeLessThan(1e-3);
  });

  it('along the branch: dS/dd = 2π̂ equals the finite-difference slope, S ≤ φ_RS, S → H₂(d)-like growth at small d', () => {
    const spec = rfLargeDeviationSpec({ features: sign, alphaD: 1, gamma: 2 });
    const h = 1e-4;
    const c = rfLargeDeviationCurve(spec, [0.01 - h, 0.01 + h, 0.05 - h, 0.05 + h]);
    expect(c.points.length).toBe(4);
    for (const k of [0, 2]) {
      const [p, q] = [c.points[k]!, c.points[k + 1]!];
      const fd = (q.localEntropy - p.localEntropy) / (q.d - p.d);
      expect(Math.abs(fd - 0.5 * (p.slope + q.slope))).toBeLessThan(1e-5 * Math.abs(fd));
      expect(q.localEntropy).toBeLessThan(spec.rs.phi);
    }
  });
});

describe('local-entropy transition', () => {
  it('α_D = 1: the dip of dS/dd is positive at γ = 1.25 and has crossed zero at γ = 1.16, both above γ_interp = 1.0618', () => {
    const above = rfDip(sign, 1, 1 / 1.25, 0, 32);
    const below = rfDip(sign, 1, 1 / 1.16, 0, 32);
    expect(above.refined).toBe(true);
    expect(above.slope).toBeGreaterThan(0.3);
    expect(below.slope).toBeLessThan(0);
    // the dense region's members are better aligned with the teacher than typical solutions
    const dipPoint = above.points.reduce((a, b) => (Math.abs(Math.log(b.d / above.d)) < Math.abs(Math.log(a.d / above.d)) ? b : a));
    expect(dipPoint.order.epsCloud!).toBeLessThan(solveRandomFeatures({ features: sign, alphaD: 1, gamma: 1.25 }).epsGibbs);
  });

  it('pure-noise features (the α_D → 0 structure): the criterion seen from the far end brackets the perceptron’s α_LE = 0.7553 in (0.75, 0.76)', () => {
    const noise = { name: 'noise', mu0: 0, mu1: 0, muStar: 1 };
    const lo = rfDip(noise, 1, 0.75, 0, 32);
    const hi = rfDip(noise, 1, 0.76, 0, 32);
    expect(lo.refined).toBe(true);
    expect(lo.slope).toBeGreaterThan(0);
    expect(hi.slope).toBeLessThan(0);
  });
});
