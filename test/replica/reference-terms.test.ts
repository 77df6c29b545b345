/**
 * The two-group terms (replica/reference-prior.ts, replica/reference-channel.ts): conjugates are
 * derivatives of the potentials (central finite differences, relative 1e-6), the existing teacher-student
 * and storage terms are their special cases (an uninformative reference), and the quadrature moves the
 * values by less than 1e-9 when the rule is refined (order 8 → 16) down to 1 − q1 = 1e-4.
 */
import { describe, expect, it } from 'vitest';
import { panelNodes } from '../../src/math/node-rules.js';
import { perceptronChannel } from '../../src/replica/channels/perceptron.js';
import { binaryPrior, sphericalPrior } from '../../src/replica/prior.js';
import { equilibriumReference, teacherAsReference } from '../../src/replica/reference.js';
import { referencedPerceptronChannel } from '../../src/replica/reference-channel.js';
import { binaryReferencedPrior, sphericalReferencedPrior } from '../../src/replica/reference-prior.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);

describe('prior seen from a reference: ψ_C(q̂1, p̂, p̂0)', () => {
  const ref = equilibriumReference('binary', 0.5, 0);
  const sph = equilibriumReference('spherical', 1, 0);
  const cases: [string, ReturnType<typeof binaryReferencedPrior>, { q: number; qhat: number }][] = [
    ['binary, equilibrium reference α = 0.5', binaryReferencedPrior(), ref],
    ['binary, stiff reference (q̂̃ = 3)', binaryReferencedPrior(), { q: 0.6, qhat: 3 }],
    ['spherical, equilibrium reference α = 1', sphericalReferencedPrior(), sph],
  ];
  for (const [name, P, r] of cases) {
    it(`${name}: gradient = finite differences`, () => {
      for (const c of [
        { qhat1: 2.0, phat: 1.1, phat0: 0.4 },
        { qhat1: 40, phat: 6, phat0: 1.5 },
        { qhat1: 0.3, phat: -0.4, phat0: 0.1 },
      ]) {
        const t = P.terms(r, c);
        const h = 1e-5;
        expect(rel(t.dQhat1, central((x) => P.terms(r, { ...c, qhat1: x }).psi, c.qhat1, h))).toBeLessThan(1e-6);
        expect(rel(t.dPhat, central((x) => P.terms(r, { ...c, phat: x }).psi, c.phat, h))).toBeLessThan(1e-6);
        expect(rel(t.dPhat0, central((x) => P.terms(r, { ...c, phat0: x }).psi, c.phat0, h))).toBeLessThan(1e-6);
        expect(rel(t.d2Phat, central((x) => P.terms(r, { ...c, phat: x }).dPhat, c.phat, h))).toBeLessThan(1e-6);
      }
    });
  }

  it('an uninformative reference gives the teacher-student prior ψ_P(q̂1, R̂ = p̂) of prior.ts', () => {
    for (const [qh, ph] of [
      [1.3, 0.7],
      [0.2, 2.5],
    ] as const) {
      const b = binaryReferencedPrior().terms(teacherAsReference('binary'), { qhat1: qh, phat: ph, phat0: 0 });
      const bt = binaryPrior().terms(qh, ph, 'binary');
      expect(b.psi).toBeCloseTo(bt.psi, 11);
      expect(b.dQhat1).toBeCloseTo(bt.dQhat, 11);
      expect(b.dPhat).toBeCloseTo(bt.dRhat, 11);
      const s = sphericalReferencedPrior().terms(teacherAsReference('spherical'), { qhat1: qh, phat: ph, phat0: 0 });
      const st = sphericalPrior().terms(qh, ph, 'spherical');
      expect(s.psi).toBeCloseTo(st.psi, 14);
      expect(s.dPhat).toBeCloseTo(st.dRhat, 14);
    }
  });
});

describe('perceptron channel seen from a reference: ψ_out(q1, p, p0)', () => {
  const refQ = equilibriumReference('binary', 0.5, 0).q;
  for (const [kappa, kRef] of [
    [0, 0],
    [0, 0.4],
    [-0.5, 0.3],
  ] as const) {
    it(`κ = ${kappa}, κ̃ = ${kRef}: gradient = finite differences`, () => {
      const ch = referencedPerceptronChannel({ kappa });
      const r = { q: refQ, kappa: kRef };
      for (const o of [
        { q1: 0.5, p: 0.6, p0: 0.25 },
        { q1: 0.9, p: 0.9, p0: 0.3 },
        { q1: 0.99, p: 0.99, p0: 0.32 },
      ]) {
        const t = ch.terms(r, o);
        const h = 1e-5 * (1 - o.q1);
        expect(rel(t.dq1, central((x) => ch.terms(r, { ...o, q1: x }).psi, o.q1, h))).toBeLessThan(1e-6);
        expect(rel(t.dp, central((x) => ch.terms(r, { ...o, p: x }).psi, o.p, h))).toBeLessThan(1e-6);
        expect(rel(t.dp0, central((x) => ch.terms(r, { ...o, p0: x }).psi, o.p0, h))).toBeLessThan(1e-6);
      }
    });
  }

  it('teacher-student (reference = teacher) and storage (p = p0 = 0) are special cases of channels/perceptron.ts', () => {
    const ch = referencedPerceptronChannel({ kappa: 0.3 });
    const pc = perceptronChannel({ kappa: 0.3 });
    const ts = ch.terms({ q: 0, kappa: 0 }, { q1: 0.6, p: 0.4, p0: 0 });
    const ts0 = pc.terms(0.6, 0.4);
    expect(ts.psi).toBeCloseTo(ts0.psi, 11);
    expect(ts.dq1).toBeCloseTo(ts0.dq, 11);
    expect(ts.dp).toBeCloseTo(ts0.dR, 11);
    const st = ch.terms({ q: refQ, kappa: 0 }, { q1: 0.6, p: 0, p0: 0 });
    const st0 = pc.terms(0.6);
    expect(st.psi).toBeCloseTo(st0.psi, 11);
    expect(st.dq1).toBeCloseTo(st0.dq, 11);
  });

  it('refining the rule (order 8 → 16) moves the terms by < 1e-9 relative, down to 1 − q1 = 1e-4', () => {
    const fine = { outer: panelNodes({ order: 16 }), inner: panelNodes({ order: 16 }) };
    for (const o of [
      { q1: 0.9, p: 0.9, p0: 0.3 },
      { q1: 0.9999, p: 0.9999, p0: 0.3223 },
    ]) {
      const a = referencedPerceptronChannel({ kappa: 0 }).terms({ q: refQ, kappa: 0 }, o);
      const b = referencedPerceptronChannel({ kappa: 0, rules: fine }).terms({ q: refQ, kappa: 0 }, o);
      for (const k of ['psi', 'dq1', 'dp', 'dp0'] as const) expect(Math.abs(a[k] - b[k]) / Math.max(1, Math.abs(b[k]))).toBeLessThan(1e-9);
    }
  });
});
