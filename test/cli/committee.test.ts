import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];

describe('gardner … --model committee', () => {
  it('capacity, K = 1: the perceptron values α_KM = 0.8330786 and α_c = 2, with criteria and the rule check', async () => {
    const [bin] = json((await runCli(['capacity', '--model', 'committee', '--k', '1', '--prior', 'binary', '--format', 'json'])).stdout);
    expect(bin).toMatchObject({ model: 'committee', architecture: 'tree', k: 1, activation: 'sign', prior: 'binary', converged: true });
    expect(Math.abs((bin!.alpha_c as number) - 0.8330786)).toBeLessThan(1e-6);
    expect(bin!.criterion).toMatch(/entropy = 0/);
    expect(bin!.quadrature_error as number).toBeLessThan(1e-9);
    expect(bin!.quadrature).toMatch(/split-gauss\(n=200\)/);
    const [sph] = json((await runCli(['capacity', '--model', 'committee', '--k', '1', '--format', 'json'])).stdout);
    expect(Math.abs((sph!.alpha_c as number) - 2)).toBeLessThan(1e-12);
    expect(sph!.criterion).toMatch(/q → 1/);
  });

  it('capacity, K → ∞: relu finite (2π/(π−1)), sign divergent (null, flagged), both with their criterion', async () => {
    const [relu] = json((await runCli(['capacity', '--model', 'committee', '--k', 'inf', '--activation', 'relu', '--format', 'json'])).stdout);
    expect(Math.abs((relu!.alpha_c as number) - (2 * Math.PI) / (Math.PI - 1))).toBeLessThan(1e-12);
    expect(Math.abs((relu!.alpha_branch_check as number) - (relu!.alpha_c as number))).toBeLessThan(1e-4);
    const r = await runCli(['capacity', '--model', 'committee', '--k', 'inf', '--activation', 'sign', '--format', 'json']);
    expect(r.code).toBe(0);
    const [sign] = json(r.stdout);
    expect(sign!.alpha_c).toBeNull();
    expect(sign!.diverges).toBe(true);
    expect(sign!.criterion).toMatch(/never ends/);
  });

  it('solve and sweep rows carry the committee fields and converge; transition finds the entropy zero', async () => {
    const [row] = json((await runCli(['solve', '--model', 'committee', '--k', '3', '--nodes', '32', '--prior', 'binary', '--alpha', '0.5', '--format', 'json'])).stdout);
    expect(row).toMatchObject({ model: 'committee', k: 3, activation: 'sign', converged: true });
    expect(row!.quadrature).toMatch(/split-gauss\(n=32\)\^3/);
    for (const k of ['iterations', 'residual', 'replicon', 'entropy', 'q', 'qhat']) expect(row).toHaveProperty(k);
    // the rule check: α(q) moves by < 1e-8 (relative) when the rule is coarsened to 22 nodes (2n/3) at q ≈ 0.22
    expect(row!.rule_check_nodes).toBe(22);
    expect(row!.alpha_rule_change as number).toBeLessThan(1e-8);
    const sweep = json((await runCli(['sweep', '--model', 'committee', '--k', 'inf', '--activation', 'tanh', '--alpha', '0.5:2:0.5', '--format', 'json'])).stdout);
    expect(sweep).toHaveLength(4);
    expect(sweep.every((p) => p.converged === true && p.activation === 'tanh')).toBe(true);
    const [t] = json((await runCli(['transition', '--model', 'committee', '--k', 'inf', '--activation', 'erf', '--prior', 'binary', '--format', 'json'])).stdout);
    expect(t!.kind).toBe('sat-unsat');
    expect(t!.criterion).toMatch(/entropy = 0/);
    expect(Math.abs(t!.alpha as number)).toBeGreaterThan(0.833);
  });

  it('--help documents the committee options', async () => {
    const r = await runCli(['capacity', '--help']);
    for (const opt of ['--model', '--architecture', '--activation', '--nodes', '(--k or -k): number of hidden units K']) expect(r.stdout).toContain(opt);
  });
});

describe('committee: bad input → exit 2 naming option, value and what is allowed', () => {
  const cases: [string[], RegExp][] = [
    [['solve', '--model', 'committee', '--alpha', '1'], /--k is required/],
    [['solve', '--model', 'committee', '--k', '4', '--alpha', '1'], /--k: '4'.*odd integer 1…9.*or inf/],
    [['solve', '--model', 'committee', '--k', '11', '--alpha', '1'], /--k: '11'.*odd integer/],
    [['solve', '--model', 'committee', '--k', 'many', '--alpha', '1'], /--k: 'many'/],
    [['solve', '--model', 'committee', '--k', '3', '--activation', 'relu', '--alpha', '1'], /--k: '3'.*inf for --activation relu/],
    [['solve', '--model', 'committee', '--k', 'inf', '--activation', 'softplus', '--alpha', '1'], /--activation: 'softplus'.*sign, relu, tanh, erf, linear/],
    [['solve', '--model', 'committee', '--k', '3', '--architecture', 'fully-connected', '--alpha', '1'], /--architecture: 'fully-connected'.*tree/],
    [['solve', '--model', 'committee', '--k', '3', '--nodes', '7', '--alpha', '1'], /--nodes: '7'.*even/],
    [['solve', '--model', 'committee', '--k', 'inf', '--nodes', '8', '--alpha', '1'], /--nodes: '8'.*finite --k/],
    [['solve', '--model', 'committee', '--k', '3', '--kappa', '0.5', '--alpha', '1'], /--kappa.*0 for --model committee/],
    [['solve', '--model', 'committee', '--k', '3', '--setting', 'teacher-student', '--alpha', '1'], /--setting: 'teacher-student'.*storage/],
    [['solve', '--k', '3', '--alpha', '1'], /--k: '3'.*only with --model committee/],
    [['capacity', '--activation', 'relu'], /--activation: 'relu'.*only with --model committee/],
  ];
  for (const [args, re] of cases) {
    it(args.join(' '), async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(re);
    });
  }
});
