/**
 * High-margin reference of the random-features model (entropy/random-features-margin.ts, docs/random-features.md
 * §5c): the teacher-label channel with margins against the storage and teacher-student channels it contains,
 * κ_max as the interpolation threshold read the other way, pure-noise features (μ₁ = 0) against the binary
 * perceptron's margin-reference curve (margin.ts) at α = α_D/γ, and for sign features the exact equilibrium
 * point with a margin, stationarity of S in all ten parameters at a solved margin-reference point (κ ≠ 0, so
 * the chain rule through κ_e = κ/√S is exercised) and the bound S ≤ φ_RS(κ).
 */
import { describe, expect, it } from 'vitest';
import { expectStationary } from '../helpers/stationarity.js';
import { franzParisiSpec } from '../../src/entropy/franz-parisi.js';
import { marginCurve, maxReferenceMargin } from '../../src/entropy/margin.js';
import { rfEquilibriumState, rfFPEnergetic, rfFPGradient, rfFranzParisiEntropy, rfFranzParisiSpec, solveRFFranzParisi, teacherReferencedPsi, type RFFPState } from '../../src/entropy/random-features-franz-parisi.js';
import { rfMarginAnchor, rfMarginCurve, rfMaxReferenceMargin } from '../../src/entropy/random-features-margin.js';
import { activationByName } from '../../src/replica/activations.js';
import { perceptronChannel } from '../../src/replica/channels/perceptron.js';
import { featureMap, interpolationThreshold, solveRandomFeatures } from '../../src/replica/random-features.js';
import { binaryEntropy } from '../../src/math/special.js';
import { referencedPerceptronChannel } from '../../src/replica/reference-channel.js';
import { defaultNestedRules } from '../../src/replica/reference-prior.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const sign = featureMap(activationByName('sign'));
const noise = { name: 'noise', mu0: 0, mu1: 0, muStar: 1 };

describe('teacher-label Franz-Parisi channel with margins (κ̃_e on the reference, κ_e on the constrained group)', () => {
  const rules = defaultNestedRules();
  it('R = R̃ = 0 is the storage channel of reference-channel.ts with the same margins', () => {
    for (const [kappa, kRef] of [
      [0, 0.3],
      [0.2, 0.5],
      [-0.3, 0.1],
    ] as const) {
      const storage = referencedPerceptronChannel({ kappa, rules });
      for (const o of [{ q1: 0.5, p: 0.55, p0: 0.3 }, { q1: 0.9, p: 0.7, p0: 0.35 }]) {
        const a = teacherReferencedPsi({ q: 0.4, R: 0, kappa: kRef }, { ...o, R: 0, kappa }, rules);
        const b = storage.terms({ q: 0.4, kappa: kRef }, o).psi;
        // different node layouts (the teacher's breakpoint at z0 = 0 is added here): quadrature accuracy
        expect(Math.abs(a - b)).toBeLessThan(1e-9);
      }
    }
  });
  it('a constrained replica equal to a reference replica (same margin) gives the teacher-student channel at that margin', () => {
    for (const kappa of [0.25, -0.2]) {
      const ref = { q: 0.55, R: 0.3, kappa };
      const a = teacherReferencedPsi(ref, { q1: ref.q, p: ref.q, p0: ref.q, R: ref.R, kappa }, rules);
      const b = perceptronChannel({ kappa }).terms(ref.q, ref.R).psi;
      expect(Math.abs(a - b)).toBeLessThan(1e-8);
    }
  });
  it('a reference strongly aligned with the teacher (a = R̃/√q̃ = 0.97: the teacher-positive half-line starts beyond ζ = 9 at many z0) still gives the teacher-student channel', () => {
    const ref = { q: 0.6, R: 0.75, kappa: 0.1 };
    const a = teacherReferencedPsi(ref, { q1: ref.q, p: ref.q, p0: ref.q, R: ref.R, kappa: 0.1 }, rules);
    const b = perceptronChannel({ kappa: 0.1 }).terms(ref.q, ref.R).psi;
    // the teacher's step H(−a z0/b) has width b/a = 0.26 in z0: the outer panel rule gives 1.8e-7 here
    // (≤ 7e-10 for a ≤ 0.9)
    expect(Math.abs(a - b)).toBeLessThan(5e-7);
  });
  it('ψ decreases with the constrained margin κ_e (fewer accepted patterns) and is smooth in it on frozen nodes', () => {
    const ref = { q: 0.55, R: 0.3, kappa: 0.2 };
    const o = { q1: 0.7, p: 0.6, p0: 0.45, R: 0.35, kappa: 0.1 };
    const at = (k: number) => teacherReferencedPsi(ref, { ...o, kappa: k }, rules, o);
    const d1 = central(at, 0.1, 1e-4);
    const d2 = central(at, 0.1, 1e-3);
    expect(d1).toBeLessThan(0);
    expect(Math.abs(d1 - d2)).toBeLessThan(1e-6 * Math.abs(d1) + 1e-9);
  });
});

