import type { Argv, CommandModule } from 'yargs';
import { writeFileAtomic } from '../../io/atomic.js';
import { serialize } from '../../io/format.js';
import { chartSpec, type Series } from '../../plot/chart.js';
import { joinTheory, keyOf } from '../../plot/join.js';
import { renderSVG } from '../../plot/render.js';
import { checkOutputArgs, type OutputArgs } from '../common.js';
import { invalid, UsageError } from '../errors.js';
import { note, resolveFormat } from '../output.js';
import { readInput, requireNumeric } from '../read-input.js';
import { groupBy, parseRules, rulesFromFile } from './plot.js';

type Args = OutputArgs & { theory?: string; sim?: string; on?: string; x?: string; y?: string; 'sim-y'?: string; error?: string; color?: string; svg?: string; rule?: string[]; rules?: string; title?: string };

export const compareCommand: CommandModule<object, Args> = {
  command: 'compare <theory> <sim>',
  describe: 'Theory against simulation: join rows on key columns into one table (theory, simulation, error, difference, z) and one SVG (theory lines, simulation points with error bars)',
  builder: (y: Argv) =>
    y
      .positional('theory', { type: 'string', describe: 'theory rows (.csv or .json), e.g. from gardner sweep' })
      .positional('sim', { type: 'string', describe: 'simulation rows (.csv or .json) with the same key columns' })
      .option('on', { type: 'string', default: 'alpha', describe: 'key columns, comma-separated (e.g. alpha,kappa)' })
      .option('x', { type: 'string', describe: 'x axis column [default: the first --on column]' })
      .option('y', { type: 'string', demandOption: true, describe: 'theory column compared (e.g. eps_gibbs)' })
      .option('sim-y', { type: 'string', describe: 'simulation column compared [default: --y]' })
      .option('error', { type: 'string', describe: 'simulation column with the standard error (error bars, z-scores)' })
      .option('color', { type: 'string', describe: 'one series per value of this column in both files (e.g. kappa)' })
      .option('rule', { type: 'string', array: true, describe: 'mark a transition: COL=VALUE[:LABEL], repeatable' })
      .option('rules', { type: 'string', describe: 'a file of transition rows: a rule at each row’s x value' })
      .option('title', { type: 'string', describe: 'chart title' })
      .option('svg', { type: 'string', default: 'compare.svg', describe: 'SVG file to write' })
      .option('format', { type: 'string', describe: 'json | csv | table for the joined table [default: from --out extension, else table]' })
      .option('out', { type: 'string', describe: 'write the joined table to FILE (atomically) instead of stdout' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no notes on stderr' })
      .example('gardner compare theory.csv sim.csv --on alpha --y eps_gibbs --sim-y test_error --error test_error_stderr', 'ε_G(α) against measured test errors') as unknown as Argv<Args>,
  handler: async (argv) => {
    checkOutputArgs(argv);
    if (!argv.theory || !argv.sim) throw new UsageError('name two files: gardner compare THEORY.csv SIM.csv --on alpha --y COL');
    const on = String(argv.on ?? 'alpha').split(',').map((s) => s.trim()).filter(Boolean);
    if (!on.length) throw invalid('on', argv.on, 'one or more key columns, comma-separated');
    const x = argv.x ?? on[0]!;
    const ty = String(argv.y);
    const sy = argv['sim-y'] ?? ty;
    const color = argv.color;
    const th = readInput(argv.theory, [...new Set([...on, x, ty, ...(color ? [color] : [])])]);
    const sim = readInput(argv.sim, [...new Set([...on, x, sy, ...(argv.error ? [argv.error] : []), ...(color ? [color] : [])])]);
    requireNumeric(th, ty);
    requireNumeric(sim, sy);
    const keys = color && !on.includes(color) ? [...on, color] : on;
    const joined = joinTheory(th.rows, sim.rows, { on: keys, theoryY: ty, simY: sy, ...(argv.error ? { error: argv.error } : {}) });
    if (!joined.rows.length) {
      throw new UsageError(`no simulation row of ${sim.path} matches a theory row of ${th.path} on ${keys.join(', ')} (e.g. ${keyOf(sim.rows[0] ?? {}, keys)}; theory has ${keyOf(th.rows[0] ?? {}, keys)})`);
    }
    if (joined.unmatched.length && !argv.quiet) note(`${joined.unmatched.length} simulation rows have no theory row: ${joined.unmatched.slice(0, 5).map((r) => keyOf(r, keys)).join('; ')}${joined.unmatched.length > 5 ? '; …' : ''}`);
    const series: Series[] = [];
    for (const g of groupBy(th.rows, color)) series.push({ name: `theory${g.name ? ', ' + g.name : ''}`, rows: g.rows, y: ty, mark: 'line' });
    for (const g of groupBy(sim.rows, color)) series.push({ name: `simulation${g.name ? ', ' + g.name : ''}`, rows: g.rows, y: sy, mark: 'point', ...(argv.error ? { error: argv.error } : {}) });
    const rules = [...parseRules(argv.rule, x, ty), ...(argv.rules ? rulesFromFile(argv.rules, x) : [])];
    const svgPath = argv.svg ?? 'compare.svg';
    if (!/\.svg$/i.test(svgPath)) throw invalid('svg', svgPath, 'a file name ending in .svg');
    writeFileAtomic(svgPath, await renderSVG(chartSpec({ title: argv.title ?? `${ty}: theory and simulation`, x, y: ty, series, rules })));
    const format = resolveFormat(argv);
    const text = serialize(joined.rows, format);
    if (argv.out) writeFileAtomic(argv.out, text);
    else process.stdout.write(text);
    if (!argv.quiet) {
      const zs = joined.rows.map((r) => r.z).filter((z): z is number => typeof z === 'number');
      const chi2 = zs.reduce((s, z) => s + z * z, 0);
      note(`joined ${joined.rows.length} points on ${keys.join(', ')}${zs.length ? `; χ² = ${chi2.toFixed(2)} for ${zs.length} points` : ''}; wrote ${svgPath}${argv.out ? ' and ' + argv.out : ''}`);
    }
  },
};
