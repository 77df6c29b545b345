/**
 * Local entropy of the tree committee machine, K → ∞ (entropy/committee.ts, docs/committee.md §6): the
 * kernel-mapped two-group channels (conjugates = finite differences; storage limit = the committee channel;
 * linear units = the perceptron exactly), the Franz-Parisi saddle point (stationarity, max S = s_RS of the
 * committee), the large-deviation far end (S_max → s_RS), and the dense regions of ReLU vs sign units.
 */
import { describe, expect, it } from 'vitest';
import { expectStationary, overlapStep } from '../helpers/stationarity.js';
import { binaryEntropy } from '../../src/math/special.js';
import { zeroOf } from '../../src/saddle/transitions.js';
import { committeeFranzParisiSpec, committeeLargeDeviationChannel, committeeLargeDeviationSpec, committeeMarginModel, committeeReferencedChannel, kernelMap } from '../../src/entropy/committee.js';
import { marginCurve, maxReferenceMargin } from '../../src/entropy/margin.js';
import { committeeEntropy } from '../../src/entropy/committee-accessibility.js';
import { franzParisiCurve, franzParisiEntropy, franzParisiSpec, solveFranzParisi, stateOf } from '../../src/entropy/franz-parisi.js';
import { largeDeviationCurve, largeDeviationSpec, solveLargeDeviation, solveLargeDeviationAtConjugate } from '../../src/entropy/large-deviation.js';
import { logGrid } from '../../src/entropy/transition.js';
import { kernelCommitteeChannel } from '../../src/replica/channels/committee-kernel.js';
import { committeeModel } from '../../src/replica/committee.js';
import { solvePoint } from '../../src/replica/study.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-3);

describe('kernel-mapped channel terms', () => {
  it('Franz-Parisi channel: ∂ψ/∂q1, ∂ψ/∂p, ∂ψ/∂p0 = finite differences (sign, relu, erf; equilibrium and margin references)', () => {
    for (const act of ['sign', 'relu', 'erf']) {
      const ch = committeeReferencedChannel(act);
      for (const [ref, o] of [
        [{ q: 0.3, kappa: 0 }, { q1: 0.6, p: 0.5, p0: 0.2 }],
        [{ q: 0.5, kappa: 0.4 }, { q1: 0.85, p: 0.7, p0: 0.4 }],
      ] as const) {
        const t = ch.terms(ref, o);
        const h = 1e-5;
        expect(rel(t.dq1, central((x) => ch.terms(ref, { ...o, q1: x }).psi, o.q1, h))).toBeLessThan(2e-6);
        expect(rel(t.dp, central((x) => ch.terms(ref, { ...o, p: x }).psi, o.p, h))).toBeLessThan(2e-6);
        expect(rel(t.dp0, central((x) => ch.terms(ref, { ...o, p0: x }).psi, o.p0, h))).toBeLessThan(2e-6);
      }
    }
  });

  it('with a decoupled reference (p = p0 = 0) it is the committee storage channel ψ_perc(Q(q1))', () => {
    for (const act of ['sign', 'relu', 'erf']) {
      const plain = kernelCommitteeChannel({ activation: act });
      const ch = committeeReferencedChannel(act);
      for (const q1 of [0.2, 0.7]) {
        const t = ch.terms({ q: 0.4, kappa: 0 }, { q1, p: 0, p0: 0 });
        const s = plain.terms(q1);
        expect(Math.abs(t.psi - s.psi)).toBeLessThan(1e-9);
        expect(rel(t.dq1, s.dq)).toBeLessThan(1e-7);
      }
    }
  });

  it('large-deviation channel (free reference): ∂ψ/∂q1 (with the Q″Δ1 term) and ∂ψ/∂Δ1 = finite differences', () => {
    for (const act of ['sign', 'relu']) {
      const ch = committeeLargeDeviationChannel(act);
      for (const o of [
        { q1: 0.6, p: 0, dt: 1, dp: 0, d1: 0.8 },
        { q1: 0.95, p: 0, dt: 1, dp: 0, d1: 3 },
      ]) {
        const t = ch.terms(o);
        expect(rel(t.dq1, central((x) => ch.terms({ ...o, q1: x }).psi, o.q1, 1e-5))).toBeLessThan(1e-5);
        expect(rel(t.dd1, central((x) => ch.terms({ ...o, d1: x }).psi, o.d1, 1e-5))).toBeLessThan(1e-5);
      }
    }
  });

  it('the kernel map: Q(0) = 0, Q(1) = 1⁻, Q′ = finite difference; sign is steeper than relu near m = 1', () => {
    for (const act of ['sign', 'relu', 'linear']) {
      const Q = kernelMap(act);
      expect(Q.Q(0)).toBe(0);
      expect(Q.Q(1 - 1e-12)).toBeGreaterThan(1 - 1e-5);
      expect(rel(Q.dQ(0.4), central(Q.Q, 0.4, 1e-6))).toBeLessThan(1e-7);
    }
    // 1 − Q ~ √(1 − m) for sign units (a flipped unit changes the output field by O(1/√K)), ~ (1 − m) for relu.
    expect(1 - kernelMap('sign').Q(0.99)).toBeGreaterThan(5 * (1 - kernelMap('relu').Q(0.99)));
  });
});

