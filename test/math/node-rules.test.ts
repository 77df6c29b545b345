/**
 * Node rules (math/node-rules.ts): Gauss-Legendre exactness, Gaussian moments of the composite rule, a
 * layer much narrower than the bulk panels resolved by the refinement hints, and convergence under
 * refinement (order → 2·order).
 */
import { describe, expect, it } from 'vitest';
import { autoNodes, gaussLegendre, hermiteNodes, panelNodes } from '../../src/math/node-rules.js';
import { H } from '../../src/math/special.js';

describe('Gauss-Legendre', () => {
  it('integrates polynomials of degree 2n − 1 exactly on [−1, 1]', () => {
    for (const n of [4, 8, 13]) {
      const { x, w } = gaussLegendre(n);
      for (let k = 0; k <= 2 * n - 1; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += w[i]! * x[i]! ** k;
        expect(s).toBeCloseTo(k % 2 ? 0 : 2 / (k + 1), 13);
      }
    }
  });
});

describe('panel rule', () => {
  it('reproduces the Gaussian moments E z^{2k} = (2k − 1)!!, k ≤ 3', () => {
    const r = panelNodes({ order: 8 });
    let df = 1;
    for (let k = 0; k <= 3; k++) {
      if (k > 0) df *= 2 * k - 1;
      expect(Math.abs(r.mean((z) => z ** (2 * k)) - df) / df).toBeLessThan(1e-10);
    }
  });

  it('resolves a step of width 1e-6 only when told where it is: E[tanh((z − z0)/w)] = 2H(z0) − 1 as w → 0', () => {
    const z0 = 0.3;
    const w = 1e-6;
    const exact = 2 * H(z0) - 1;
    const f = (z: number) => Math.tanh((z - z0) / w);
    const blind = panelNodes({ order: 8 }).mean(f);
    const told = panelNodes({ order: 8 }).mean(f, { breakpoints: [z0], widths: [w] });
    expect(Math.abs(told - exact)).toBeLessThan(1e-10);
    expect(Math.abs(blind - exact)).toBeGreaterThan(1e-6);
  });

  it('converges under refinement on a sharp layer (order 6 → 12)', () => {
    // softplus((0.5 − z)/1e-3), written without overflow
    const f = (z: number) => {
      const u = -(z - 0.5) / 1e-3;
      return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    };
    const hints = { breakpoints: [0.5], widths: [1e-3] };
    const a = panelNodes({ order: 6 }).mean(f, hints);
    const b = panelNodes({ order: 12 }).mean(f, hints);
    const c = panelNodes({ order: 24 }).mean(f, hints);
    expect(Math.abs(b - c)).toBeLessThan(Math.abs(a - c));
    expect(Math.abs(b - c)).toBeLessThan(1e-12);
  });

  it('the auto rule uses Gauss-Hermite only when every layer is wide', () => {
    const r = autoNodes({ hermite: 20, minWidth: 0.8 });
    expect(r.nodes({ breakpoints: [0], widths: [2] }).z.length).toBe(hermiteNodes(20).nodes().z.length);
    expect(r.nodes({ breakpoints: [0], widths: [0.1] }).z.length).toBeGreaterThan(100);
  });
});
