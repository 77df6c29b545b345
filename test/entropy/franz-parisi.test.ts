/**
 * Franz-Parisi local entropy with an equilibrium or margin reference (entropy/franz-parisi.ts,
 * docs/local-entropy.md §2): stationarity of the free entropy at a solved point, the slope identity
 * dS/dd = 2(p̂ − α∂ψ_out/∂p), the consistency S(d*) = s_RS at d* = (1 − q)/2 where S is maximal, S ≤ s_RS,
 * the α → 0 limits H₂(d) and ½ln(1 − p²), isolation of typical binary solutions (Huang-Kabashima 2014),
 * local fullness around typical spherical solutions, and stability under quadrature refinement.
 */
import { describe, expect, it } from 'vitest';
import { expectStationary, overlapStep } from '../helpers/stationarity.js';
import { panelNodes } from '../../src/math/node-rules.js';
import { binaryEntropy } from '../../src/math/special.js';
import { zeroOf } from '../../src/saddle/transitions.js';
import { franzParisiCurve, franzParisiEntropy, franzParisiSpec, freeLocalEntropy, solveFranzParisi, stateOf } from '../../src/entropy/franz-parisi.js';
import { logGrid } from '../../src/entropy/transition.js';


describe('Franz-Parisi saddle point', () => {
  const spec = franzParisiSpec({ prior: 'binary', alpha: 0.5, kappa: 0 });
  const s = spec.reference.entropy;
  const q = spec.reference.q;
  const dStar = (1 - q) / 2;

  it('the free entropy is stationary in all five parameters at a solved point, and dS/dd = 2(p̂ − α∂ψ_out/∂p)', () => {
    for (const d of [0.02, 0.15]) {
      const pt = solveFranzParisi(spec, d, {});
      expect(pt.converged).toBe(true);
      const st = stateOf(pt);
      const S = (o: Partial<typeof st>) => franzParisiEntropy(spec, pt.p, { ...st, ...o });
      expect(Math.abs(S({}) - pt.localEntropy)).toBeLessThan(1e-12);
      expectStationary(S, st, 1e-6, overlapStep);
      // total derivative along the curve: S(d ± h) with each point re-solved
      const h = 1e-5;
      const Sp = solveFranzParisi(spec, d + h, { guess: st }).localEntropy;
      const Sm = solveFranzParisi(spec, d - h, { guess: st }).localEntropy;
      expect(Math.abs((Sp - Sm) / (2 * h) - pt.slope) / Math.abs(pt.slope)).toBeLessThan(1e-5);
    }
  });

  it('maximum of S(d) at d* = (1 − q)/2 with S(d*) = s_RS (1e-6), found from a generic start', () => {
    expect(solveFranzParisi(spec, 0.3, { guess: { q1: 0.5, p0: 0.2 } }).converged).toBe(true);
    // The slope vanishes at d*: locate it by Brent on dS/dd, every point solved from a generic guess.
    const slope = (d: number) => solveFranzParisi(spec, d, { guess: { q1: 0.5, p0: 0.2 } }).slope;
    const top = zeroOf(slope, [0.3, 0.37], { tol: 1e-9, criterion: 'dS/dd = 0' });
    expect(Math.abs(top.value - dStar)).toBeLessThan(1e-6);
    const pt = solveFranzParisi(spec, top.value, { guess: { q1: 0.5, p0: 0.2 } });
    expect(Math.abs(pt.localEntropy - s)).toBeLessThan(1e-6);
    expect(Math.abs(pt.order.q1! - q)).toBeLessThan(1e-5);
    expect(Math.abs(pt.order.p0! - q)).toBeLessThan(1e-5);
    // At d* itself (closed form) the slope identity p̂ = α∂ψ_out/∂p holds.
    const exact = solveFranzParisi(spec, dStar, {});
    expect(Math.abs(exact.localEntropy - s)).toBeLessThan(1e-12);
    expect(Math.abs(exact.slope)).toBeLessThan(1e-8);
  });

  it('S(d) ≤ s_RS everywhere, and typical solutions are isolated: S < 0 on an interval (0, d0)', () => {
    const c = franzParisiCurve(spec, logGrid(1.2e-3, 0.45, 24));
    expect(c.points.length).toBe(24);
    for (const p of c.points) expect(p.localEntropy).toBeLessThanOrEqual(s + 1e-9);
    const small = c.points.filter((p) => p.d < 5e-3);
    expect(small.length).toBeGreaterThan(3);
    for (const p of small) expect(p.localEntropy).toBeLessThan(0);
    const i0 = c.points.findIndex((p) => p.localEntropy > 0);
    const d0 = c.points[i0]!.d;
    expect(d0).toBeGreaterThan(5e-3);
    expect(d0).toBeLessThan(1e-2);
  });

  it('α → 0: S(d) → H₂(d) (binary) and ½ ln(1 − p²) (spherical)', () => {
    for (const prior of ['binary', 'spherical'] as const) {
      const zero = franzParisiSpec({ prior, alpha: 0, kappa: 0 });
      const small = franzParisiSpec({ prior, alpha: 1e-3, kappa: 0 });
      for (const d of [0.01, 0.1, 0.3]) {
        const exact = freeLocalEntropy(prior, d);
        expect(Math.abs(solveFranzParisi(zero, d).localEntropy - exact)).toBeLessThan(1e-10);
        const e = Math.abs(solveFranzParisi(small, d).localEntropy - exact);
        expect(e).toBeLessThan(3e-3);
        expect(e).toBeGreaterThan(0);
      }
    }
    expect(freeLocalEntropy('binary', 0.1)).toBeCloseTo(binaryEntropy(0.1), 15);
  });

  it('refining the quadrature (order 8 → 16) moves S by < 1e-9 at small d', () => {
    const fine = franzParisiSpec({ prior: 'binary', alpha: 0.5, kappa: 0, rules: { outer: panelNodes({ order: 16 }), inner: panelNodes({ order: 16 }) } });
    const a = solveFranzParisi(spec, 0.004, {});
    const b = solveFranzParisi(fine, 0.004, { guess: stateOf(a) });
    expect(a.converged && b.converged).toBe(true);
    expect(Math.abs(a.localEntropy - b.localEntropy)).toBeLessThan(1e-9);
  });
});

describe('spherical perceptron, equilibrium reference: not isolated', () => {
  it('α = 1: solutions at every distance, S increasing up to d*, the log-fraction of the slice S − ½ln(1 − p²) → 0⁻ as d → 0', () => {
    const spec = franzParisiSpec({ prior: 'spherical', alpha: 1, kappa: 0 });
    const dStar = (1 - spec.reference.q) / 2;
    const c = franzParisiCurve(spec, logGrid(1e-4, dStar * 0.99, 20));
    expect(c.points.length).toBe(20);
    const frac = c.points.map((p) => p.localEntropy - freeLocalEntropy('spherical', p.d));
    for (let i = 1; i < c.points.length; i++) {
      expect(c.points[i]!.localEntropy).toBeGreaterThan(c.points[i - 1]!.localEntropy);
      expect(frac[i]!).toBeLessThan(frac[i - 1]!);
    }
    expect(frac[0]!).toBeLessThan(0);
    expect(frac[0]!).toBeGreaterThan(-0.02);
  });
});