describe('κ_max: the largest reference margin with zero-error students', () => {
  it('pure-noise features: the binary perceptron κ_max at α = α_D/γ', () => {
    const a = rfMaxReferenceMargin(noise, 0.5, 1).kappaMax;
    const b = maxReferenceMargin(0.5, 0).kappaMax;
    expect(Math.abs(a - b)).toBeLessThan(1e-7);
  });
  it('sign features: φ_RS(κ_max) = 0, κ_max grows with γ, and γ_interp(α_D; κ = κ_max(γ)) = γ', () => {
    const kms = [1.3, 2].map((g) => rfMaxReferenceMargin(sign, 1, g).kappaMax);
    expect(kms[1]!).toBeGreaterThan(kms[0]!);
    const pt = solveRandomFeatures({ features: sign, alphaD: 1, gamma: 2, kappa: kms[1]! }, undefined, { tol: 1e-12 });
    expect(Math.abs(pt.phi)).toBeLessThan(1e-7);
    const t = interpolationThreshold(sign, 1, { kappa: kms[1]!, tol: 1e-9 });
    expect(Math.abs(t.gamma - 2)).toBeLessThan(1e-5);
  });
});

describe('pure-noise features (μ₁ = 0): the binary perceptron margin-reference S(d; κ̃) at α = α_D/γ', () => {
  it('S(d) and its slope agree with margin.ts at two distances (κ̃ = 0.3)', () => {
    const rf = rfMarginCurve({ features: noise, alphaD: 0.5, gamma: 1, kappaRef: 0.3, ds: [0.05, 0.2] });
    const perc = marginCurve({ prior: 'binary', alpha: 0.5, kappa: 0, kappaRef: 0.3, ds: [0.05, 0.2] });
    expect(rf.points.length).toBe(2);
    // the anchor is d*(κ = 0) = (1 − q(κ = 0))/2 of the perceptron at α = 0.5, not d*(κ̃)
    expect(Math.abs(rf.anchor - (1 - franzParisiSpec({ prior: 'binary', alpha: 0.5, kappa: 0 }).reference.q) / 2)).toBeLessThan(1e-9);
    for (let i = 0; i < 2; i++) {
      const a = rf.points[i]!;
      const b = perc.points[i]!;
      expect(a.converged).toBe(true);
      expect(Math.abs(a.localEntropy - b.localEntropy)).toBeLessThan(1e-8);
      expect(Math.abs(a.slope - b.slope)).toBeLessThan(1e-6);
    }
  }, 120_000);
});

