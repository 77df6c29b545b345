import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachNegativeValues } from '../../src/cli/main.js';
import { runCli } from '../helpers/cli.js';

const json = (s: string) => JSON.parse(s) as Record<string, unknown>[];

describe('gardner solve / sweep / capacity', () => {
  it('solve prints one JSON row with the public field names', async () => {
    const r = await runCli(['solve', '--prior', 'binary', '--alpha', '0.5', '--format', 'json']);
    expect(r.code).toBe(0);
    const [row] = json(r.stdout);
    expect(row).toMatchObject({ model: 'perceptron', prior: 'binary', setting: 'storage', ansatz: 'RS', alpha: 0.5, kappa: 0, converged: true });
    expect(row!.q as number).toBeCloseTo(0.322385, 6);
    expect(row!.qhat as number).toBeCloseTo(0.668035, 6);
    expect(row!.entropy as number).toBeCloseTo(0.31439, 6);
    for (const k of ['iterations', 'residual', 'quadrature', 'tolerance', 'gardner_version', 'command', 'timestamp']) expect(row).toHaveProperty(k);
  });

  it('spherical rows carry the log-volume as both entropy and free_entropy', async () => {
    const r = await runCli(['solve', '--alpha', '1', '--format', 'json']);
    const [row] = json(r.stdout);
    expect(row!.free_entropy).toBe(row!.entropy);
  });

  it('capacity gives α_c(0) = 2 and α_c(1) = 0.519572 to 1e-6, with the q → 1 branch check', async () => {
    const r = await runCli(['capacity', '--prior', 'spherical', '--kappa', '0:1:1', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = json(r.stdout);
    expect(Math.abs((rows[0]!.alpha_c as number) - 2)).toBeLessThan(1e-6);
    expect(Math.abs((rows[1]!.alpha_c as number) - 0.519572)).toBeLessThan(1e-6);
    for (const row of rows) expect(Math.abs((row.alpha_rs_end as number) - (row.alpha_c as number))).toBeLessThan(1e-4);
    expect(rows[0]!.criterion).toMatch(/closed form/);
  });

  it('sweep writes CSV atomically to --out and goes down with --direction down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gardner-'));
    const out = join(dir, 'sweep.csv');
    const r = await runCli(['sweep', '--alpha', '1:0.2:0.2', '--direction', 'down', '--out', out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    const header = lines[0]!.split(',');
    const alphaCol = header.indexOf('alpha');
    expect(lines.slice(1).map((l) => Number(l.split(',')[alphaCol]))).toEqual([1, 0.8, 0.6, 0.4, 0.2]);
    expect(readdirSync(dir)).toEqual(['sweep.csv']); // no temporary file left behind
    expect(r.stderr).toMatch(/wrote 5 rows/);
  });

  it('a sweep past the end of the branch stops there and says so on stderr', async () => {
    const r = await runCli(['sweep', '--alpha', '1.6:2.4:0.2', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r.stdout).every((row) => (row.alpha as number) <= 2)).toBe(true);
    // At α = α_c = 2 the saddle point is the q → 1 limit itself: the branch ends there or at the next point.
    expect(r.stderr).toMatch(/branch ended at α = 2(\.2)? \(/);
  });

  it('negative values after an option are values, not flags', () => {
    expect(attachNegativeValues(['capacity', '--kappa', '-0.5:1:0.5'])).toEqual(['capacity', '--kappa=-0.5:1:0.5']);
    expect(attachNegativeValues(['solve', '-h'])).toEqual(['solve', '-h']);
  });

  it('--help documents every option with its default', async () => {
    const r = await runCli(['sweep', '--help']);
    expect(r.code).toBe(0);
    for (const opt of ['--alpha', '--direction', '--prior', '--setting', '--kappa', '--format', '--out', '--tol', '--keep-unconverged']) expect(r.stdout).toContain(opt);
  });
});

describe('bad input: exit code 2 and a message naming the option, the value and what is allowed', () => {
  const cases: [string[], RegExp][] = [
    [['solve', '--alpha', 'abc'], /--alpha: 'abc'.*finite number/],
    [['solve', '--alpha', 'NaN'], /--alpha: 'NaN'/],
    [['solve', '--alpha', '0'], /--alpha: '0'.*\(0, /],
    [['solve', '--alpha', '-1'], /--alpha: '-1'/],
    [['solve', '--alpha', '1', '--model', 'mlp'], /--model: 'mlp'.*perceptron/],
    [['solve', '--alpha', '1', '--prior', 'ternary'], /--prior: 'ternary'.*binary, spherical/],
    [['solve', '--alpha', '1', '--setting', 'online'], /--setting: 'online'.*storage, teacher-student/],
    [['solve', '--alpha', '1', '--kappa', '1e400'], /--kappa/],
    [['solve', '--alpha', '1', '--format', 'xml'], /--format: 'xml'.*json, csv, table/],
    [['solve', '--alpha', '1', '--tol', '0'], /--tol/],
    [['solve'], /alpha/],
    [['sweep', '--alpha', '0.1:1:-0.1'], /--alpha.*STEP > 0/],
    [['sweep', '--alpha', '1:0.1:0.1'], /--alpha.*FROM ≤ TO/],
    [['sweep', '--alpha', '0.1:1'], /--alpha.*FROM:TO:STEP/],
    [['sweep', '--alpha', '0.1:1:0.1', '--direction', 'sideways'], /--direction: 'sideways'/],
    [['sweep', '--alpha', '0:1:0.1'], /--alpha.*FROM/],
    [['capacity', '--setting', 'teacher-student'], /--setting.*storage/],
    [['solve', '--alpha', '1', '--teacher', 'binary'], /--teacher.*teacher-student/],
    [['frobnicate'], /Unknown argument|Unknown command|frobnicate/],
    [[], /command/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' ') || '(no arguments)', async () => {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }
});

describe('failed computations: exit code 1 unless non-converged rows are asked for', () => {
  it('solve beyond capacity fails with what was tried', async () => {
    const r = await runCli(['solve', '--alpha', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no converged saddle point at α = 3.*Newton.*Anderson/);
  });
  it('--keep-unconverged writes the point, flagged', async () => {
    const r = await runCli(['solve', '--alpha', '3', '--keep-unconverged', '--format', 'json']);
    expect(r.code).toBe(0);
    const [row] = json(r.stdout);
    expect(row!.converged).toBe(false);
    expect(row!.reason).toBeTruthy();
  });
  it('no output file is written when the computation fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gardner-'));
    const out = join(dir, 'x.json');
    const r = await runCli(['solve', '--alpha', '3', '--out', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
