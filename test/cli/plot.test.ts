import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCSV } from '../../src/io/format.js';
import { readTable } from '../../src/io/read.js';
import { gardnerCapacity } from '../../src/replica/channels/perceptron.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gardner-plot-'));
// Theory: Gardner's α_c(κ) (closed form); "simulation": the same curve shifted by one standard error.
const kappas = [0, 0.25, 0.5, 0.75, 1];
const theory = join(dir, 'theory.csv');
writeFileSync(theory, toCSV(kappas.map((kappa) => ({ kappa, alpha_c: gardnerCapacity(kappa), prior: 'spherical' }))));
const sim = join(dir, 'sim.csv');
writeFileSync(sim, toCSV(kappas.slice(1).map((kappa) => ({ kappa: kappa + 1e-13, alpha_c: gardnerCapacity(kappa) + 0.02, alpha_c_stderr: 0.01 }))));

describe('gardner plot', () => {
  it('writes an SVG with symbol axis titles, the series and the transitions marked', async () => {
    const out = join(dir, 'p.svg');
    const r = await runCli(['plot', theory, '--x', 'kappa', '--y', 'alpha_c', '--rule', 'kappa=0.5:a transition', '--out', out]);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('κ (margin)');
    expect(svg).toContain('α_c (capacity, patterns per weight)');
    expect(svg).toContain('a transition');
  });

  it('bad input: missing file, unknown column, malformed or truncated CSV, non-numeric column → exit 2 with the reason', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'kappa,alpha_c\n0,2\n0.5,1,7\n');
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, readFileSync(theory, 'utf8').slice(0, -3));
    const text = join(dir, 'text.csv');
    writeFileSync(text, 'kappa,alpha_c\nx,y\n');
    const cases: [string[], RegExp][] = [
      [['plot', join(dir, 'none.csv'), '--x', 'kappa', '--y', 'alpha_c'], /none\.csv: no such file/],
      [['plot', theory, '--x', 'kappa', '--y', 'alpha'], /no column 'alpha'; the file has: kappa, alpha_c, prior/],
      [['plot', bad, '--x', 'kappa', '--y', 'alpha_c'], /line 3: 3 fields where the header has 2/],
      [['plot', cut, '--x', 'kappa', '--y', 'alpha_c'], /truncated/],
      [['plot', text, '--x', 'kappa', '--y', 'alpha_c'], /column 'kappa' has no numeric values/],
      [['plot', theory, '--x', 'kappa', '--y', 'alpha_c', '--rule', 'q=1'], /--rule/],
      [['plot', theory, '--x', 'kappa', '--y', 'alpha_c', '--out', join(dir, 'x.png')], /--out/],
    ];
    for (const [args, msg] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});

describe('gardner compare', () => {
  it('joins simulation rows to theory rows on the key (to 1e-9), with difference and z = difference/error', async () => {
    const svg = join(dir, 'c.svg');
    const out = join(dir, 'joined.csv');
    const r = await runCli(['compare', theory, sim, '--on', 'kappa', '--y', 'alpha_c', '--error', 'alpha_c_stderr', '--svg', svg, '--out', out]);
    expect(r.code).toBe(0);
    const j = readTable(out).rows;
    expect(j.map((x) => x.kappa)).toEqual(kappas.slice(1).map((k) => k + 1e-13));
    for (const row of j) {
      expect(row.theory).toBe(gardnerCapacity(Math.round(Number(row.kappa) * 4) / 4));
      expect(row.difference as number).toBeCloseTo(0.02, 12);
      expect(row.z as number).toBeCloseTo(2, 10);
    }
    expect(r.stderr).toMatch(/χ² = 16\.00 for 4 points/);
    const s = readFileSync(svg, 'utf8');
    expect(s).toContain('theory');
    expect(s).toContain('simulation');
  });

  it('no matching key, or missing columns → exit 2 naming them', async () => {
    const r1 = await runCli(['compare', theory, sim, '--on', 'prior', '--y', 'alpha_c', '--svg', join(dir, 'n.svg')]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/sim\.csv: no column 'prior'/);
    const far = join(dir, 'far.csv');
    writeFileSync(far, toCSV([{ kappa: 3, alpha_c: 1 }]));
    const r2 = await runCli(['compare', theory, far, '--on', 'kappa', '--y', 'alpha_c', '--svg', join(dir, 'n.svg')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/no simulation row .* matches a theory row .* on kappa/);
    expect(existsSync(join(dir, 'n.svg'))).toBe(false);
  });
});
