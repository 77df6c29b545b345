import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('gardner simulate', () => {
  it('writes one row per (algorithm, N, α) with success rate, errors and provenance', async () => {
    const r = await runCli(['simulate', '--algorithm', 'cpr,sa', '--n', '61', '--alpha', '0.2:0.3:0.1', '--samples', '3', '--seed', '7', '--format', 'json', '--sigma', '0.2', '--noise-samples', '10']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toMatchObject({ model: 'perceptron', prior: 'binary', setting: 'storage', kappa: 0, n: 61, samples: 3, seed: 7 });
      for (const f of ['success_rate', 'success_rate_se', 'train_error', 'local_energy', 'sweeps', 'gardner_version', 'command']) expect(row).toHaveProperty(f);
    }
    expect(rows.map((x) => x.alpha)).toEqual([0.2, 0.3, 0.2, 0.3]);
    expect(rows[0]!.success_rate).toBe(1);
  });
  it('teacher-student rows carry test_error and overlap_teacher', async () => {
    const r = await runCli(['simulate', '--prior', 'spherical', '--setting', 'teacher-student', '--algorithm', 'hinge', '--n', '50', '--alpha', '1', '--samples', '2', '--test-patterns', '200', '--runs', '2', '--format', 'json']);
    expect(r.code).toBe(0);
    const [row] = JSON.parse(r.stdout) as Record<string, number>[];
    expect(row!.test_error).toBeGreaterThan(0);
    expect(row!.test_error).toBeLessThan(0.5);
    expect(row!.overlap_teacher).toBeGreaterThan(0);
    expect(row!.overlap_solutions).toBeGreaterThan(0);
  });
  it('rejects invalid input with exit code 2, naming the option', async () => {
    const cases: [string[], string][] = [
      [['--algorithm', 'hinge'], '--algorithm'],
      [['--algorithm', 'magic'], '--algorithm'],
      [['--model', 'committee', '--k', '4'], '--k'],
      [['--model', 'committee', '--k', '3', '--n', '100'], '--n'],
      [['--n', '2'], '--n'],
      [['--alpha', '-1'], '--alpha'],
      [['--samples', '0'], '--samples'],
      [['--prior', 'spherical', '--algorithm', 'gibbs', '--kappa', '0.5'], '--kappa'],
      [['--param', 'ps'], '--param'],
      [['--seed', '1.5'], '--seed'],
    ];
    for (const [args, option] of cases) {
      const r = await runCli(['simulate', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(option);
    }
  });
});
