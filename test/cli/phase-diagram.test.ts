import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/io/read.js';
import { runCli } from '../helpers/cli.js';

describe('gardner phase-diagram', () => {
  it('writes CSV, JSON, the combined SVG and one SVG per family; rows carry the known capacities', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gardner-pd-'));
    const r = await runCli(['phase-diagram', '--out-dir', dir, '--families', 'storage', '--kappa', '0:0.5:0.5', '--le-kappa', 'none', '--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['phase-diagram.csv', 'phase-diagram.json', 'phase-diagram.svg', 'phase-diagram-storage.svg']) expect(existsSync(join(dir, f)), f).toBe(true);
    const csv = readTable(join(dir, 'phase-diagram.csv'));
    const json = readTable(join(dir, 'phase-diagram.json'));
    expect(csv.columns).toEqual(json.columns); // flat CSV columns = JSON fields
    expect(csv.rows).toEqual(json.rows);
    const at = (curve: string, kappa: number) => csv.rows.find((x) => x.curve === curve && x.kappa === kappa)!.alpha as number;
    expect(at('spherical-capacity', 0)).toBe(2); // Gardner 1988
    expect(at('binary-capacity', 0)).toBeCloseTo(0.8330786, 6); // Krauth-Mézard 1989
    expect(at('binary-rs-end', 0)).toBeCloseTo(4 / Math.PI, 8); // Gardner-Derrida: (2/π)·α_c^sph
    expect(at('binary-rs-end', 0.5)).toBeCloseTo((2 / Math.PI) * at('spherical-capacity', 0.5), 8);
    expect(csv.rows.every((x) => x.converged === true)).toBe(true);
    const svg = readFileSync(join(dir, 'phase-diagram-storage.svg'), 'utf8');
    expect(svg).toContain('binary α_KM(κ)');
    expect(svg).toContain('κ (margin)');
    expect(r.stdout).toContain('phase-diagram.csv');
  });

  it('--model random-features: the interpolation line γ_interp(α_D) (its α = α_D/γ → α_KM as α_D → 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gardner-pd-rf-'));
    const r = await runCli(['phase-diagram', '--model', 'random-features', '--alpha-d', '0.01:0.5:0.49', '--le-alpha-d', 'none', '--out-dir', dir, '--jobs', '1']);
    expect(r.code, r.stderr).toBe(0);
    const rows = readTable(join(dir, 'phase-diagram.csv')).rows.filter((x) => x.curve === 'rf-interpolation');
    expect(rows.map((x) => x.alpha_d)).toEqual([0.01, 0.5]);
    expect(Math.abs((rows[0]!.alpha as number) - 0.8330786)).toBeLessThan(3e-3); // docs/random-features.md: 0.8342 at α_D = 0.01
    expect(existsSync(join(dir, 'phase-diagram-random-features.svg'))).toBe(true);
  });

  it('bad input → exit 2: unknown family or model, malformed κ lists, bad --jobs', async () => {
    const cases: [string[], RegExp][] = [
      [['phase-diagram', '--families', 'storage,nope'], /--families: 'storage,nope' is not allowed; expected a comma-separated subset of storage, teacher-student/],
      [['phase-diagram', '--model', 'perceptron,nope'], /--model: 'perceptron,nope' is not allowed.*src\/diagram\/families\.ts/],
      [['phase-diagram', '--model', 'random-features', '--activation', 'cos'], /--activation/],
      [['phase-diagram', '--le-kappa', '0,abc'], /--le-kappa/],
      [['phase-diagram', '--kappa', '1:-1:0.1'], /--kappa/],
      [['phase-diagram', '--jobs', '0'], /--jobs/],
      [['phase-diagram', '--le-tol', '-1'], /--le-tol/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('--model random-features: γ_interp(α_D) line and onsets read from --points (onsets.csv format, α_D = 1 when absent)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gardner-pd-rf-'));
    const pts = join(dir, 'onsets.csv');
    writeFileSync(pts, 'algorithm,d,gamma_onset,gamma_interp\ncpr,50,1.15,1.0618\nfbp,50,,1.0618\n');
    const r = await runCli(['phase-diagram', '--model', 'random-features', '--out-dir', dir, '--alpha-d', '0.5,1', '--le-alpha-d', 'none', '--points', pts, '--jobs', '1']);
    expect(r.code, r.stderr).toBe(1); // the fbp row has no onset: written, flagged converged=false, exit 1
    expect(r.stderr).toMatch(/rf-onset α_D=1/);
    const rows = readTable(join(dir, 'phase-diagram.csv')).rows;
    const interp = rows.filter((x) => x.curve === 'rf-interpolation');
    expect(interp.map((x) => x.alpha_d)).toEqual([0.5, 1]);
    expect(interp[1]!.gamma as number).toBeCloseTo(1.0618, 4); // docs/random-features.md
    const onsets = rows.filter((x) => x.curve === 'rf-onset');
    expect(onsets.map((x) => [x.algorithm, x.alpha_d, x.gamma, x.converged])).toEqual([['cpr', 1, 1.15, true], ['fbp', 1, undefined, false]]);
    const svg = readFileSync(join(dir, 'phase-diagram-random-features.svg'), 'utf8');
    for (const s of ['γ_interp(α_D)', 'cpr success ½ (D = 50)', 'α_D = P/D', 'γ = N/D', 'UNSAT']) expect(svg).toContain(s);
    expect(r.stdout).toContain('rf-interpolation');
  });

  it('--model random-features: bad input → exit 2 naming the option', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gardner-pd-rf-bad-'));
    const noCol = join(dir, 'no-col.csv');
    writeFileSync(noCol, 'algorithm,d\ncpr,50\n');
    const badAD = join(dir, 'bad-ad.csv');
    writeFileSync(badAD, 'algorithm,d,alpha_d,gamma_onset\ncpr,50,-1,1.2\n');
    const base = ['phase-diagram', '--model', 'random-features', '--out-dir', dir, '--le-alpha-d', 'none'];
    const cases: [string[], RegExp][] = [
      [['--alpha-d', '0,1'], /--alpha-d: '0' is not allowed/],
      [['--le-alpha-d', 'x'], /--le-alpha-d/],
      [['--algorithmic-points', 'cpr,hinge'], /--algorithmic-points: 'cpr,hinge' is not allowed; expected .*binary perceptron algorithms/],
      [['--sim-d', '5'], /--sim-d: '5' is not allowed/],
      [['--samples', '1.5'], /--samples/],
      [['--activation', 'cosh'], /--activation: 'cosh' is not allowed/],
      [['--points', join(dir, 'missing.csv')], /no such file/],
      [['--points', noCol], /no column 'gamma_onset'/],
      [['--points', badAD], /--points: .*alpha_d are positive numbers/],
    ];
    for (const [args, msg] of cases) {
      const res = await runCli([...base, ...args]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(msg);
    }
  });
});
