/**
 * Franz-Parisi local entropy of the random-features model with an equilibrium reference
 * (entropy/random-features-franz-parisi.ts, docs/random-features.md §5b): the two-group Gaussian rate
 * (FP-L, RF-FP) against its derivatives and its decoupled / equilibrium limits, the teacher-label channel
 * against the storage and teacher-student channels it contains, pure-noise features (μ₁ = 0) against the
 * binary perceptron's Franz-Parisi S(d) at α = α_D/γ, and for sign features S(d*) = φ_RS at d* = (1 − q̃)/2,
 * the maximum there, stationarity of the free entropy in all ten parameters and the slope identity.
 */
import { describe, expect, it } from 'vitest';
import { expectStationary } from '../helpers/stationarity.js';
import { franzParisiSpec, solveFranzParisi } from '../../src/entropy/franz-parisi.js';
import {
  rfEquilibriumState,
  rfFranzParisiEntropy,
  rfFranzParisiSpec,
  rfInteractionFP,
  solveRFFranzParisi,
  teacherReferencedDq1,
  teacherReferencedPsi,
  teacherReferencedTerms,
  twoGroupLogDet,
  twoGroupLogDetGrad,
  type RFFPState,
} from '../../src/entropy/random-features-franz-parisi.js';
import { activationByName } from '../../src/replica/activations.js';
import { perceptronChannel } from '../../src/replica/channels/perceptron.js';
import { featureMap, rfInteraction } from '../../src/replica/random-features.js';
import { referencedPerceptronChannel } from '../../src/replica/reference-channel.js';
import { defaultNestedRules } from '../../src/replica/reference-prior.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);

describe('two-group Gaussian rate of the s-vectors (RF-FP)', () => {
  it('∂L matches finite differences of (FP-L)', () => {
    const args = [1.1, 0.4, 0.55, 0.3, 0.95, 0.6];
    const g = twoGroupLogDetGrad(...(args as [number, number, number, number, number, number]));
    for (let i = 0; i < 6; i++) {
      const f = (x: number) => twoGroupLogDet(...(args.map((a, j) => (j === i ? x : a)) as [number, number, number, number, number, number]));
      expect(Math.abs(central(f, args[i]!, 1e-6) - g[i]!)).toBeLessThan(1e-8);
    }
  });

  it('decoupled groups (x_p = x_0 = 0) give G_RF of the constrained group; the equilibrium point gives G_RF of the reference', () => {
    const ref = { q: 0.45, qhat: 1, pd: 0.9, p: 0.5, m: 0.3 };
    const o = { q1: 0.6, p0: 0, Pd: 0.93, P1: 0.62, Pp: 0, Pp0: 0, m: 0 };
    // x_p = p, x_0 = p0 in Q, Pp − m̃m, Pp0 − m̃m in P − mmᵀ: all zero with p = 0, m = 0.
    expect(Math.abs(rfInteractionFP(ref, 0, o) - rfInteraction(o.q1, o.Pd, o.P1, 0).G)).toBeLessThan(1e-14);
    const eq = rfEquilibriumState({ reference: ref } as never);
    expect(Math.abs(rfInteractionFP(ref, ref.q, eq) - rfInteraction(ref.q, ref.pd, ref.p, ref.m).G)).toBeLessThan(1e-14);
  });
});

