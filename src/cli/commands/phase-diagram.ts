import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { FAMILIES, type DiagramOptions, type FamilyTask } from '../../diagram/families.js';
import { parseRFDiagramOptions, randomFeaturesFamily, withRFDiagramOptions } from '../../diagram/random-features-family.js';
import { writeFileAtomic } from '../../io/atomic.js';
import { toCSV, toJSON, toTable } from '../../io/format.js';
import { provenance, setCommandLine } from '../../io/provenance.js';
import { checkRow, type Row } from '../../io/row.js';
import { AbortedError, parallelMap } from '../../parallel/pool.js';
import { chartSpec } from '../../plot/chart.js';
import { combineCharts } from '../../plot/combine.js';
import { renderSVG } from '../../plot/render.js';
import { ComputationError, invalid, UsageError } from '../errors.js';
import { parseJobs } from '../grid-runner.js';
import { withInterrupt } from '../interrupt.js';
import { parseChoice, parseNumber, parseOptionalNumber, parseRange } from '../options.js';
import { note } from '../output.js';
import { createProgress } from '../progress.js';

type Args = {
  'out-dir'?: string;
  kappa?: string;
  'le-kappa'?: string;
  'le-tol'?: string;
  'ts-step'?: string;
  'alpha-d'?: string;
  'le-alpha-d'?: string;
  activation?: string;
  families?: string;
  model?: string;
  jobs?: string;
  quiet?: boolean;
};

/** What `npm start` draws: the perceptron's planes and the random-features (α_D, γ) plane (~30 s more CPU). */
const DEFAULT_MODELS = 'perceptron,random-features';

/** The models that have phase-diagram families (families.ts registry). */
const modelsWithFamilies = () => [...new Set(FAMILIES.map((f) => f.model))];

/** A comma-separated list of numbers, each checked. */
export function parseList(option: string, raw: unknown, c: Parameters<typeof parseNumber>[2]): number[] {
  if (typeof raw !== 'string' || raw.trim() === '') throw invalid(option, raw, 'a comma-separated list of numbers');
  if (raw.includes(':')) return parseRange(option, raw, c, 'up', 1000).values;
  return raw.split(',').map((s) => parseNumber(option, s, c));
}


