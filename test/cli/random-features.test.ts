/**
 * gardner … --model random-features: rows with the public fields (gamma, alpha = α_D/γ, gamma_c / alpha_c,
 * errors), validation (exit 2 naming option, value and what is allowed).
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];

describe('gardner --model random-features', () => {
  it('solve: one RS row at (α_D, γ) with α = α_D/γ, the Gaussian-equivalence coefficients, errors and provenance', async () => {
    const r = await runCli(['solve', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--format', 'json']);
    expect(r.code).toBe(0);
    const [row] = json(r.stdout);
    expect(row).toMatchObject({ model: 'random-features', prior: 'binary', activation: 'sign', alpha_d: 1, gamma: 2, alpha: 0.5, converged: true });
    expect(row!.mu1 as number).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
    for (const k of ['q', 'qhat', 'p_d', 'p', 'm', 'q_eff', 'R_eff', 'entropy', 'eps_gibbs', 'eps_bayes', 'residual', 'gardner_version', 'command']) expect(row).toHaveProperty(k);
    expect(row!.eps_bayes as number).toBeLessThan(row!.eps_gibbs as number);
  });

  it('sweep over --gamma and capacity (gamma_c, alpha_c = α_D/γ_c): the entropy grows with γ and vanishes at γ_c', async () => {
    const s = await runCli(['sweep', '--model', 'random-features', '--alpha-d', '0.5', '--gamma', '0.6:1:0.2', '--format', 'json']);
    expect(s.code).toBe(0);
    const rows = json(s.stdout);
    expect(rows.map((x) => x.gamma)).toEqual([0.6, 0.8, 1]);
    expect(rows[1]!.entropy as number).toBeGreaterThan(rows[0]!.entropy as number);
    const c = await runCli(['capacity', '--model', 'random-features', '--alpha-d', '0.5', '--format', 'json']);
    expect(c.code).toBe(0);
    const [cap] = json(c.stdout);
    expect(Math.abs((cap!.gamma_c as number) - 0.5633)).toBeLessThan(1e-3);
    expect(Math.abs((cap!.alpha_c as number) - 0.5 / (cap!.gamma_c as number))).toBeLessThan(1e-12);
    const t = await runCli(['transition', '--model', 'random-features', '--alpha-d', '0.5', '--kind', 'interpolation', '--format', 'json']);
    expect(t.code).toBe(0);
    expect(Math.abs((json(t.stdout)[0]!.gamma as number) - (cap!.gamma_c as number))).toBeLessThan(1e-9);
  });

  it('local-entropy: the densest regions at (α_D, γ), S/H₂ → 1 at small d, errors of the cloud and its barycenter', async () => {
    const r = await runCli(['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--d-log', '0.005:0.05:2', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ model: 'random-features', reference: 'large-deviation', alpha_d: 1, gamma: 2, converged: true });
    expect(rows[0]!.density_ratio as number).toBeGreaterThan(0.9999);
    for (const k of ['eps_cloud', 'eps_barycenter', 'dS_dd', 'entropy_rs', 'eps_gibbs']) expect(rows[0]).toHaveProperty(k);
  });

  it('validation: exit 2 with the option, the value and what is allowed', async () => {
    const cases: [string[], RegExp][] = [
      [['solve', '--model', 'random-features', '--alpha-d', '1'], /--gamma/],
      [['solve', '--model', 'random-features', '--alpha-d', '0', '--gamma', '1'], /--alpha-d.*'0'/],
      [['solve', '--model', 'random-features', '--alpha-d', '1', '--gamma', '-1'], /--gamma/],
      [['solve', '--model', 'random-features', '--alpha-d', '1', '--gamma', '1', '--alpha', '0.5'], /--alpha.*not with --model random-features/],
      [['solve', '--model', 'random-features', '--alpha-d', '1', '--gamma', '1', '--activation', 'softplus'], /--activation.*sign, relu, tanh, erf, linear/],
      [['solve', '--model', 'random-features', '--alpha-d', '1', '--gamma', '1', '--k', '3'], /--k/],
      [['capacity', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2'], /--gamma.*γ_c is the result/],
      [['transition', '--model', 'random-features', '--alpha-d', '1', '--kind', 'sat-unsat'], /--kind.*interpolation, local-entropy/],
      [['local-entropy', '--model', 'random-features', '--alpha-d', '1', '--gamma', '2', '--d', '0.1:0.6:0.1'], /--d/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});