describe('perceptron Franz-Parisi channel with teacher labels', () => {
  const rules = defaultNestedRules();
  it('R = R̃ = 0 is the storage channel of reference-channel.ts', () => {
    const storage = referencedPerceptronChannel({ kappa: 0, rules });
    for (const o of [{ q1: 0.5, p: 0.55, p0: 0.3, R: 0 }, { q1: 0.9, p: 0.7, p0: 0.35, R: 0 }]) {
      const a = teacherReferencedPsi({ q: 0.4, R: 0 }, o, rules);
      const b = storage.terms({ q: 0.4, kappa: 0 }, o).psi;
      expect(Math.abs(a - b)).toBeLessThan(1e-12);
    }
  });
  it('a constrained replica equal to a reference replica (q1 = p = p0 = q̃, R = R̃) gives the teacher-student channel', () => {
    const ref = { q: 0.55, R: 0.3 };
    const a = teacherReferencedPsi(ref, { q1: ref.q, p: ref.q, p0: ref.q, R: ref.R }, rules);
    const b = perceptronChannel({ kappa: 0 }).terms(ref.q, ref.R).psi;
    expect(Math.abs(a - b)).toBeLessThan(1e-8);
  });
  it('∂ψ/∂q1 by the heat equation (−½E[w g′²]) equals central differences on frozen nodes', () => {
    const ref = { q: 0.55, R: 0.3 };
    const o = { q1: 0.7, p: 0.6, p0: 0.45, R: 0.35 };
    const fd = central((x) => teacherReferencedPsi(ref, { ...o, q1: x }, rules, o), o.q1, 1e-5);
    expect(Math.abs(fd - teacherReferencedDq1(ref, o, rules))).toBeLessThan(1e-7);
  });
  it('one pass (teacherReferencedTerms): ψ and its gradient in (q1, p, p0, R, κ_e) equal central differences on frozen nodes', () => {
    const cases: [{ q: number; R: number; kappa?: number }, { q1: number; p: number; p0: number; R: number; kappa?: number }][] = [
      [{ q: 0.55, R: 0.3 }, { q1: 0.7, p: 0.6, p0: 0.45, R: 0.35 }],
      [{ q: 0.5, R: 0.3 }, { q1: 0.8, p: 0.7, p0: 0.45, R: 0.4 }],
      [{ q: 0.55, R: 0.3, kappa: 0.4 }, { q1: 0.7, p: 0.6, p0: 0.45, R: 0.35, kappa: 0.1 }],
      [{ q: 0.6, R: 0.2, kappa: 0.8 }, { q1: 0.9, p: 0.7, p0: 0.5, R: 0.25, kappa: -0.3 }],
    ];
    for (const [ref, o0] of cases) {
      const o = { kappa: 0, ...o0 };
      const t = teacherReferencedTerms(ref, o, rules)!;
      expect(Math.abs(t.psi - teacherReferencedPsi(ref, o, rules))).toBeLessThan(1e-14);
      // the heat equation's −½E[w g′²] on the same nodes
      expect(Math.abs(t.dq1 - teacherReferencedDq1(ref, o, rules))).toBeLessThan(1e-10);
      const d = { q1: t.dq1, p: t.dp, p0: t.dp0, R: t.dR, kappa: t.dkappa };
      for (const k of ['q1', 'p', 'p0', 'R', 'kappa'] as const) {
        const fd = central((x) => teacherReferencedPsi(ref, { ...o, [k]: x }, rules, o), o[k], 1e-5);
        // the central differences' own error O(h²ψ‴) is up to ~1e-8 in q1 (the heat equation above agrees to 1e-10)
        expect(Math.abs(fd - d[k]), k).toBeLessThan(1e-7);
      }
    }
    // where the β = 0 shortcut's neighbours use the half-line ζ rule, or C = 0: undefined (callers fall back)
    const ref = { q: 0.55, R: 0.3 };
    expect(teacherReferencedTerms(ref, { q1: 0.7, p: 0.6, p0: 0.45, R: (0.3 * 0.45) / 0.55 }, rules)).toBeUndefined();
    expect(teacherReferencedTerms(ref, { q1: ref.q, p: ref.q, p0: ref.q, R: ref.R }, rules)).toBeUndefined();
    // pure noise (a = 0): β stays 0 in p0, the gradient without R is defined
    expect(teacherReferencedTerms({ q: 0.4, R: 0 }, { q1: 0.5, p: 0.55, p0: 0.3, R: 0 }, rules, false)).toBeDefined();
  });
  it('with the teacher, the ζ-integral is needed (R ≠ a A) and stays continuous into R = a A', () => {
    const ref = { q: 0.55, R: 0.3 };
    const a = ref.R / Math.sqrt(ref.q);
    const base = { q1: 0.7, p: 0.6, p0: 0.45 };
    const R0 = (a * base.p0) / Math.sqrt(ref.q); // β = 0
    const at = (R: number) => teacherReferencedPsi(ref, { ...base, R }, rules);
    // the β = 0 shortcut (analytic ζ-integral) against the half-line quadrature just beside it
    expect(Math.abs(at(R0) - 0.5 * (at(R0 + 1e-7) + at(R0 - 1e-7)))).toBeLessThan(1e-9);
    // more teacher overlap, fewer lost patterns: ψ increases with R
    expect(at(R0 + 0.05)).toBeGreaterThan(at(R0));
  });
});

describe('pure-noise features (μ₁ = 0): the binary perceptron Franz-Parisi S(d) at α = α_D/γ', () => {
  const noise = { name: 'noise', mu0: 0, mu1: 0, muStar: 1 };
  const spec = rfFranzParisiSpec({ features: noise, alphaD: 0.5, gamma: 1 });
  const perc = franzParisiSpec({ prior: 'binary', alpha: 0.5, kappa: 0 });
  it('S(d) and its slope agree to 1e-8 at two distances', () => {
    const dStar = (1 - spec.reference.q) / 2;
    expect(Math.abs(spec.reference.q - perc.reference.q)).toBeLessThan(1e-9);
    for (const d of [dStar - 0.02, 0.12]) {
      const a = solveRFFranzParisi(spec, d);
      const b = solveFranzParisi(perc, d);
      expect(a.converged).toBe(true);
      expect(Math.abs(a.localEntropy - b.localEntropy)).toBeLessThan(1e-8);
      expect(Math.abs(a.slope - b.slope)).toBeLessThan(1e-6);
      expect(Math.abs(a.order.q1! - b.order.q1!)).toBeLessThan(1e-7);
    }
  }, 120_000);
});

describe('sign features (α_D = 1, γ = 1.1, between γ_interp and γ_LE)', () => {
  const spec = rfFranzParisiSpec({ features: featureMap(activationByName('sign')), alphaD: 1, gamma: 1.1 });
  const dStar = (1 - spec.reference.q) / 2;
  it('S(d*) = φ_RS at d* = (1 − q̃)/2; below d*: S < φ_RS, dS/dd > 0, stationary in all ten parameters', () => {
    const top = solveRFFranzParisi(spec, dStar);
    // the exact point: equal up to the quadratures of ψ_out (half-line ζ rule, ~6e-10) and of the RS channel
    expect(Math.abs(top.localEntropy - spec.entropy)).toBeLessThan(2e-9);
    const pt = solveRFFranzParisi(spec, dStar - 0.02);
    expect(pt.converged).toBe(true);
    expect(pt.localEntropy).toBeLessThan(spec.entropy);
    expect(pt.slope).toBeGreaterThan(0);
    const st = pt.state as RFFPState;
    const S = (o: Partial<RFFPState>) => rfFranzParisiEntropy(spec, pt.p, { ...st, ...o });
    expect(Math.abs(S({}) - pt.localEntropy)).toBeLessThan(1e-12);
    // central differences (h = 1e-5) of S; the quadrature's nodes move with the parameters: noise ~1e-8
    expectStationary(S, st, 2e-7);
  }, 300_000);
});
