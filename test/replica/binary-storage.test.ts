/** Binary perceptron, storage, RS (REFERENCE.md §1; Gardner-Derrida 1988, Krauth-Mézard 1989). */
import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/math/kronrod.js';
import { brent } from '../../src/math/roots.js';
import { G, GoverH, H } from '../../src/math/special.js';
import { gardnerCapacity } from '../../src/replica/channels/perceptron.js';
import { pointAtOverlap } from '../../src/replica/glm.js';
import { perceptronModel } from '../../src/replica/perceptron.js';
import { storageCapacity } from '../../src/replica/capacity.js';
import { solvePoint, sweep } from '../../src/replica/study.js';
import { repliconZero } from '../../src/replica/transitions.js';
import { grid } from '../../src/saddle/index.js';

const model = (kappa = 0) => perceptronModel({ prior: 'binary', setting: 'storage', kappa });
const gaussMean = (f: (z: number) => number, breakpoints: number[] = [0]) =>
  integrate((z) => G(z) * f(z), -Infinity, Infinity, { breakpoints, epsRel: 1e-13, epsAbs: 1e-15 }).value;

describe('binary perceptron storage, κ = 0', () => {
  it('regression point α = 0.5: s = 0.314390, q = 0.322385, q̂ = 0.668035 [REFERENCE §1]', () => {
    const p = solvePoint(model(), 0.5);
    expect(p.converged).toBe(true);
    expect(Math.abs(p.phi - 0.31439)).toBeLessThan(1e-6);
    expect(Math.abs(p.q - 0.322385)).toBeLessThan(1e-6);
    expect(Math.abs(p.qhat - 0.668035)).toBeLessThan(1e-6);
  });

  it('along a sweep, every row satisfies q = ∫Dz tanh²(√q̂ z) and q̂ = α/(1−q) ∫Dz [G/H]² (independent quadrature)', () => {
    const b = sweep(model(), grid(0.05, 1.2, 0.05));
    expect(b.points).toHaveLength(24);
    for (const { value: p } of b.points) {
      const s = Math.sqrt(p.qhat);
      const q = gaussMean((z) => Math.tanh(s * z) ** 2);
      const qhat = (p.alpha / (1 - p.q)) * gaussMean((z) => GoverH((-Math.sqrt(p.q) * z) / Math.sqrt(1 - p.q)) ** 2);
      expect(Math.abs(q - p.q)).toBeLessThan(1e-10);
      expect(Math.abs(qhat - p.qhat) / p.qhat).toBeLessThan(1e-9);
    }
  });

  it('α → 0: s → ln 2 + α ln H(κ) (every configuration is a solution; each pattern removes a fraction)', () => {
    for (const kappa of [0, 0.5]) {
      const a = 1e-4;
      expect(Math.abs(solvePoint(model(kappa), a).phi - (Math.LN2 + a * Math.log(H(kappa))))).toBeLessThan(1e-7);
    }
  });

  it('α_KM = 0.8330786 (zero of the RS entropy, Krauth-Mézard) to 1e-6, and by the branch in its overlap to 1e-9', () => {
    const c = storageCapacity(model());
    expect(c.converged).toBe(true);
    expect(Math.abs(c.alpha_c - 0.8330786)).toBeLessThan(1e-6);
    // Independent route: the zero of φ along the branch parametrized by q, then α(q).
    const spec = model();
    const qStar = brent((q) => pointAtOverlap(spec, q).phi, 0.3, 0.9, { xtol: 1e-13 }).root;
    expect(Math.abs(pointAtOverlap(spec, qStar).alpha - c.alpha_c)).toBeLessThan(1e-9);
    // RS is locally stable there (the AT line lies beyond).
    expect(c.point!.replicon).toBeGreaterThan(0);
  });

  it('the RS saddle point stops existing (q → 1) at (2/π)·α_c^spherical(κ): 4/π at κ = 0 [REFERENCE §1]', () => {
    expect(Math.abs(storageCapacity(model()).rsEnd.alpha - 4 / Math.PI)).toBeLessThan(1e-3);
    for (const kappa of [-0.5, 0.5, 1]) {
      expect(Math.abs(storageCapacity(model(kappa)).rsEnd.alpha - (2 / Math.PI) * gardnerCapacity(kappa))).toBeLessThan(1e-6);
    }
  });

  it('the capacity decreases with κ and α_KM < RS end < spherical capacity', () => {
    let prev = Infinity;
    for (const kappa of [-0.5, 0, 0.5, 1]) {
      const c = storageCapacity(model(kappa));
      expect(c.alpha_c).toBeLessThan(prev);
      expect(c.alpha_c).toBeLessThan(c.rsEnd.alpha);
      expect(c.rsEnd.alpha).toBeLessThan(gardnerCapacity(kappa));
      prev = c.alpha_c;
    }
  });

  it('the de Almeida-Thouless line of the RS solution lies at α_AT ≈ 1.015 > α_KM (Gardner-Derrida 1988)', () => {
    const at = repliconZero(model(), { lo: 0.3 });
    expect(at.converged).toBe(true);
    expect(Math.abs(at.value - 1.015)).toBeLessThan(1e-3);
  });
});
