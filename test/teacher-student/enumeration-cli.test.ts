/**
 * gardner enumerate: rows with the public fields (entropy = E[ln #]/N over instances with a solution,
 * entropy_se, no_solution, sizes, seed, provenance; teacher-student errors), reproducible from the seed,
 * the same whatever --jobs, validated options (exit 2 naming the option, the value and what is allowed).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];
const strip = (rows: Record<string, unknown>[]) => rows.map(({ timestamp, command, cpu_seconds, configurations_per_second, ...r }) => r);

describe('gardner enumerate', () => {
  it('storage rows: entropy ± se, instances without a solution, local-entropy columns, an extrapolation row', async () => {
    const r = await runCli(['enumerate', '--n', '8,10', '--alpha', '0.5', '--samples', '40', '--seed', '3', '--local-entropy', '--max-distance', '2', '--extrapolate', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout);
    expect(rows).toHaveLength(3);
    for (const row of rows.slice(0, 2)) {
      expect(row).toMatchObject({ model: 'perceptron', prior: 'binary', setting: 'storage', alpha: 0.5, kappa: 0, samples: 40, seed: 3 });
      for (const k of ['entropy', 'entropy_se', 'no_solution', 'n', 'p', 'annealed_entropy', 'n_dist_1', 'n_dist_2_se', 's_dist_1', 'gardner_version', 'command', 'timestamp']) expect(row).toHaveProperty(k);
      expect(row).not.toHaveProperty('n_dist_3');
      expect(row.p).toBe(Math.round(0.5 * (row.n as number)));
      // Jensen: E[ln #] ≤ ln E[#].
      expect(row.entropy as number).toBeLessThanOrEqual(row.annealed_entropy as number);
    }
    expect(rows[2]!.n).toBeNull();
    expect(rows[2]!.sizes).toBe('8 10');
    expect(rows[2]!.entropy_se as number).toBeGreaterThan(0);
  });

  it('teacher-student rows carry the Gibbs, Bayes and barycenter errors; seeded output is reproducible, whatever --jobs', async () => {
    const args = ['enumerate', '--setting', 'teacher-student', '--n', '9', '--alpha', '1', '--samples', '12', '--seed', '5', '--test-size', '200', '--format', 'json'];
    const a = await runCli(args);
    expect(a.code).toBe(0);
    const [row] = json(a.stdout);
    expect(row).toMatchObject({ setting: 'teacher-student', no_solution: 0, test_size: 200 });
    for (const k of ['eps_gibbs', 'eps_gibbs_se', 'eps_bayes', 'eps_bayes_se', 'eps_barycenter', 'overlap_teacher']) expect(typeof row![k]).toBe('number');
    expect(row!.eps_gibbs as number).toBeGreaterThan(0);
    expect(row!.eps_gibbs as number).toBeLessThan(0.5);
    const b = await runCli([...args, '--jobs', '2']);
    expect(strip(json(b.stdout))).toEqual(strip(json(a.stdout)));
  });

  it('invalid input: exit 2 with the option, the value and what is allowed', async () => {
    const cases: [string[], RegExp][] = [
      [['--n', '31', '--alpha', '0.5'], /--n: '31'.*\[1, 30\]/],
      [['--n', '12.5', '--alpha', '0.5'], /--n.*integer/],
      [['--n', '4', '--alpha', '0.1'], /--alpha.*round\(αN\) ≥ 1/],
      [['--n', '10', '--alpha', '0'], /--alpha/],
      [['--n', '10', '--alpha', '0.5', '--prior', 'spherical'], /--prior: 'spherical'.*binary/],
      [['--n', '10', '--alpha', '0.5', '--model', 'committee'], /--model: 'committee'.*perceptron/],
      [['--n', '10', '--alpha', '0.5', '--setting', 'x'], /--setting/],
      [['--n', '10', '--alpha', '0.5', '--samples', '0'], /--samples/],
      [['--n', '10', '--alpha', '0.5', '--seed', '-1'], /--seed/],
      [['--n', '10', '--alpha', '0.5', '--kappa', 'abc'], /--kappa/],
      [['--n', '10', '--alpha', '0.5', '--test-size', '10'], /--test-size.*teacher-student/],
      [['--n', '10', '--alpha', '0.5', '--max-distance', '2'], /--max-distance.*--local-entropy/],
      [['--n', '10', '--alpha', '0.5', '--extrapolate'], /--n.*two sizes/],
    ];
    for (const [args, re] of cases) {
      const r = await runCli(['enumerate', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(re);
    }
  });
});
