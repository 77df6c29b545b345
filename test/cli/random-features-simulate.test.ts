import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('gardner simulate --model random-features', () => {
  it('writes one row per (D, γ, algorithm) with verified success and test error on fresh examples', async () => {
    const r = await runCli(['simulate', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2.5', '--d', '30', '--algorithm', 'cpr', '--samples', '3', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model: 'random-features', activation: 'sign', alpha_d: 1, gamma: 2.5, d: 30, n: 75, p: 30, samples: 3 });
    expect(rows[0]!.success_rate).toBe(1);
    expect(rows[0]!.test_error as number).toBeGreaterThan(0);
    expect(rows[0]!.test_error as number).toBeLessThan(0.5);
  });
  it('rejects options of the other models and non-binary algorithms (exit 2)', async () => {
    for (const args of [['--n', '50'], ['--alpha', '0.5'], ['--algorithm', 'gibbs'], ['--prior', 'spherical'], ['--gamma', '0'], ['--d', '1.5']]) {
      const r = await runCli(['simulate', '--model', 'random-features', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});
