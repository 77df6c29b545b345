import type { Argv, CommandModule } from 'yargs';
import { writeFileAtomic } from '../../io/atomic.js';
import type { Row } from '../../io/row.js';
import { chartSpec, type Rule, type Series } from '../../plot/chart.js';
import { symbolOf } from '../../plot/labels.js';
import { renderSVG } from '../../plot/render.js';
import { invalid, UsageError } from '../errors.js';
import { parseChoice, parseNumber } from '../options.js';
import { note } from '../output.js';
import { readInput, requireNumeric } from '../read-input.js';

type Args = { file?: string; x?: string; y?: string; color?: string; error?: string; mark?: string; rule?: string[]; rules?: string; title?: string; out?: string; 'log-x'?: boolean; 'log-y'?: boolean; quiet?: boolean };

const MARKS = ['line', 'point', 'line+point'] as const;

/** --rule COL=VALUE[:LABEL]: a vertical (COL = x) or horizontal (COL = y) rule. */
export function parseRules(raw: readonly string[] | undefined, x: string, y: string): Rule[] {
  return (raw ?? []).map((r) => {
    const m = /^([^=]+)=([^:]+)(?::(.*))?$/.exec(r);
    if (!m) throw invalid('rule', r, `COLUMN=VALUE[:LABEL] with COLUMN ${x} or ${y}, e.g. ${x}=1.2447:first order`);
    const col = m[1]!.trim();
    if (col !== x && col !== y) throw invalid('rule', r, `a rule on the x column '${x}' or the y column '${y}'`);
    const value = parseNumber('rule', m[2], {});
    return { axis: col === x ? 'x' : 'y', value, label: m[3]?.trim() || `${col} = ${value}` };
  });
}

/** Transition rows (`gardner transition --out t.csv`): a vertical rule at each row's x value, labelled by its kind. */
export function rulesFromFile(path: string, x: string): Rule[] {
  const t = readInput(path, [x]);
  return t.rows
    .filter((r) => typeof r[x] === 'number')
    .map((r) => ({ axis: 'x' as const, value: r[x] as number, label: `${String(r.kind ?? r.curve ?? 'transition')} ${x === 'alpha' ? 'α' : x} = ${(r[x] as number).toPrecision(5)}` }));
}

/** Rows split into series by the values of a column (in order of appearance). */
export function groupBy(rows: readonly Row[], column: string | undefined): { name: string; rows: Row[] }[] {
  if (!column) return [{ name: '', rows: [...rows] }];
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const k = r[column] === undefined || r[column] === null ? '(none)' : String(r[column]);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return [...groups].map(([k, rs]) => ({ name: `${symbolOf(column)} = ${k}`, rows: rs }));
}

export const plotCommand: CommandModule<object, Args> = {
  command: 'plot <file>',
  describe: 'Plot columns of any gardner output (CSV or JSON) to an SVG (vega-lite, rendered without a browser)',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'a .csv or .json file of rows' })
      .option('x', { type: 'string', demandOption: true, describe: 'column on the x axis (e.g. alpha, kappa, d)' })
      .option('y', { type: 'string', demandOption: true, describe: 'column(s) on the y axis, comma-separated (e.g. eps_gibbs,eps_bayes)' })
      .option('color', { type: 'string', describe: 'one series per value of this column (e.g. kappa, prior, curve)' })
      .option('error', { type: 'string', describe: 'column with the standard error of y: error bars y ± error' })
      .option('mark', { type: 'string', describe: 'line | point | line+point [default: point with --error, else line]' })
      .option('rule', { type: 'string', array: true, describe: 'mark a transition: COL=VALUE[:LABEL], repeatable (e.g. alpha=1.2447:first order)' })
      .option('rules', { type: 'string', describe: 'a file of transition rows (gardner transition --out t.csv): a rule at each row’s x value' })
      .option('title', { type: 'string', describe: 'chart title [default: the file name]' })
      .option('log-x', { type: 'boolean', default: false, describe: 'logarithmic x axis' })
      .option('log-y', { type: 'boolean', default: false, describe: 'logarithmic y axis' })
      .option('out', { type: 'string', describe: 'SVG file to write [default: FILE with .svg]' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no notes on stderr' })
      .example('gardner plot sweep.csv --x alpha --y entropy --color kappa', 'one curve per κ')
      .example('gardner plot ts.csv --x alpha --y eps_gibbs,eps_bayes --rule alpha=1.2447:first-order', 'with a transition marked') as unknown as Argv<Args>,
  handler: async (argv) => {
    const file = argv.file;
    if (!file) throw new UsageError('name the file to plot: gardner plot FILE.csv --x COL --y COL');
    const x = String(argv.x);
    const ys = String(argv.y).split(',').map((s) => s.trim()).filter(Boolean);
    if (!ys.length) throw invalid('y', argv.y, 'one or more column names, comma-separated');
    const cols = [x, ...ys, ...(argv.color ? [argv.color] : []), ...(argv.error ? [argv.error] : [])];
    const t = readInput(file, cols);
    for (const c of [x, ...ys]) requireNumeric(t, c);
    if (argv.error && ys.length > 1) throw invalid('error', argv.error, 'a single --y column when error bars are drawn');
    const mark = parseChoice('mark', argv.mark ?? (argv.error ? 'point' : 'line'), MARKS);
    const series: Series[] = [];
    for (const yc of ys) {
      for (const g of groupBy(t.rows, argv.color)) {
        const name = [ys.length > 1 || !argv.color ? symbolOf(yc) : '', g.name].filter(Boolean).join(', ');
        series.push({ name, rows: g.rows, y: yc, mark, ...(argv.error ? { error: argv.error } : {}) });
      }
    }
    const rules = [...parseRules(argv.rule, x, ys[0]!), ...(argv.rules ? rulesFromFile(argv.rules, x) : [])];
    const out = argv.out ?? file.replace(/\.(csv|json)$/i, '') + '.svg';
    if (!/\.svg$/i.test(out)) throw invalid('out', out, 'a file name ending in .svg');
    const svg = await renderSVG(
      chartSpec({ title: argv.title ?? file.split('/').pop()!, x, y: ys[0]!, ...(ys.length > 1 ? { yTitle: ys.map(symbolOf).join(', ') } : {}), series, rules, logX: argv['log-x'] ?? false, logY: argv['log-y'] ?? false }),
    );
    writeFileAtomic(out, svg);
    if (!argv.quiet) note(`wrote ${out} (${t.rows.length} rows, ${series.length} series${rules.length ? `, ${rules.length} rules` : ''})`);
  },
};
