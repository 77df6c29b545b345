import { describe, expect, it } from 'vitest';
import { isotonic, randomFeaturesFamily, RF_DEFAULTS, successOnset } from '../../src/diagram/random-features-family.js';
import { chartSpec } from '../../src/plot/chart.js';

describe('random-features phase-diagram family', () => {
  it('interpolation rows: γ_interp(α_D) of the RS theory (docs/random-features.md), α = α_D/γ, increasing in α_D', () => {
    const tasks = randomFeaturesFamily.tasks({ kappas: [], leKappas: [], leTol: 1e-3, tsStep: 0.05, rf: { ...RF_DEFAULTS, alphaDs: [0.5, 1, 2], leAlphaDs: [] } });
    expect(tasks.map((t) => t.kind)).toEqual(['interpolation', 'interpolation', 'interpolation']);
    const rows = tasks.flatMap((t) => randomFeaturesFamily.compute(t));
    const g = rows.map((r) => r.gamma as number);
    // Published in docs/random-features.md: γ_interp = 0.5633, 1.0618, 1.9135 (sign features, κ = 0).
    expect(g[0]).toBeCloseTo(0.5633, 4);
    expect(g[1]).toBeCloseTo(1.0618, 4);
    expect(g[2]).toBeCloseTo(1.9135, 4);
    for (const r of rows) {
      expect(r).toMatchObject({ family: 'random-features', curve: 'rf-interpolation', converged: true });
      expect(r.alpha as number).toBeCloseTo((r.alpha_d as number) / (r.gamma as number), 12);
    }
    expect(g[0]! < g[1]! && g[1]! < g[2]!).toBe(true);
  });

  it('α_D → 0: the teacher looks random, α = α_D/γ_interp → α_KM = 0.8330786 (Krauth-Mézard)', () => {
    const rows = randomFeaturesFamily.compute({ family: 'random-features', kind: 'interpolation', activation: 'sign', alpha_d: 1e-3, cost: 0 });
    expect(rows[0]!.alpha as number).toBeCloseTo(0.8330786, 3);
  });

  it('isotonic fit: pools adjacent violators (weighted means), keeps monotone data', () => {
    expect(isotonic([0, 0.25, 0.5, 1])).toEqual([0, 0.25, 0.5, 1]);
    expect(isotonic([0.1, 0.6, 0.4, 1])).toEqual([0.1, 0.5, 0.5, 1]);
    expect(isotonic([0.6, 0.2], [1, 3])).toEqual([expect.closeTo(0.3, 15), expect.closeTo(0.3, 15)]);
  });

  it('success onset: linear crossing of ½, binomial error through the slope, null when there is no crossing', () => {
    const n = 16;
    const on = successOnset([
      { gamma: 1.3, rate: 1, n },
      { gamma: 1.0, rate: 0, n },
      { gamma: 1.1, rate: 0.25, n },
      { gamma: 1.2, rate: 0.75, n },
    ]);
    expect(on.gamma).toBeCloseTo(1.15, 12);
    expect(on.bracket).toEqual([1.1, 1.2]);
    const se = Math.sqrt((0.25 * 0.75) / n);
    expect(on.binomialError).toBeCloseTo((0.1 * Math.hypot(se, se)) / 0.5, 12);
    expect(on.error).toBeCloseTo(Math.max(on.binomialError!, 0.05), 12);
    // A dip in the raw rates is pooled before the crossing is located.
    expect(successOnset([{ gamma: 1, rate: 0.1, n }, { gamma: 2, rate: 0.6, n }, { gamma: 3, rate: 0.4, n }, { gamma: 4, rate: 1, n }]).gamma).toBeCloseTo(2, 12);
    expect(successOnset([{ gamma: 1, rate: 0, n }, { gamma: 2, rate: 0.25, n }]).gamma).toBeNull();
    expect(successOnset([{ gamma: 1, rate: 0.75, n }, { gamma: 2, rate: 1, n }]).gamma).toBeNull();
  });

  it('chart: both lines, the gap band from γ_interp to γ_LE, onsets as points with error bars, phase labels', () => {
    const rows = [
      ...[0.5, 1, 1.5, 2].map((a) => ({ family: 'random-features', curve: 'rf-interpolation', alpha_d: a, gamma: a })),
      ...[0.5, 2].map((a) => ({ family: 'random-features', curve: 'rf-local-entropy', alpha_d: a, gamma: 1.2 * a, gamma_interp: a })),
      { family: 'random-features', curve: 'rf-onset', algorithm: 'cpr', d: 50, samples: 12, alpha_d: 1, gamma: 1.3, gamma_error: 0.05 },
    ];
    const c = randomFeaturesFamily.chart(rows);
    expect(c.x).toBe('alpha_d');
    expect(c.y).toBe('gamma');
    const band = c.series.find((s) => s.mark === 'area')!;
    // Lower edge on the interpolation line at every α_D in [0.5, 2]; upper edge γ_LE interpolated linearly.
    expect(band.rows.map((r) => [r.alpha_d, r.gamma, r.gamma_le])).toEqual([[0.5, 0.5, 0.6], [1, 1, 1.2], [1.5, 1.5, 1.8], [2, 2, 2.4]].map(([a, b, u]) => [a, b, expect.closeTo(u!, 12)]));
    const pts = c.series.find((s) => s.mark === 'point')!;
    expect(pts.name).toContain('cpr');
    expect(pts.error).toBe('gamma_error');
    expect(c.labels!.map((l) => l.text).join(' ')).toMatch(/UNSAT.*dense/);
    const spec = JSON.stringify(chartSpec(c));
    expect(spec).toContain('"type":"area"');
    expect(spec).toContain('α_D = P/D');
    expect(spec).toContain('γ = N/D');
  });

  it('onset scan (seeded, cpr, D = 24, 8 instances per γ): the ½ crossing lies between γ_interp·0.9 and 1.3·γ_LE(α_D = 1) = 1.52', () => {
    const rows = randomFeaturesFamily.compute({ family: 'random-features', kind: 'onset', activation: 'sign', algorithm: 'cpr', alpha_d: 1, d: 24, samples: 8, step: 0.1, seed: 7, cost: 0 });
    const scan = rows.filter((r) => r.curve === 'rf-success');
    const onset = rows.find((r) => r.curve === 'rf-onset')!;
    const gI = onset.gamma_interp as number;
    expect(gI).toBeCloseTo(1.0618, 4);
    // The scan: γ = γ_interp(1 + 0.1k) from k = −1, N = round(γD) features, P = α_D·D = 24 examples, until two rates ≥ ¾.
    expect(scan[0]!.gamma as number).toBeCloseTo(0.9 * gI, 5);
    for (const r of scan) expect(r).toMatchObject({ d: 24, p: 24, n: Math.round((r.gamma as number) * 24), samples: 8 });
    expect(scan.filter((r) => (r.success_rate as number) >= 0.75).length).toBe(2);
    const g = onset.gamma as number;
    expect(g).toBeGreaterThanOrEqual(onset.gamma_lo as number);
    expect(g).toBeLessThanOrEqual(onset.gamma_hi as number);
    expect(onset.gamma_error as number).toBeGreaterThanOrEqual(0.05 * gI - 1e-9); // at least half the grid step
    // Physics (REFERENCE.md §5): no solutions below γ_interp for large D, algorithms succeed once dense regions exist (γ_LE = 1.1719).
    expect(g).toBeGreaterThan(0.9 * gI);
    expect(g).toBeLessThan(1.3 * 1.1719);
  });
});