describe('linear units: the perceptron exactly', () => {
  it('Franz-Parisi S(d) (equilibrium and margin references) and the large-deviation S_max(d) equal the perceptron’s', () => {
    for (const kappaRef of [0, 0.3]) {
      const perc = franzParisiSpec({ prior: 'binary', alpha: 0.5, kappa: 0, kappaRef });
      const lin = committeeFranzParisiSpec({ activation: 'linear', alpha: 0.5, kappaRef });
      expect(Math.abs(lin.reference.q - perc.reference.q)).toBeLessThan(1e-12);
      for (const d of kappaRef === 0 ? [0.03] : [0.2]) {
        const a = solveFranzParisi(perc, d);
        const b = solveFranzParisi(lin, d, { guess: stateOf(a) });
        expect(a.converged && b.converged).toBe(true);
        expect(Math.abs(a.localEntropy - b.localEntropy)).toBeLessThan(1e-10);
      }
    }
    const pl = largeDeviationSpec({ alpha: 0.6, kappa: 0 });
    const cl = committeeLargeDeviationSpec({ activation: 'linear', alpha: 0.6 });
    for (const d of [2e-3, 1e-2]) expect(Math.abs(solveLargeDeviation(pl, d).localEntropy - solveLargeDeviation(cl, d).localEntropy)).toBeLessThan(1e-10);
  });
  it('on a coarse grid (0.01 → 0.02 → 0.05) the large-deviation curve stays on the branch: every point physical (q1 < 1) and equal to the perceptron’s', () => {
    // before the bridge, the jump 0.01 → 0.02 landed on a spurious fixed point with q1 = 1 + 1.5e-13, S = 2.1e6
    const grid = [0.005, 0.01, 0.02, 0.05, 0.1];
    const lin = largeDeviationCurve(committeeLargeDeviationSpec({ activation: 'linear', alpha: 0.6 }), grid);
    const perc = largeDeviationCurve(largeDeviationSpec({ alpha: 0.6, kappa: 0 }), logGrid(1e-3, 0.1, 40));
    expect(lin.points.map((p) => p.d)).toEqual(grid);
    for (const p of lin.points) {
      expect(p.order.q1!).toBeLessThan(1);
      const ratio = p.localEntropy / binaryEntropy(p.d);
      expect(ratio).toBeGreaterThan(0);
      expect(ratio).toBeLessThan(1);
    }
    // S_max/H₂ at d = 0.02: 0.8508 (docs/committee.md), against the perceptron's fine-grid curve by interpolation
    const i = perc.points.findIndex((p) => p.d > 0.02);
    const [a, b] = [perc.points[i - 1]!, perc.points[i]!];
    const interp = a.localEntropy + ((b.localEntropy - a.localEntropy) * (0.02 - a.d)) / (b.d - a.d);
    expect(Math.abs(lin.points[2]!.localEntropy - interp)).toBeLessThan(1e-3);
  });
  it('a fixed point with q1 ≥ 1 is never reported as converged', () => {
    const spec = committeeLargeDeviationSpec({ activation: 'linear', alpha: 0.6 });
    // the spurious fixed point the unbridged continuation used to reach (conjugates ~1e14)
    const pt = solveLargeDeviation(spec, 0.02, { guess: { qhat1: 1.03e14, Gamma: 5.78e14, pihat: -2.545e5 } });
    expect(pt.order.q1!).toBeGreaterThanOrEqual(1);
    expect(pt.residual).toBeLessThan(1e-8); // a fixed point of the map…
    expect(pt.converged).toBe(false); // …but not a solution
    expect(pt.reason).toMatch(/q1 = .* ≥ 1/);
  });
});

