/** Spherical perceptron, storage, RS (REFERENCE.md §1; Gardner 1988). */
import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/math/kronrod.js';
import { G, GoverH, logH } from '../../src/math/special.js';
import { gardnerCapacity } from '../../src/replica/channels/perceptron.js';
import { solveRS } from '../../src/replica/glm.js';
import { perceptronModel } from '../../src/replica/perceptron.js';
import { branchEndQ1, solvePoint, sphericalStorageCapacity, sweep } from '../../src/replica/study.js';
import { approachBoundary, grid } from '../../src/saddle/index.js';

const model = (kappa: number) => perceptronModel({ prior: 'spherical', setting: 'storage', kappa });

/** ∫Dz f(z) through the infinite-range Kronrod path (tail maps), independent of the solver's rule. */
const gaussMean = (f: (z: number) => number, breakpoints: number[]) => integrate((z) => G(z) * f(z), -Infinity, Infinity, { breakpoints, epsRel: 1e-13, epsAbs: 1e-15 }).value;

describe('Gardner capacity', () => {
  it('closed form: α_c(0) = 2, α_c(1) = 0.519572 [REFERENCE §1]', () => {
    expect(gardnerCapacity(0)).toBeCloseTo(2, 14);
    expect(Math.abs(gardnerCapacity(1) - 0.519572)).toBeLessThan(1e-6);
  });

  it('the q → 1 end of the RS branch agrees with the closed form at κ ∈ {−0.5, 0, 0.5, 1, 2}', () => {
    for (const kappa of [-0.5, 0, 0.5, 1, 2]) {
      const c = sphericalStorageCapacity(model(kappa));
      expect(c.branch.converged).toBe(true);
      // acceptance: 1e-4; the extrapolation in √(1 − q) reaches ~1e-8
      expect(Math.abs(c.branch.alpha - c.closedForm)).toBeLessThan(1e-6);
      expect(c.branch.errorEstimate).toBeLessThan(1e-6);
    }
  });

  it('continuation in α towards q → 1 (the generic boundary approach) reaches the same capacity', () => {
    for (const kappa of [0, 1]) {
      const spec = model(kappa);
      const a0 = 0.6 * gardnerCapacity(kappa);
      const start = solveRS(spec, a0);
      const r = approachBoundary({
        solve: (a, g: typeof start) => {
          const p = solveRS(spec, a, { guess: { q: g.q } });
          return { converged: p.converged, value: p };
        },
        distance: (s) => Math.sqrt(1 - s.q),
        start: { param: a0, state: start },
        step: 0.05 * a0,
        minDistance: 1e-3,
      });
      expect(r.converged).toBe(true);
      expect(Math.abs(r.value - gardnerCapacity(kappa))).toBeLessThan(1e-4);
    }
  });
});

describe('RS saddle point along a sweep at κ = 0', () => {
  const spec = model(0);
  const branch = sweep(spec, grid(0.05, 1.95, 0.1));

  it('covers the whole range below α_c = 2 with converged points', () => {
    expect(branch.ended).toBeUndefined();
    expect(branch.points.length).toBe(20);
    expect(branch.points.every((p) => p.report.converged)).toBe(true);
  });

  it('every row satisfies q/(1−q) = α ∫Dz [G(u)/H(u)]² to 1e-9 (relative), by an independent quadrature', () => {
    for (const { value: p } of branch.points) {
      const u = (z: number) => (0 - Math.sqrt(p.q) * z) / Math.sqrt(1 - p.q);
      const rhs = p.alpha * gaussMean((z) => GoverH(u(z)) ** 2, [0]);
      const lhs = p.q / (1 - p.q);
      expect(Math.abs(lhs - rhs) / lhs).toBeLessThan(1e-9);
    }
  });

  it('the free entropy is ½ ln(1−q) + q/(2(1−q)) + α ∫Dz ln H(u) [REFERENCE §1]', () => {
    for (const { value: p } of branch.points) {
      const u = (z: number) => (0 - Math.sqrt(p.q) * z) / Math.sqrt(1 - p.q);
      const phi = 0.5 * Math.log(1 - p.q) + p.q / (2 * (1 - p.q)) + p.alpha * gaussMean((z) => logH(u(z)), [0]);
      expect(Math.abs(p.phi - phi)).toBeLessThan(1e-10 * Math.max(1, Math.abs(phi)));
    }
  });

  it('q grows with α, φ decreases, and φ → α ln H(κ) = −α ln 2 as α → 0', () => {
    const pts = branch.points.map((p) => p.value);
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]!.q).toBeGreaterThan(pts[i - 1]!.q);
      expect(pts[i]!.phi).toBeLessThan(pts[i - 1]!.phi);
    }
    const small = solvePoint(spec, 1e-4);
    expect(Math.abs(small.phi + 1e-4 * Math.LN2) / (1e-4 * Math.LN2)).toBeLessThan(1e-3);
  });

  it('the branch ends at α_c: a sweep past it stops and says so', () => {
    const past = sweep(spec, grid(1.8, 2.4, 0.1));
    expect(past.ended).toBeDefined();
    expect(past.ended!.lastConverged!).toBeLessThanOrEqual(2 + 1e-12);
    expect(past.points.every((p) => p.param <= 2 + 1e-12)).toBe(true);
  });

  it('a point beyond capacity is reported as not converged, with the reason', () => {
    const p = solveRS(spec, 3);
    expect(p.converged).toBe(false);
    expect(p.reason).toMatch(/q = 1|residual/);
  });
});

describe('replica-symmetry stability (replicon) of the spherical perceptron', () => {
  it('RS is stable for κ ≥ 0 up to capacity (a convex problem)', () => {
    for (const kappa of [0, 1]) {
      for (const f of [0.3, 0.9, 0.99]) expect(solvePoint(model(kappa), f * gardnerCapacity(kappa)).replicon).toBeGreaterThan(0);
    }
  });
  it('RS is unstable near the RS capacity for κ < 0 (Franz-Parisi 2016)', () => {
    const kappa = -0.5;
    expect(solvePoint(model(kappa), 0.2 * gardnerCapacity(kappa)).replicon).toBeGreaterThan(0);
    expect(solvePoint(model(kappa), 0.98 * gardnerCapacity(kappa)).replicon).toBeLessThan(0);
  });
  it('binary storage RS end (q → 1) is (2/π) α_c^spherical(κ) [REFERENCE §1]', () => {
    for (const kappa of [0, 0.5]) {
      const end = branchEndQ1(perceptronModel({ prior: 'binary', setting: 'storage', kappa }));
      expect(Math.abs(end.alpha - (2 / Math.PI) * gardnerCapacity(kappa))).toBeLessThan(1e-6);
    }
  });
});
