/** Rows of the (α_D, γ) phase diagram (src/replica/random-features-diagram.ts). */
import { describe, expect, it } from 'vitest';
import { randomFeaturesDiagram } from '../../src/replica/random-features-diagram.js';

describe('random-features phase diagram rows', () => {
  it('the interpolation line and grid points classified by it: entropy < 0 exactly in the unsat phase', () => {
    const rows = randomFeaturesDiagram({ alphaDs: [0.5, 1], gammas: [0.4, 0.8, 1.5], leAlphaDs: [] });
    const lines = rows.filter((r) => r.line === 'interpolation');
    expect(lines.map((r) => r.alpha_d)).toEqual([0.5, 1]);
    expect(Math.abs((lines[1]!.gamma as number) - 1.0618)).toBeLessThan(1e-3);
    const grid = rows.filter((r) => r.line === 'grid');
    expect(grid).toHaveLength(6);
    for (const r of grid) {
      expect(r.converged).toBe(true);
      expect(r.phase === 'unsat').toBe((r.entropy as number) < 0);
      expect(r.alpha).toBeCloseTo((r.alpha_d as number) / (r.gamma as number), 14);
    }
  });
});
