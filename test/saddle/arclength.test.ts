/**
 * Pseudo-arclength continuation (saddle/arclength.ts) through a fold that stops natural-parameter
 * continuation: x³ − x − λ = 0 has folds at λ = ∓2/(3√3); following the S-shaped branch from x = −1.5
 * must pass both folds (λ decreasing between them) and stay on the curve.
 */
import { describe, expect, it } from 'vitest';
import { arclength, tangentOf } from '../../src/saddle/arclength.js';

describe('arclength continuation', () => {
  it('the tangent is the null vector of the Jacobian, oriented', () => {
    const t = tangentOf([[1, 2]], [1, 0]);
    expect(t[0]! + 2 * t[1]!).toBeCloseTo(0, 14);
    expect(Math.hypot(t[0]!, t[1]!)).toBeCloseTo(1, 14);
    expect(t[0]!).toBeGreaterThan(0);
  });

  it('passes the two folds of x³ − x = λ', () => {
    const F = (X: Float64Array) => [X[0]! ** 3 - X[0]! - X[1]!];
    const x0 = -1.5;
    const r = arclength(F, [x0, x0 ** 3 - x0], { direction: [1, 0], step: 0.05, maxStep: 0.1, maxSteps: 400, stop: (X) => X[0]! > 1.5 });
    expect(r.reason).toBe('stop condition');
    for (const X of r.points) expect(Math.abs(X[0]! ** 3 - X[0]! - X[1]!)).toBeLessThan(1e-9);
    // λ first increases to the fold at x = −1/√3, decreases to the fold at +1/√3, then increases.
    const lam = r.points.map((X) => X[1]!);
    const iMax = lam.indexOf(Math.max(...lam.filter((_, i) => r.points[i]![0]! < 0)));
    expect(r.points[iMax]![0]!).toBeCloseTo(-1 / Math.sqrt(3), 1);
    expect(lam[iMax]!).toBeCloseTo(2 / (3 * Math.sqrt(3)), 3);
  });
});