const workerURL = new URL(`../../diagram/worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

export const phaseDiagramCommand: CommandModule<object, Args> = {
  command: 'phase-diagram',
  describe: 'The phase diagram (what npm start runs): perceptron storage plane (κ, α) with α_c, α_KM, RS end and α_LE, the binary teacher-student ε(α) with its transitions, and the random-features plane (α_D, γ) with γ_interp, γ_LE and algorithmic points; CSV, JSON and SVGs in out/',
  builder: (y: Argv) =>
    withRFDiagramOptions(y)
      .option('out-dir', { type: 'string', default: 'out', describe: 'directory for phase-diagram.{csv,json,svg} and phase-diagram-<family>.svg' })
      .option('model', { type: 'string', default: DEFAULT_MODELS, describe: `the networks whose families are drawn, comma-separated, or 'all' (${modelsWithFamilies().join(', ')})` })
      .option('families', { type: 'string', describe: `comma-separated families (${FAMILIES.map((f) => `${f.name}: ${f.describe}`).join('; ')}) [default: every family of --model]` })
      .option('kappa', { type: 'string', default: '-1:1:0.1', describe: 'margins κ of the capacity curves, FROM:TO:STEP' })
      .option('le-kappa', { type: 'string', default: '-0.5,0,0.5', describe: 'margins κ at which α_LE is computed, comma-separated (or FROM:TO:STEP); each costs ~5-25 s on one core' })
      .option('le-tol', { type: 'string', default: '1e-3', describe: 'tolerance on α_LE (the transition command defaults to 1e-4)' })
      .option('ts-step', { type: 'string', default: '0.05', describe: 'α step of the teacher-student branch' })
      .option('jobs', { type: 'string', describe: 'worker threads [default: the available cores]' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar, summary or notes' })
      .example('npm start', 'the default diagram, written to out/')
      .example('gardner phase-diagram --families storage --le-kappa 0 --jobs 2', 'the storage plane only, α_LE at κ = 0')
      .example('gardner phase-diagram --model random-features --algorithmic-points cpr,fbp --sim-d 50 --samples 12', 'the (α_D, γ) plane with simulated onsets of cpr and fbp at α_D = 0.5, 1, 2') as unknown as Argv<Args>,
  handler: async (argv) => {
    const model = argv.model ?? DEFAULT_MODELS;
    const models = model === 'all' ? modelsWithFamilies() : model.split(',').map((m) => m.trim());
    if (models.some((m) => !modelsWithFamilies().includes(m))) {
      throw invalid('model', model, `'all' or a comma-separated list of models with phase-diagram families (${modelsWithFamilies().join(', ')}); a new model adds its family to src/diagram/families.ts`);
    }
    const ofModel = FAMILIES.filter((f) => models.includes(f.model));
    const families = argv.families === undefined ? ofModel : argv.families.split(',').map((n) => {
      const f = ofModel.find((x) => x.name === n.trim());
      if (!f) throw invalid('families', argv.families, `a comma-separated subset of ${ofModel.map((x) => x.name).join(', ')}`);
      return f;
    });
    const opts: DiagramOptions = {
      kappas: parseRange('kappa', argv.kappa ?? '-1:1:0.1', { min: -5, max: 5 }, 'up', 1000).values,
      leKappas: argv['le-kappa'] === '' || argv['le-kappa'] === 'none' ? [] : parseList('le-kappa', argv['le-kappa'] ?? '-0.5,0,0.5', { min: -2, max: 2 }),
      leTol: parseOptionalNumber('le-tol', argv['le-tol'], 1e-3, { min: 1e-8, max: 1e-1 }),
      tsStep: parseOptionalNumber('ts-step', argv['ts-step'], 0.05, { min: 0.001, max: 0.5 }),
    };
    if (families.includes(randomFeaturesFamily)) opts.rf = parseRFDiagramOptions({ ...argv, leTol: opts.leTol });
    const jobs = parseJobs(argv.jobs);
    const dir = argv['out-dir'] ?? 'out';
    if (dir.trim() === '') throw new UsageError('--out-dir: an empty path is not allowed');
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const t0 = Date.now();
    // Longest tasks first, so that the expensive α_LE points do not end up last on one worker.
    const tasks: FamilyTask[] = families.flatMap((f) => f.tasks(opts)).sort((a, b) => b.cost - a.cost);
    const bar = createProgress(tasks.length, { quiet: argv.quiet ?? false, label: 'phase diagram' });
    let results: Row[][];
    let interrupted = false;
    const done: Row[][] = new Array(tasks.length);
    try {
      results = await withInterrupt((signal) => parallelMap<FamilyTask, Row[]>(workerURL, tasks, { jobs, signal, onResult: (r, i) => ((done[i] = r), bar.tick()) }), { quiet: argv.quiet ?? false });
    } catch (err) {
      if (!(err instanceof AbortedError)) throw err;
      interrupted = true;
      results = done.filter(Boolean);
    } finally {
      bar.stop();
    }
    const prov = provenance();
    const rows: Row[] = families.flatMap((f) => results.flat().filter((r) => r.family === f.name)).map((r, i) => checkRow({ ...r, ...prov }, `phase-diagram row ${i}`));
    const csv = join(dir, 'phase-diagram.csv');
    const json = join(dir, 'phase-diagram.json');
    const svg = join(dir, 'phase-diagram.svg');
    writeFileAtomic(csv, toCSV(rows));
    writeFileAtomic(json, toJSON(rows));
    const charts = families.map((f) => ({ family: f, chart: f.chart(rows.filter((r) => r.family === f.name)) }));
    const written = [csv, json, svg];
    writeFileAtomic(svg, await renderSVG(combineCharts(charts.map((c) => c.chart))));
    for (const c of charts) {
      const p = join(dir, `phase-diagram-${c.family.name}.svg`);
      writeFileAtomic(p, await renderSVG(chartSpec(c.chart)));
      written.push(p);
    }
    const seconds = (Date.now() - t0) / 1000;
    if (!argv.quiet) {
      const summary = families.flatMap((f) => f.summary(rows.filter((r) => r.family === f.name)));
      process.stdout.write(toTable(summary, ['family', 'curve', 'kappa', 'alpha', 'alpha_d', 'gamma', 'gamma_error', 'algorithm', 'd', 'tolerance', 'eps_gibbs', 'eps_bayes', 'converged'].filter((c) => summary.some((r) => c in r))));
      process.stdout.write(`\n${rows.length} rows (${families.map((f) => f.name).join(', ')}) in ${seconds.toFixed(1)} s on ${Math.min(jobs, tasks.length)} worker thread${jobs === 1 ? '' : 's'}:\n${written.map((p) => '  ' + p).join('\n')}\n`);
    }
    if (interrupted) throw new ComputationError(`interrupted: wrote the ${rows.length} rows computed so far (${results.length} of ${tasks.length} tasks) to ${dir}/`);
    const failed = rows.filter((r) => r.converged === false);
    if (failed.length) {
      throw new ComputationError(`phase diagram: ${failed.length} points did not converge (${failed.map((r) => (r.alpha_d !== undefined ? `${r.curve} α_D=${r.alpha_d} γ=${r.gamma}` : `${r.curve} κ=${r.kappa ?? ''} α=${r.alpha}`)).join(', ')}); they are in the files, flagged converged=false`);
    }
    if (!argv.quiet && !process.stdout.isTTY) note('');
  },
};
