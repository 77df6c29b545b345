/**
 * gardner local-entropy and gardner transition --kind local-entropy: rows with the public fields,
 * validated options (exit 2 naming option, value and what is allowed), failures reported (exit 1) unless
 * --keep-unconverged, in which case the missing points are flagged rows without NaN.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];

describe('gardner local-entropy', () => {
  it('equilibrium reference: one row per distance with S, H₂, the slope, order parameters, conjugates, convergence, quadrature and provenance', async () => {
    const r = await runCli(['local-entropy', '--prior', 'binary', '--alpha', '0.5', '--d', '0.01:0.03:0.01', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout);
    expect(rows.map((x) => x.d)).toEqual([0.01, 0.02, 0.03]);
    for (const row of rows) {
      expect(row).toMatchObject({ model: 'perceptron', prior: 'binary', reference: 'equilibrium', alpha: 0.5, kappa: 0, converged: true });
      for (const k of ['local_entropy', 'binary_entropy', 'density_ratio', 'dS_dd', 'q1', 'p0', 'q_ref', 'qhat1', 'phat', 'phat0', 'iterations', 'residual', 'quadrature', 'tolerance', 'gardner_version', 'command', 'timestamp']) expect(row).toHaveProperty(k);
      expect(row.local_entropy as number).toBeLessThan(row.binary_entropy as number);
    }
    expect(rows[0]!.reference_entropy as number).toBeCloseTo(0.31439, 5);
  });

  it('large deviations on a log grid: dense at small d (S/H₂ → 1), with the pinned-fraction diagnostic', async () => {
    const r = await runCli(['local-entropy', '--alpha', '0.5', '--reference', 'large-deviation', '--d-log', '1e-3:0.01:3', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.density_ratio as number).toBeGreaterThan(1 - 1e-9);
    expect(rows[2]!.density_ratio as number).toBeGreaterThan(0.99);
    expect(rows[0]).toHaveProperty('pinned_fraction');
    expect(rows[0]!.ansatz).toBe('RS, y → ∞');
  });

  it('margin reference with --kappa-ref', async () => {
    const r = await runCli(['local-entropy', '--alpha', '0.5', '--reference', 'margin', '--kappa-ref', '0.3', '--d', '0.01', '--format', 'json']);
    expect(r.code).toBe(0);
    const [row] = json(r.stdout);
    expect(row).toMatchObject({ reference: 'margin', kappa_ref: 0.3, converged: true });
  });

  it('a reference margin above κ_max(α = 0.5) = 0.418 (no margin-κ̃ solutions: RS entropy −0.33) is refused with exit 1', async () => {
    const r = await runCli(['local-entropy', '--alpha', '0.5', '--reference', 'margin', '--kappa-ref', '0.6', '--d', '0.1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no reference solutions at margin κ̃ = 0.6.*κ_max/);
  });

  it('beyond the end of the large-deviation branch: exit 1 naming what was tried; --keep-unconverged flags the missing rows', async () => {
    const args = ['local-entropy', '--alpha', '0.5', '--reference', 'large-deviation', '--d', '0.2:0.32:0.06', '--format', 'json'];
    const r = await runCli(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not be computed/);
    const k = await runCli([...args, '--keep-unconverged']);
    expect(k.code).toBe(0);
    const rows = json(k.stdout);
    expect(rows).toHaveLength(3);
    expect(rows[0]!.converged).toBe(true);
    const last = rows[2]!;
    expect(last.converged).toBe(false);
    expect(last.local_entropy).toBeNull();
    expect(last.reason).toBeTruthy();
  });

  it('invalid input: exit 2 with the option, the value and what is allowed', async () => {
    const cases: [string[], RegExp][] = [
      [['--alpha', '0.5', '--reference', 'typical', '--d', '0.1'], /--reference: 'typical'.*equilibrium, margin, large-deviation/],
      [['--alpha', '0.5', '--kappa-ref', '0.3', '--d', '0.1'], /--kappa-ref.*only with --reference margin/],
      [['--alpha', '0.5', '--reference', 'margin', '--kappa-ref', '-0.1', '--d', '0.1'], /--kappa-ref/],
      [['--alpha', '0.5', '--d', '0:0.1:0.01'], /--d/],
      [['--alpha', '0.5', '--d', '0.1', '--d-log', '0.01:0.1:3'], /either --d or --d-log/],
      [['--alpha', '0.5', '--d-log', '0.1:0.01:5'], /--d-log.*FROM < TO/],
      [['--alpha', '0.5', '--prior', 'spherical', '--reference', 'large-deviation', '--d', '0.1'], /--prior: 'spherical'/],
      [['--alpha', '-1', '--d', '0.1'], /--alpha/],
      [['--alpha', '0.5'], /--d is required/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(['local-entropy', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('--help documents every option with its default', async () => {
    const r = await runCli(['local-entropy', '--help']);
    for (const o of ['--prior', '--alpha', '--kappa', '--reference', '--kappa-ref', '--margin-distance', '--d', '--d-log', '--tol', '--keep-unconverged', '--format', '--out']) expect(r.stdout).toContain(o);
  });
});

describe('gardner transition --kind local-entropy', () => {
  it('validates its options', async () => {
    const bad: [string[], RegExp][] = [
      [['--kind', 'local-entropy', '--prior', 'spherical'], /local-entropy needs --prior binary/],
      [['--kind', 'local-entropy', '--prior', 'binary', '--reference', 'equilibrium'], /--reference: 'equilibrium'/],
      [['--kind', 'local-entropy', '--prior', 'binary', '--bracket', '0.8:0.7'], /--bracket.*LO < HI/],
      [['--kind', 'sat-unsat', '--prior', 'binary', '--reference', 'margin'], /--reference.*only with --kind local-entropy/],
    ];
    for (const [args, msg] of bad) {
      const r = await runCli(['transition', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});
