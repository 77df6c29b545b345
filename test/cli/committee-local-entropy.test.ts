/**
 * gardner local-entropy / transition --kind local-entropy with --model committee --k inf (docs/committee.md
 * §5): committee rows (model, k, activation), the reference's entropy = the committee's RS entropy, dense
 * regions at small d, the linear-unit α_LE = the perceptron's, and exit 2 for what is not implemented.
 */
import { describe, expect, it } from 'vitest';
import { committeeModel } from '../../src/replica/committee.js';
import { solvePoint } from '../../src/replica/study.js';
import { runCli } from '../helpers/cli.js';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];

describe('gardner local-entropy --model committee', () => {
  it('equilibrium reference (relu): committee rows, the reference entropy is the committee’s s_RS, S < s_RS', async () => {
    const r = await runCli(['local-entropy', '--model', 'committee', '--k', 'inf', '--activation', 'relu', '--alpha', '0.6', '--d', '0.02:0.04:0.02', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout);
    expect(rows).toHaveLength(2);
    const rs = solvePoint(committeeModel({ prior: 'binary', k: 'inf', activation: 'relu' }), 0.6).phi;
    for (const row of rows) {
      expect(row).toMatchObject({ model: 'committee', architecture: 'tree', k: 'inf', activation: 'relu', prior: 'binary', reference: 'equilibrium', converged: true });
      expect(Math.abs((row.reference_entropy as number) - rs)).toBeLessThan(1e-9);
      expect(row.local_entropy as number).toBeLessThan(rs);
      for (const k of ['dS_dd', 'q1', 'p0', 'phat', 'quadrature', 'command']) expect(row).toHaveProperty(k);
    }
  });

  it('margin reference with --kappa-ref (relu): around a high-margin reference S(d) is above the equilibrium curve at small d', async () => {
    const common = ['local-entropy', '--model', 'committee', '--k', 'inf', '--activation', 'relu', '--alpha', '0.6', '--d', '0.03', '--format', 'json'];
    const m = await runCli([...common, '--reference', 'margin', '--kappa-ref', '0.1']);
    const e = await runCli(common);
    expect(m.code).toBe(0);
    const [mr] = json(m.stdout);
    const [er] = json(e.stdout);
    expect(mr).toMatchObject({ model: 'committee', activation: 'relu', reference: 'margin', kappa_ref: 0.1, converged: true });
    expect(mr!.local_entropy as number).toBeGreaterThan((er!.local_entropy as number) + 0.01);
    expect(mr!.reference_entropy as number).toBeLessThan(er!.reference_entropy as number);
  });

  it('large deviations (sign): S/H₂ = 1 at d = 1e-3', async () => {
    const r = await runCli(['local-entropy', '--model', 'committee', '--k', 'inf', '--activation', 'sign', '--alpha', '0.6', '--reference', 'large-deviation', '--d-log', '1e-3:5e-3:2', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout);
    expect(rows[0]).toMatchObject({ model: 'committee', activation: 'sign', ansatz: 'RS, y → ∞' });
    expect(rows[0]!.density_ratio as number).toBeGreaterThan(1 - 1e-8);
  });

  it('exit 2 naming the option: finite K, spherical weights, κ ≠ 0, d ≥ 1/2, committee options without --model committee', async () => {
    const cases: [string[], RegExp][] = [
      [['--k', '3'], /--k: '3'.*K → ∞ only/],
      [['--k', 'inf', '--prior', 'spherical'], /--prior: 'spherical'/],
      [['--k', 'inf', '--kappa', '0.2'], /--kappa: 0.2/],
      [['--k', 'inf', '--activation', 'softplus'], /--activation: 'softplus'/],
    ];
    for (const [extra, re] of cases) {
      const r = await runCli(['local-entropy', '--model', 'committee', '--alpha', '0.5', '--d', '0.1', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(re);
    }
    const far = await runCli(['local-entropy', '--model', 'committee', '--k', 'inf', '--alpha', '0.5', '--d', '0.6']);
    expect(far.code).toBe(2);
    const perc = await runCli(['local-entropy', '--activation', 'relu', '--alpha', '0.5', '--d', '0.1']);
    expect(perc.code).toBe(2);
    expect(perc.stderr).toMatch(/--activation: 'relu'.*only with --model committee/);
    const t = await runCli(['transition', '--kind', 'local-entropy', '--model', 'committee', '--k', '5', '--prior', 'binary']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--kind: 'local-entropy'.*--k inf/);
  });
});

describe('gardner transition --kind local-entropy --model committee', () => {
  it('linear units: α_LE of the densest regions = the perceptron’s (0.7553), with α_c = 0.8330786 reported', async () => {
    const args = ['--kind', 'local-entropy', '--prior', 'binary', '--bracket', '0.745:0.765', '--tol', '1e-3', '--format', 'json'];
    const c = await runCli(['transition', '--model', 'committee', '--k', 'inf', '--activation', 'linear', ...args]);
    expect(c.code).toBe(0);
    const [row] = json(c.stdout);
    expect(row).toMatchObject({ model: 'committee', k: 'inf', activation: 'linear', kind: 'local-entropy', reference: 'large-deviation', converged: true });
    expect(Math.abs((row!.alpha_c as number) - 0.8330786)).toBeLessThan(1e-6);
    // The perceptron's value (docs/local-entropy.md; the linear committee's S_max(d) equals the perceptron's
    // to 1e-10, test/entropy/committee.test.ts).
    expect(Math.abs((row!.alpha as number) - 0.7553)).toBeLessThan((row!.tolerance as number) + 1e-4);
  });
});