describe('high-margin references of the committee', () => {
  it('κ_max(α): linear units give the perceptron’s; for relu the committee’s RS entropy at margin κ_max vanishes', () => {
    const perc = maxReferenceMargin(0.7, 0).kappaMax;
    const lin = maxReferenceMargin(0.7, 0, { modelOf: (k) => committeeMarginModel('binary', 'linear', k) }).kappaMax;
    expect(Math.abs(lin - perc)).toBeLessThan(1e-8);
    const relu = maxReferenceMargin(0.7, 0, { modelOf: (k) => committeeMarginModel('binary', 'relu', k) }).kappaMax;
    expect(relu).toBeGreaterThan(0);
    expect(Math.abs(solvePoint(committeeMarginModel('binary', 'relu', relu), 0.7).phi)).toBeLessThan(1e-8);
    expect(solvePoint(committeeMarginModel('binary', 'relu', 0.9 * relu), 0.7).phi).toBeGreaterThan(0);
  });
});

describe('Franz-Parisi saddle point of the committee', () => {
  it('relu, α = 0.5: stationary in all five parameters, dS/dd = 2(p̂ − α∂ψ_out/∂p) = total derivative', () => {
    const spec = committeeFranzParisiSpec({ activation: 'relu', alpha: 0.5 });
    const pt = solveFranzParisi(spec, 0.05);
    expect(pt.converged).toBe(true);
    const st = stateOf(pt);
    const S = (o: Partial<typeof st>) => franzParisiEntropy(spec, pt.p, { ...st, ...o });
    expect(Math.abs(S({}) - pt.localEntropy)).toBeLessThan(1e-12);
    expectStationary(S, st, 1e-6, overlapStep);
    const h = 1e-5;
    const Sp = solveFranzParisi(spec, 0.05 + h, { guess: st }).localEntropy;
    const Sm = solveFranzParisi(spec, 0.05 - h, { guess: st }).localEntropy;
    expect(rel((Sp - Sm) / (2 * h), pt.slope)).toBeLessThan(1e-5);
  });

  it('max_d S(d) = s_RS of the committee (1e-6), at d* = (1 − q)/2, for sign and relu', () => {
    for (const act of ['sign', 'relu']) {
      const alpha = 0.6;
      const spec = committeeFranzParisiSpec({ activation: act, alpha });
      const rs = solvePoint(committeeModel({ prior: 'binary', k: 'inf', activation: act }), alpha, { tol: 1e-13 });
      const dStar = (1 - rs.q) / 2;
      const slope = (d: number) => solveFranzParisi(spec, d, { guess: { q1: 0.5, p0: 0.2 } }).slope;
      const top = zeroOf(slope, [dStar - 0.02, dStar + 0.02], { tol: 1e-8, criterion: 'dS/dd = 0' });
      expect(Math.abs(top.value - dStar)).toBeLessThan(1e-6);
      const pt = solveFranzParisi(spec, top.value, { guess: { q1: 0.5, p0: 0.2 } });
      expect(Math.abs(pt.localEntropy - rs.phi)).toBeLessThan(1e-6);
      expect(Math.abs(committeeEntropy(act, alpha) - rs.phi)).toBeLessThan(1e-9);
    }
  });
});

