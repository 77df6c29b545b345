/** Rows of the (α_D, γ) phase diagram (src/replica/random-features-diagram.ts). */
import { describe, expect, it } from 'vitest';
import { randomFeaturesDiagram } from '../../src/replica/random-features-diagram.js';

describe('random-features phase diagram rows', () => {
  it('the interpolation line and grid points classified by it: entropy > 0 above it; below it negative or no RS solution', () => {
    const rows = randomFeaturesDiagram({ alphaDs: [0.5, 1], gammas: [0.4, 0.8, 1.5], leAlphaDs: [] });
    const lines = rows.filter((r) => r.line === 'interpolation');
    expect(lines.map((r) => r.alpha_d)).toEqual([0.5, 1]);
    expect(Math.abs((lines[1]!.gamma as number) - 1.0618)).toBeLessThan(1e-3);
    const grid = rows.filter((r) => r.line === 'grid');
    expect(grid).toHaveLength(6);
    expect(grid.filter((r) => r.phase === 'unsat')).toHaveLength(3);
    for (const r of grid) {
      if (r.phase === 'unsat') expect(r.entropy === null || (r.entropy as number) < 0).toBe(true);
      else expect(r.converged && (r.entropy as number) > 0).toBe(true);
      expect(r.alpha).toBeCloseTo((r.alpha_d as number) / (r.gamma as number), 14);
    }
  });
});
