import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('gardner local-entropy --model random-features --reference equilibrium | margin (Franz-Parisi)', () => {
  it('one point below d* = (1 − q)/2: S below the RS entropy and rising towards it (dS/dd > 0), flagged as equilibrium', async () => {
    const r = await runCli(['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--reference', 'equilibrium', '--d', '0.3', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout) as Record<string, number | string | boolean>[];
    expect(row).toMatchObject({ model: 'random-features', reference: 'equilibrium', gamma: 2, alpha_d: 1, d: 0.3, converged: true });
    expect(row!.d_star as number).toBeGreaterThan(0.3);
    expect(row!.local_entropy as number).toBeLessThan(row!.entropy_rs as number);
    expect(row!.dS_dd as number).toBeGreaterThan(0);
  }, 240_000);
  it('--reference margin --kappa-ref: S(d) around a zero-error student of margin κ̃ is positive and below φ_RS(κ = 0) (a subset of those students); rows carry κ̃, the anchor d*(κ) and φ_RS(κ̃)', async () => {
    const r = await runCli(['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--reference', 'margin', '--kappa-ref', '0.3', '--d', '0.33', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout) as Record<string, number | string | boolean>[];
    expect(row).toMatchObject({ model: 'random-features', reference: 'margin', kappa_ref: 0.3, kappa: 0, gamma: 2, d: 0.33, converged: true });
    expect(row!.ansatz as string).toMatch(/margin κ̃/);
    // the anchor is d*(κ = 0) = (1 − q(κ = 0))/2 = 0.3587 (docs/random-features.md §5b)
    expect(row!.d_anchor as number).toBeCloseTo(0.3587, 3);
    expect(row!.local_entropy as number).toBeGreaterThan(0);
    expect(row!.local_entropy as number).toBeLessThan(0.36188); // φ_RS(κ = 0) at γ = 2: a subset of those students
    expect(row!.reference_entropy as number).toBeLessThan(0.36188); // margin-0.3 students are fewer
  }, 240_000);
  it('a reference margin above κ_max(α_D = 1, γ = 2) = 0.5077 is refused with exit 1 (no such references)', async () => {
    const r = await runCli(['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--reference', 'margin', '--kappa-ref', '0.6', '--d', '0.1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no reference solutions at margin κ̃ = 0.6.*κ_max/);
  });
  it('--kappa-ref only with --reference margin and above κ (exit 2)', async () => {
    const base = ['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--d', '0.3'];
    for (const extra of [
      ['--reference', 'equilibrium', '--kappa-ref', '0.3'],
      ['--kappa-ref', '0.3'],
      ['--reference', 'margin', '--kappa-ref', '0'],
      ['--reference', 'margin', '--kappa', '0.2', '--kappa-ref', '0.1'],
      ['--reference', 'margin', '--kappa-ref', 'x'],
    ]) {
      const r = await runCli([...base, ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--kappa-ref/);
    }
  });
});