describe('densest regions (large deviations, y → ∞)', () => {
  it('far end: as π̂ → 0, S_max → s_RS of the committee (error O(π̂²))', () => {
    for (const act of ['sign', 'relu']) {
      const alpha = 0.6;
      const rs = solvePoint(committeeModel({ prior: 'binary', k: 'inf', activation: act }), alpha);
      const spec = committeeLargeDeviationSpec({ activation: act, alpha });
      const errs = [1e-2, 1e-3].map((pihat) => {
        const pt = solveLargeDeviationAtConjugate(spec, pihat, { qhat1: rs.qhat, Gamma: pihat });
        expect(pt.converged).toBe(true);
        expect(pt.localEntropy).toBeLessThan(rs.phi);
        return rs.phi - pt.localEntropy;
      });
      expect(errs[1]!).toBeLessThan(1e-6);
      expect(errs[1]! / errs[0]!).toBeLessThan(0.02);
    }
  });

  it('relu, α = 0.6: the densest regions bound the margin-reference and equilibrium curves from above', () => {
    // S_max from the dense end (no bridge), compared on its last two grid points (d ≈ 0.023, 0.05).
    const grid = logGrid(1e-3, 0.05, 6);
    const ds = grid.slice(4);
    const ld = largeDeviationCurve(committeeLargeDeviationSpec({ activation: 'relu', alpha: 0.6 }), grid).points.slice(4);
    const mc = marginCurve({ prior: 'binary', alpha: 0.6, kappa: 0, kappaRef: 0.2, ds, specOf: (k) => committeeFranzParisiSpec({ activation: 'relu', alpha: 0.6, kappaRef: k }) }).points;
    const eq = franzParisiCurve(committeeFranzParisiSpec({ activation: 'relu', alpha: 0.6 }), ds).points;
    expect(ld.length + mc.length + eq.length).toBe(6);
    for (let i = 0; i < ds.length; i++) {
      expect(ld[i]!.localEntropy).toBeGreaterThan(mc[i]!.localEntropy);
      expect(mc[i]!.localEntropy).toBeGreaterThan(eq[i]!.localEntropy);
    }
  });

  it('α = 0.6: dense regions for both (S/H₂ → 1 as d → 0), denser for relu than for sign units', () => {
    const grid = logGrid(1e-3, 0.1, 9);
    const ratio = (act: string) => {
      const c = largeDeviationCurve(committeeLargeDeviationSpec({ activation: act, alpha: 0.6 }), grid);
      expect(c.points.length).toBe(grid.length);
      return c.points.map((p) => p.localEntropy / binaryEntropy(p.d));
    };
    const sign = ratio('sign');
    const relu = ratio('relu');
    expect(sign[0]!).toBeGreaterThan(1 - 1e-6);
    expect(relu[0]!).toBeGreaterThan(1 - 1e-6);
    // From d ≈ 0.006 on, the relu regions hold strictly more solutions at every distance, by > 0.05·H₂(d)
    // beyond d ≈ 0.018 (0.95 vs 0.89 there, 0.84 vs 0.71 at d ≈ 0.03).
    for (let i = 3; i < grid.length; i++) expect(relu[i]!).toBeGreaterThan(sign[i]!);
    for (let i = 5; i < grid.length; i++) expect(relu[i]! - sign[i]!).toBeGreaterThan(0.05);
  });
});
