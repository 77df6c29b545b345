import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('gardner local-entropy --model random-features --reference equilibrium (Franz-Parisi)', () => {
  it('one point below d* = (1 − q)/2: S below the RS entropy and rising towards it (dS/dd > 0), flagged as equilibrium', async () => {
    const r = await runCli(['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--reference', 'equilibrium', '--d', '0.3', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout) as Record<string, number | string | boolean>[];
    expect(row).toMatchObject({ model: 'random-features', reference: 'equilibrium', gamma: 2, alpha_d: 1, d: 0.3, converged: true });
    expect(row!.d_star as number).toBeGreaterThan(0.3);
    expect(row!.local_entropy as number).toBeLessThan(row!.entropy_rs as number);
    expect(row!.dS_dd as number).toBeGreaterThan(0);
  }, 240_000);
  it('rejects the margin reference and κ ≠ 0 for the equilibrium reference (exit 2)', async () => {
    expect((await runCli(['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--reference', 'margin', '--d', '0.3'])).code).toBe(2);
    expect((await runCli(['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--reference', 'equilibrium', '--kappa', '0.2', '--d', '0.3'])).code).toBe(2);
  });
});
