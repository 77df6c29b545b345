import type { Argv, CommandModule } from 'yargs';
import { provenance, setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { enumerateStudy, MAX_N, patternsFor } from '../../teacher-student/enumeration.js';
import { enumerationRow, extrapolationRows } from '../../teacher-student/enumeration/rows.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { invalid, UsageError } from '../errors.js';
import { MODELS, PRIORS, SETTINGS } from '../model-options.js';
import { parseChoice, parseNumber, parseOptionalNumber, parseRange } from '../options.js';
import { emitRows } from '../output.js';
import { createProgress } from '../progress.js';

type Args = OutputArgs & {
  model?: string;
  prior?: string;
  setting?: string;
  n?: string;
  alpha?: string;
  samples?: string;
  seed?: string;
  kappa?: string;
  jobs?: string;
  'local-entropy'?: boolean;
  'max-distance'?: string;
  'test-size'?: string;
  extrapolate?: boolean;
};

export const TABLE_COLUMNS = ['setting', 'alpha', 'kappa', 'n', 'p', 'samples', 'no_solution', 'entropy', 'entropy_se', 'eps_gibbs', 'eps_gibbs_se', 'eps_bayes', 'eps_bayes_se', 'n_dist_1', 'n_dist_1_se', 'n_dist_2', 'n_dist_3'];

/** A list of values: `A`, `A,B,C` or `FROM:TO:STEP`. */
function parseList(option: string, raw: unknown, c: Parameters<typeof parseNumber>[2]): number[] {
  if (raw === undefined) throw new UsageError(`--${option} is required`);
  const s = String(raw);
  if (s.includes(',')) return s.split(',').map((x) => parseNumber(option, x, c));
  return parseRange(option, s, c, 'up', 1000).values;
}

export const enumerateCommand: CommandModule<object, Args> = {
  command: 'enumerate',
  describe: 'Exact enumeration of binary perceptron students w ∈ {±1}^N: solution counts, local entropy around a random solution, version-space errors',
  builder: (y: Argv) =>
    withOutputOptions(y)
      .option('model', { type: 'string', default: 'perceptron', describe: 'network: perceptron (the only one enumerated)' })
      .option('prior', { type: 'string', default: 'binary', describe: 'weights: binary (w = ±1; the only prior that can be enumerated)' })
      .option('setting', { type: 'string', default: 'storage', describe: 'storage (random labels) or teacher-student (labels from a binary teacher perceptron)' })
      .option('n', { type: 'string', demandOption: true, describe: `number of weights N, integer in [1, ${MAX_N}] (cost ∝ 2^N per instance); a list N1,N2,… or FROM:TO:STEP` })
      .option('alpha', { type: 'string', demandOption: true, describe: 'constraint density α; P = round(αN) ≥ 1 patterns; a list or FROM:TO:STEP' })
      .option('samples', { type: 'string', default: '100', describe: 'instances (independent draws of the patterns, labels and teacher) per (α, N)' })
      .option('seed', { type: 'string', default: '1', describe: 'seed of the instances (instance i uses child seeds of (seed, i)), integer in [0, 4294967295]' })
      .option('kappa', { type: 'string', default: '0', describe: 'margin κ: a solution has every stability yw·x/√N > κ; real in [−10, 10]' })
      .option('jobs', { type: 'string', default: '1', describe: 'worker threads (results do not depend on it)' })
      .option('local-entropy', { type: 'boolean', default: false, describe: 'count the solutions at each Hamming distance k from a uniformly random solution of each instance (columns n_dist_k, s_dist_k = ln(mean count)/N)' })
      .option('max-distance', { type: 'string', describe: 'with --local-entropy: columns for distances k = 1 … K [default: 3]' })
      .option('test-size', { type: 'string', describe: 'teacher-student: fresh test patterns per instance for the majority-vote (Bayes) error [default: 1000]' })
      .option('extrapolate', { type: 'boolean', default: false, describe: 'add one row per α with each average extrapolated to N → ∞ (weighted least squares in 1/N; needs ≥ 2 sizes)' })
      .example('gardner enumerate --n 12:20:2 --alpha 0.5 --samples 400 --extrapolate', 'E[ln #solutions]/N against 1/N, binary storage κ = 0 (RS: 0.314390)')
      .example('gardner enumerate --setting teacher-student --n 20 --alpha 0.5,1 --samples 200', 'exact Gibbs and Bayes errors of the version space')
      .example('gardner enumerate --n 22 --alpha 0.5 --samples 100 --local-entropy', 'solutions near a random solution: few (isolated solutions)') as unknown as Argv<Args>,
  handler: async (argv) => {
    checkOutputArgs(argv);
    const model = parseChoice('model', argv.model ?? 'perceptron', MODELS);
    if (model !== 'perceptron') throw invalid('model', model, 'perceptron (enumeration is implemented for the binary perceptron)');
    const prior = parseChoice('prior', argv.prior ?? 'binary', PRIORS);
    if (prior !== 'binary') throw invalid('prior', prior, 'binary (only w ∈ {±1}^N can be enumerated)');
    const setting = parseChoice('setting', argv.setting ?? 'storage', SETTINGS);
    const ns = parseList('n', argv.n, { min: 1, max: MAX_N, integer: true });
    const alphas = parseList('alpha', argv.alpha, { min: 0, minExclusive: true, max: 100 });
    for (const a of alphas) for (const n of ns) {
      if (patternsFor(n, a) < 1) throw invalid('alpha', a, `a value with P = round(αN) ≥ 1 at N = ${n} (here αN = ${(a * n).toPrecision(3)} rounds to 0)`);
    }
    const samples = parseOptionalNumber('samples', argv.samples, 100, { min: 1, max: 10_000_000, integer: true });
    const seed = parseOptionalNumber('seed', argv.seed, 1, { min: 0, max: 0xffffffff, integer: true });
    const kappa = parseOptionalNumber('kappa', argv.kappa, 0, { min: -10, max: 10 });
    const jobs = parseOptionalNumber('jobs', argv.jobs, 1, { min: 1, max: 256, integer: true });
    const maxDistance = parseOptionalNumber('max-distance', argv['max-distance'], 3, { min: 1, max: MAX_N, integer: true });
    if (argv['max-distance'] !== undefined && !argv['local-entropy']) throw invalid('max-distance', argv['max-distance'], 'only with --local-entropy');
    if (argv['test-size'] !== undefined && setting !== 'teacher-student') throw invalid('test-size', argv['test-size'], 'only with --setting teacher-student');
    const testSize = parseOptionalNumber('test-size', argv['test-size'], 1000, { min: 0, max: 1_000_000, integer: true });
    if (argv.extrapolate && new Set(ns).size < 2) throw invalid('n', argv.n, 'at least two sizes with --extrapolate');
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const bar = createProgress(alphas.length * ns.length, { quiet: argv.quiet ?? false, label: 'enumerate (α, N) points' }); // silent unless on a terminal
    const rows: Row[] = [];
    for (const alpha of alphas) {
      for (const n of ns) {
        const s = await enumerateStudy({ setting, n, alpha, kappa, samples, seed, localEntropy: argv['local-entropy'] ?? false, testSize, jobs });
        rows.push(enumerationRow(s, maxDistance, setting === 'teacher-student' ? testSize : undefined));
        bar.tick();
      }
    }
    bar.stop();
    if (argv.extrapolate) rows.push(...extrapolationRows(rows));
    const prov = provenance({ seed });
    emitRows(rows.map((r) => ({ ...r, ...prov })), { ...argv, tableColumns: TABLE_COLUMNS });
  },
};