describe('sign features, α_D = 1, γ = 2', () => {
  it('equilibrium reference with a margin κ = 0.1: S(d*) = φ_RS(κ) at the exact point', () => {
    const spec = rfFranzParisiSpec({ features: sign, alphaD: 1, gamma: 2, kappa: 0.1 });
    const top = solveRFFranzParisi(spec, (1 - spec.reference.q) / 2);
    expect(Math.abs(top.localEntropy - spec.entropy)).toBeLessThan(2e-9);
  });
  it('the one-pass gradient of F = γ⁻¹G_FP + αψ_out (chain rule through κ_e = κ/√S) equals central differences on frozen nodes', () => {
    const spec = rfFranzParisiSpec({ features: sign, alphaD: 1, gamma: 2, kappa: 0.05, kappaRef: 0.3 });
    const r = rfEquilibriumState(spec);
    const o = { q1: r.q1 + 0.1 * (1 - r.q1), p0: 0.97 * r.p0, Pd: 1.01 * r.Pd, P1: r.P1 + 0.1 * (r.Pd - r.P1), Pp: 0.95 * r.Pp, Pp0: 0.97 * r.Pp0, m: 1.02 * r.m };
    const p = 0.95 * spec.reference.q;
    const { F, grad } = rfFPGradient(spec, p, o);
    const layout = { p, o };
    expect(Math.abs(F - rfFPEnergetic(spec, p, o))).toBeLessThan(1e-14);
    for (const k of ['q1', 'p0', 'Pd', 'P1', 'Pp', 'Pp0', 'm', 'p'] as const) {
      const at = (x: number) => (k === 'p' ? rfFPEnergetic(spec, x, o, layout) : rfFPEnergetic(spec, p, { ...o, [k]: x }, layout));
      expect(Math.abs(central(at, k === 'p' ? p : o[k], 1e-6) - grad[k]), k).toBeLessThan(1e-8);
    }
  }, 60_000);
  it('margin reference κ̃ = 0.3 around margin-κ = 0.05 students: at the anchor S ≤ φ_RS(κ), stationary in all ten parameters', () => {
    const a = rfMarginAnchor({ features: sign, alphaD: 1, gamma: 2, kappa: 0.05, kappaRef: 0.3 });
    const pt = a.point;
    expect(pt.converged).toBe(true);
    expect(a.spec.kappaRef).toBe(0.3);
    const typical = solveRandomFeatures({ features: sign, alphaD: 1, gamma: 2, kappa: 0.05 }, undefined, { tol: 1e-12 });
    // the constrained students are a subset of all margin-κ zero-error students
    expect(pt.localEntropy).toBeLessThan(typical.phi);
    expect(pt.localEntropy).toBeGreaterThan(0);
    const st = pt.state as RFFPState;
    const S = (o: Partial<RFFPState>) => rfFranzParisiEntropy(a.spec, pt.p, { ...st, ...o });
    expect(Math.abs(S({}) - pt.localEntropy)).toBeLessThan(1e-12);
    expectStationary(S, st, 2e-7);
  }, 240_000);
});

describe('the high-margin reference on both sides of γ_LE = 1.1719 (sign features, α_D = 1, κ̃ = κ_max)', () => {
  it('γ = 2 > γ_LE: S > 0 and S/H₂(d) rises towards 1 as d falls (a dense region around the reference)', () => {
    const kappaRef = rfMaxReferenceMargin(sign, 1, 2).kappaMax;
    const c = rfMarginCurve({ features: sign, alphaD: 1, gamma: 2, kappaRef, ds: [0.15, 0.08, 0.04], tol: 1e-8 });
    expect(c.points.length).toBe(3);
    const ratios = c.points.map((p) => p.localEntropy / binaryEntropy(p.d)); // increasing d
    for (let i = 0; i + 1 < ratios.length; i++) expect(ratios[i]!).toBeGreaterThan(ratios[i + 1]!);
    expect(ratios[0]!).toBeGreaterThan(0.85); // 0.85 at d = 0.05, 0.91 at 0.03, 0.992 at 0.0101 (docs/random-features.md §5c)
    expect(ratios[0]!).toBeLessThan(1);
  }, 240_000);
  it('γ = 1.1 < γ_LE: even the largest-margin references are isolated (S(0.08) < 0 < S(0.2))', () => {
    const kappaRef = rfMaxReferenceMargin(sign, 1, 1.1).kappaMax;
    const c = rfMarginCurve({ features: sign, alphaD: 1, gamma: 1.1, kappaRef, ds: [0.08, 0.2], tol: 1e-8 });
    expect(c.points.length).toBe(2);
    expect(c.points[0]!.localEntropy).toBeLessThan(-5e-3); // S = 0 at d0 ≈ 0.105; −0.0079 at d = 0.088
    expect(c.points[1]!.localEntropy).toBeGreaterThan(0);
  }, 240_000);
});

