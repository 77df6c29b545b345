/**
 * Large-deviation local entropy in the limit y → ∞ (entropy/large-deviation*.ts, docs/local-entropy.md §4):
 * every new term's gradient against finite differences (envelope theorem + Price's theorem, including the
 * kink terms of the ln 2cosh envelope when Γ > 1 and the π̂ < 0 continuation), the far-end consistency
 * S_max → s_RS and q1 → q_RS as π̂ → 0, the dense region S_max/H₂ → 1 as d → 0 at α = 0.5, and S_max above
 * every Franz-Parisi curve (equilibrium and margin references) and below s_RS.
 */
import { describe, expect, it } from 'vitest';
import { panelNodes } from '../../src/math/node-rules.js';
import { binaryEntropy } from '../../src/math/special.js';
import { perceptronModel } from '../../src/replica/perceptron.js';
import { solvePoint } from '../../src/replica/study.js';
import { franzParisiCurve, franzParisiSpec } from '../../src/entropy/franz-parisi.js';
import { largeDeviationCurve, largeDeviationSpec, solveLargeDeviationAtConjugate } from '../../src/entropy/large-deviation.js';
import { largeDeviationBinaryPrior, largeDeviationChannel, largeDeviationFreePrior } from '../../src/entropy/large-deviation-terms.js';
import { marginCurve, maxReferenceMargin } from '../../src/entropy/margin.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);
const fine = { outer: panelNodes({ order: 16 }), inner: panelNodes({ order: 16 }) };

describe('y → ∞ terms: gradients = finite differences', () => {
  it('energetic term ψ_out(q1, p, Δ̃, Δp, Δ1): reference required to be a solution (κ̃ = 0, 0.3) and free', () => {
    for (const kappaRef of [0, 0.3, -Infinity]) {
      const ch = largeDeviationChannel({ kappa: 0, kappaRef, rules: fine });
      for (const o of [
        { q1: 0.8, p: 0.85, dt: 0.5, dp: 0.3, d1: 0.4 },
        { q1: 0.97, p: 0.98, dt: 0.2, dp: 0.05, d1: 0.03 },
      ]) {
        const t = ch.terms(o);
        const fd = (k: keyof typeof o) => central((x) => ch.terms({ ...o, [k]: x }).psi, o[k], 1e-5 * (k === 'q1' || k === 'p' ? 1 - o[k] : o[k]));
        expect(rel(t.dq1, fd('q1'))).toBeLessThan(1e-6);
        expect(rel(t.dd1, fd('d1'))).toBeLessThan(1e-6);
        if (Number.isFinite(kappaRef)) {
          expect(t.pinned).toBeGreaterThan(0);
          expect(rel(t.dp, fd('p'))).toBeLessThan(1e-6);
          expect(rel(t.ddt, fd('dt'))).toBeLessThan(1e-6);
          expect(rel(t.ddp, fd('dp'))).toBeLessThan(1e-6);
        } else expect(t.dp).toBe(0);
      }
    }
  });

  it('entropic term with the reference’s own field (Q̃, P̂0, q̂1, Γ, π̂), Γ < 1 and Γ > 1', () => {
    const pr = largeDeviationBinaryPrior({ rules: fine });
    for (const c of [
      { Qt: 1.2, Pt: 0.5, qhat1: 0.8, Gamma: 0.4, pihat: 1.3 },
      { Qt: 3.0, Pt: 1.2, qhat1: 2.5, Gamma: 1.7, pihat: 2.0 },
      { Qt: 3.0, Pt: 1.2, qhat1: 2.5, Gamma: 1.7, pihat: 0.3 },
    ]) {
      const t = pr.terms(c);
      const fd = (k: keyof typeof c) => central((x) => pr.terms({ ...c, [k]: x }).psi, c[k], 1e-5);
      expect(rel(t.dQt, fd('Qt'))).toBeLessThan(1e-6);
      expect(rel(t.dPt, fd('Pt'))).toBeLessThan(1e-6);
      expect(rel(t.dqhat1, fd('qhat1'))).toBeLessThan(1e-6);
      expect(rel(t.dGamma, fd('Gamma'))).toBeLessThan(1e-6);
      expect(rel(t.dPihat, fd('pihat'))).toBeLessThan(1e-6);
      expect(rel(t.d2Pihat, central((x) => pr.terms({ ...c, pihat: x }).dPihat, c.pihat, 1e-5))).toBeLessThan(1e-6);
    }
  });

  it('free-reference entropic term E M_L(|h| + π̂; Γ), including π̂ < 0 and Γ > 1 kinks; it is the Q̃, P̂0 → 0 limit of the general one', () => {
    const fp = largeDeviationFreePrior({ rules: fine });
    const pr = largeDeviationBinaryPrior({ rules: fine });
    for (const c of [
      { qhat1: 0.8, Gamma: 0.4, pihat: 1.3 },
      { qhat1: 2.5, Gamma: 1.7, pihat: -0.4 },
      { qhat1: 0.3, Gamma: 0.7, pihat: -0.2 },
      { qhat1: 2.5, Gamma: 1.7, pihat: 0.6 },
    ]) {
      const t = fp.terms(c);
      const fd = (k: keyof typeof c) => central((x) => fp.terms({ ...c, [k]: x }).psi, c[k], 1e-5);
      expect(rel(t.dqhat1, fd('qhat1'))).toBeLessThan(1e-6);
      expect(rel(t.dGamma, fd('Gamma'))).toBeLessThan(1e-6);
      expect(rel(t.dPihat, fd('pihat'))).toBeLessThan(1e-6);
      expect(rel(t.d2Pihat, central((x) => fp.terms({ ...c, pihat: x }).dPihat, c.pihat, 1e-5))).toBeLessThan(1e-6);
      if (c.pihat > 0) {
        const g = pr.terms({ Qt: 1e-14, Pt: 0, ...c });
        expect(Math.abs(g.psi - t.psi)).toBeLessThan(1e-9);
        expect(rel(2 * g.dQt, t.dt)).toBeLessThan(1e-6);
        expect(rel(g.dPt, t.dp)).toBeLessThan(1e-6);
      }
    }
  });
});

