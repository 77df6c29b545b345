/**
 * The accessibility transition (entropy/transition.ts, entropy/accessibility.ts): the dip of dS/dd on the
 * dense branch, the root of the windowed criterion for the large-deviation construction at κ = 0 (in the
 * acceptance interval [0.74, 0.80], below α_KM = 0.8331), and the ordering of the constructions: the margin
 * reference's curve is already non-monotonic at α = 0.74 where the densest regions' curve is still
 * monotonic (α_LE^margin < 0.74 < α_LE^LD).
 */
import { describe, expect, it } from 'vitest';
import { accessibilityTransition, constructionModel } from '../../src/entropy/accessibility.js';
import { dipOf, logGrid, parabolaVertex } from '../../src/entropy/transition.js';
import type { LocalEntropyPoint } from '../../src/entropy/franz-parisi.js';

const fake = (pairs: [number, number][]): LocalEntropyPoint[] => pairs.map(([d, slope]) => ({ d, p: 1 - 2 * d, localEntropy: 0, slope, order: {}, conjugates: {}, converged: true, iterations: 0, residual: 0 }));

describe('dip of the slope', () => {
  it('finds the first interior minimum, or the first negative slope, and nothing on a monotone curve', () => {
    expect(dipOf(fake([[1e-3, 5], [2e-3, 3], [4e-3, 1], [8e-3, 2], [1.6e-2, 0.5]]))!.d).toBe(4e-3);
    expect(dipOf(fake([[1e-3, 5], [2e-3, -1], [4e-3, -2]]))!.d).toBe(2e-3);
    expect(dipOf(fake([[1e-3, 5], [2e-3, 3], [4e-3, 1]]))).toBeUndefined();
  });
  it('parabola vertex through three points', () => {
    const v = parabolaVertex([
      [0, 1],
      [1, 0],
      [3, 4],
    ])!;
    // y = x² − 2x + 1
    expect(v.x).toBeCloseTo(1, 14);
    expect(v.y).toBeCloseTo(0, 14);
  });
});

describe('accessibility transition, binary perceptron κ = 0', () => {
  it('large deviations: α_LE ∈ [0.74, 0.80], below α_KM, with the dip at small d', () => {
    const r = accessibilityTransition({ construction: 'large-deviation', kappa: 0, bracket: [0.72, 0.78], tol: 1e-3 });
    expect(r.converged).toBe(true);
    expect(r.alpha).toBeGreaterThan(0.74);
    expect(r.alpha).toBeLessThan(0.8);
    expect(r.alpha).toBeLessThan(r.alphaKM);
    expect(r.alphaKM).toBeCloseTo(0.8330786, 6);
    expect(r.dip.d).toBeGreaterThan(1e-3);
    expect(r.dip.d).toBeLessThan(0.05);
    expect(Math.abs(r.dip.slope)).toBeLessThan(0.05);
    expect(r.criterion).toMatch(/dS\/dd/);
  });

  it('the best-margin reference breaks up first: non-monotonic at α = 0.74 where the densest regions are not', () => {
    const grid = logGrid(1e-4, 0.3, 36);
    const slopeDip = (construction: 'margin' | 'large-deviation', alpha: number) => {
      const { model, margin } = constructionModel({ construction, alpha, kappa: 0 });
      const pts = model.initialCurve ? model.initialCurve(grid) : grid.reduce<LocalEntropyPoint[]>((acc, d) => [...acc, model.solve(d, acc[acc.length - 1])], []);
      return { dip: dipOf(pts), margin };
    };
    const m72 = slopeDip('margin', 0.72);
    const m74 = slopeDip('margin', 0.74);
    expect(m72.margin!.atBoundary).toBe(true);
    expect(m72.dip!.slope).toBeGreaterThan(0);
    expect(m74.dip!.slope).toBeLessThan(0);
    expect(m74.dip!.d).toBeLessThan(1e-2);
    const ld74 = slopeDip('large-deviation', 0.74);
    expect(ld74.dip!.slope).toBeGreaterThan(0);
  });
});
