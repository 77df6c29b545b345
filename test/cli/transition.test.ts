import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];

describe('gardner transition / capacity for the perceptron family', () => {
  it('binary storage: sat-unsat at α_KM = 0.8330786 with its criterion', async () => {
    const r = await runCli(['transition', '--prior', 'binary', '--format', 'json']);
    expect(r.code).toBe(0);
    const [row] = json(r.stdout);
    expect(Math.abs((row!.alpha as number) - 0.8330786)).toBeLessThan(1e-6);
    expect(row!.criterion).toMatch(/entropy = 0/);
    expect(row!.kind).toBe('sat-unsat');
  });

  it('binary teacher-student: first-order and spinodal, with Gibbs and Bayes errors at the transition', async () => {
    const fo = json((await runCli(['transition', '--setting', 'teacher-student', '--prior', 'binary', '--kind', 'first-order', '--format', 'json'])).stdout)[0]!;
    expect(Math.abs((fo.alpha as number) - 1.2447)).toBeLessThan(1e-3);
    expect(fo.eps_gibbs as number).toBeGreaterThan(fo.eps_bayes as number);
    const sp = json((await runCli(['transition', '--setting', 'teacher-student', '--prior', 'binary', '--kind', 'spinodal', '--tol', '1e-8', '--format', 'json'])).stdout)[0]!;
    expect(Math.abs((sp.alpha as number) - (sp.fold_check as number))).toBeLessThan(1e-7);
    expect(sp.alpha as number).toBeGreaterThan(fo.alpha as number);
  });

  it('binary capacity rows carry α_KM, the RS end 4/π and the replicon at α_KM', async () => {
    const [row] = json((await runCli(['capacity', '--prior', 'binary', '--format', 'json'])).stdout);
    expect(Math.abs((row!.alpha_c as number) - 0.8330786)).toBeLessThan(1e-6);
    expect(Math.abs((row!.alpha_rs_end as number) - 4 / Math.PI)).toBeLessThan(1e-3);
    expect(row!.rs_stable).toBe(true);
  });

  it('spherical κ < 0: rows beyond the AT line are flagged rs_stable = false', async () => {
    const at = json((await runCli(['transition', '--kappa', '-0.5', '--kind', 'at', '--format', 'json'])).stdout)[0]!;
    const below = json((await runCli(['solve', '--kappa', '-0.5', '--alpha', String((at.alpha as number) - 0.1), '--format', 'json'])).stdout)[0]!;
    const above = json((await runCli(['solve', '--kappa', '-0.5', '--alpha', String((at.alpha as number) + 0.1), '--format', 'json'])).stdout)[0]!;
    expect(below.rs_stable).toBe(true);
    expect(above.rs_stable).toBe(false);
  });

  it('teacher-student sweeps: up follows the poor branch then jumps, down stays perfect', async () => {
    const up = json((await runCli(['sweep', '--setting', 'teacher-student', '--prior', 'binary', '--alpha', '1.3:1.6:0.1', '--format', 'json'])).stdout);
    expect(up.map((r) => r.state)).toEqual(['poor', 'poor', 'perfect', 'perfect']);
    const down = json((await runCli(['sweep', '--setting', 'teacher-student', '--prior', 'binary', '--alpha', '1.6:1.3:0.1', '--direction', 'down', '--format', 'json'])).stdout);
    expect(down.every((r) => r.state === 'perfect' && r.eps_gibbs === 0)).toBe(true);
  });

  it('bad input: a kind that does not apply, an unknown kind', async () => {
    const a = await runCli(['transition', '--kind', 'spinodal']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--kind: 'spinodal'.*teacher-student/);
    const b = await runCli(['transition', '--kind', 'glass']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/--kind: 'glass'.*sat-unsat/);
    const c = await runCli(['solve', '--alpha', '1', '--start', 'perfect']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--start.*teacher-student/);
  });
});
