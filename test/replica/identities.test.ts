/**
 * Conjugates are derivatives of the free entropy (DESIGN.md §2): every prior's and channel's analytic
 * gradient against central finite differences of its potential, and the full RS free entropy stationary
 * in all its parameters at a solved saddle point.
 */
import { describe, expect, it } from 'vitest';
import { perceptronChannel } from '../../src/replica/channels/perceptron.js';
import { rsFreeEntropy, solveRS, type GlmSpec } from '../../src/replica/glm.js';
import { perceptronModel } from '../../src/replica/perceptron.js';
import { binaryPrior, sphericalPrior, type TeacherPrior } from '../../src/replica/prior.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-8);

describe('prior potentials ψ_P(q̂, R̂): analytic gradient = finite differences', () => {
  const cases: [string, ReturnType<typeof binaryPrior>, TeacherPrior][] = [
    ['binary student, binary teacher', binaryPrior(), 'binary'],
    ['binary student, spherical teacher', binaryPrior(), 'spherical'],
    ['spherical student', sphericalPrior(), 'spherical'],
  ];
  for (const [name, prior, teacher] of cases) {
    it(name, () => {
      for (const [qh, Rh] of [
        [0.3, 0],
        [1.7, 0.4],
        [12, 3],
        [0.05, 0.9],
      ] as const) {
        const t = prior.terms(qh, Rh, teacher);
        const dq = central((x) => prior.terms(x, Rh, teacher).psi, qh, 1e-4 * qh);
        const dR = central((x) => prior.terms(qh, x, teacher).psi, Rh, 1e-4);
        expect(relErr(t.dQhat, dq)).toBeLessThan(1e-6);
        expect(Math.abs(t.dRhat - dR)).toBeLessThan(1e-7 * Math.max(1, Math.abs(dR)));
      }
    });
  }

  it('ψ_P(0, 0) is the log-volume of the support: ln 2 (binary), 0 (spherical)', () => {
    expect(binaryPrior().terms(0, 0).psi).toBeCloseTo(Math.LN2, 14);
    expect(sphericalPrior().terms(0, 0).psi).toBe(0);
  });

  it('the spherical prior reproduces Gardner’s entropic term ½ln(1−q) + q/(2(1−q)) after eliminating q̂', () => {
    const p = sphericalPrior();
    for (const q of [0.1, 0.5, 0.9, 0.999]) {
      const qhat = q / (1 - q) ** 2;
      const t = p.terms(qhat, 0);
      expect(1 - 2 * t.dQhat).toBeCloseTo(q, 12);
      const entropic = -(qhat / 2) * (1 - q) + t.psi;
      expect(relErr(entropic, 0.5 * Math.log(1 - q) + q / (2 * (1 - q)))).toBeLessThan(1e-12);
    }
  });
});

describe('perceptron channel ψ_out(q, R): analytic gradient = finite differences', () => {
  for (const kappa of [-0.5, 0, 0.7]) {
    const ch = perceptronChannel({ kappa });
    it(`storage, κ = ${kappa}`, () => {
      for (const q of [0.05, 0.4, 0.9, 0.995]) {
        const h = 1e-4 * Math.min(q, 1 - q);
        expect(relErr(ch.terms(q).dq, central((x) => ch.terms(x).psi, q, h))).toBeLessThan(1e-6);
      }
    });
    it(`teacher-student, κ = ${kappa}`, () => {
      for (const [q, R] of [
        [0.3, 0.2],
        [0.6, 0.6],
        [0.9, 0.5],
        [0.99, 0.98],
      ] as const) {
        const t = ch.terms(q, R);
        const hq = 1e-5 * Math.min(q - R * R, 1 - q);
        const hR = 1e-5 * Math.min(q - R * R, 1);
        expect(relErr(t.dq, central((x) => ch.terms(x, R).psi, q, hq))).toBeLessThan(1e-6);
        expect(relErr(t.dR, central((x) => ch.terms(q, x).psi, R, hR))).toBeLessThan(1e-6);
      }
    });
  }

  it('teacher-student at R = 0 is storage (the teacher carries no information)', () => {
    const ch = perceptronChannel({ kappa: 0.3 });
    for (const q of [0.2, 0.8]) expect(ch.terms(q, 0).psi).toBeCloseTo(ch.terms(q).psi, 12);
  });
});

describe('the RS free entropy is stationary in all its parameters at the solved saddle point', () => {
  const specs: [string, GlmSpec, number][] = [
    ['spherical storage κ = 0', perceptronModel({ prior: 'spherical', setting: 'storage' }), 1.2],
    ['spherical storage κ = −0.3', perceptronModel({ prior: 'spherical', setting: 'storage', kappa: -0.3 }), 2],
    ['binary storage κ = 0', perceptronModel({ prior: 'binary', setting: 'storage' }), 0.6],
    ['binary teacher-student (general q ≠ R solver)', perceptronModel({ prior: 'binary', setting: 'teacher-student', nishimori: false }), 0.8],
    ['spherical teacher-student (general)', perceptronModel({ prior: 'spherical', setting: 'teacher-student', nishimori: false }), 2],
    ['spherical student, spherical teacher, κ = 0.5 (mismatched)', perceptronModel({ prior: 'spherical', setting: 'teacher-student', kappa: 0.5 }), 1.5],
  ];
  for (const [name, spec, alpha] of specs) {
    it(name, () => {
      const p = solveRS(spec, alpha, { guess: { q: 0.4, R: 0.3 } });
      expect(p.converged).toBe(true);
      const ts = spec.setting === 'teacher-student';
      const base = { q: p.q, qhat: p.qhat, ...(ts ? { R: p.R!, Rhat: p.Rhat! } : {}) };
      const keys = (ts ? ['q', 'qhat', 'R', 'Rhat'] : ['q', 'qhat']) as (keyof typeof base)[];
      for (const k of keys) {
        const v = base[k]!;
        const h = 1e-5 * Math.max(Math.abs(v), 1e-2) * (k === 'q' || k === 'R' ? Math.min(1, 1 - Math.abs(v)) : 1);
        const d = central((x) => rsFreeEntropy(spec, alpha, { ...base, [k]: x }), v, h);
        expect(Math.abs(d)).toBeLessThan(1e-7);
      }
      // and the free entropy is the value of φ at those parameters
      expect(p.phi).toBeCloseTo(rsFreeEntropy(spec, alpha, base), 14);
    });
  }
});