describe('S_max(d): consistency and the dense region', () => {
  it('far end: as π̂ → 0 the cloud decouples, S_max → s_RS and q1 → q_RS (error O(π̂²))', () => {
    for (const [alpha, kappa] of [
      [0.5, 0],
      [2, -1],
    ] as const) {
      const rs = solvePoint(perceptronModel({ prior: 'binary', setting: 'storage', kappa }), alpha);
      const spec = largeDeviationSpec({ alpha, kappa });
      const errs = [1e-2, 1e-3].map((pihat) => {
        const pt = solveLargeDeviationAtConjugate(spec, pihat, { qhat1: rs.qhat, Gamma: pihat });
        expect(pt.converged).toBe(true);
        expect(pt.localEntropy).toBeLessThan(rs.phi);
        return { dS: rs.phi - pt.localEntropy, dq: Math.abs(pt.order.q1! - rs.q) };
      });
      expect(errs[1]!.dS).toBeLessThan(1e-6);
      expect(errs[1]!.dS / errs[0]!.dS).toBeLessThan(0.02);
      expect(errs[1]!.dq).toBeLessThan(2e-3);
    }
  });

  it('α = 0.5: S_max(d)/H₂(d) → 1 as d → 0, S_max ≤ s_RS, and S_max is above the equilibrium and margin curves', () => {
    const alpha = 0.5;
    const ds = [1e-3, 3e-3, 0.01, 0.03, 0.1];
    const ld = largeDeviationCurve(largeDeviationSpec({ alpha, kappa: 0 }), ds);
    expect(ld.points.length).toBe(ds.length);
    const ratio = ld.points.map((p) => p.localEntropy / binaryEntropy(p.d));
    expect(ratio[0]!).toBeGreaterThan(1 - 1e-9);
    for (let i = 0; i < ratio.length; i++) expect(ratio[i]!).toBeLessThanOrEqual(1 + 1e-9);
    for (let i = 1; i < ratio.length; i++) expect(ratio[i]!).toBeLessThan(ratio[i - 1]!);
    const sRS = solvePoint(perceptronModel({ prior: 'binary', setting: 'storage', kappa: 0 }), alpha).phi;
    for (const p of ld.points) expect(p.localEntropy).toBeLessThan(sRS);
    const eq = franzParisiCurve(franzParisiSpec({ prior: 'binary', alpha, kappa: 0 }), ds).points;
    const { kappaMax } = maxReferenceMargin(alpha, 0);
    const margins = [0.2, kappaMax].map((kappaRef) => marginCurve({ prior: 'binary', alpha, kappa: 0, kappaRef, ds }).points);
    for (const curve of [eq, ...margins]) {
      expect(curve.length).toBe(ds.length);
      curve.forEach((p, i) => expect(ld.points[i]!.localEntropy).toBeGreaterThanOrEqual(p.localEntropy - 1e-10));
    }
  });
});
