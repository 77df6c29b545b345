/**
 * `gardner simulate`: train students on seeded instances (src/teacher-student) over a grid of
 * (algorithm, N, α) and write one row per grid point: success rate, errors, overlaps, local energy, time to
 * solution, each as mean ± standard error over instances, with the theory's field names (alpha, kappa, …).
 */
import type { Argv, CommandModule } from 'yargs';
import { provenance, setCommandLine } from '../../io/provenance.js';
import { algorithmNames, algorithms, type AlgorithmName, type Model, type Prior } from '../../teacher-student/algorithms.js';
import { simulate, type SimConfig, type SimSetting } from '../../teacher-student/runner.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { invalid, UsageError } from '../errors.js';
import { parseChoice, parseNumber, parseOptionalNumber, parseRange } from '../options.js';
import { emitRows } from '../output.js';
import { createProgress, type Progress } from '../progress.js';
import { rfSimulate, withRFSimulateOptions } from '../random-features-simulate.js';

interface Args extends OutputArgs {
  model?: string;
  prior?: string;
  setting?: string;
  algorithm?: string;
  n?: string;
  alpha?: string;
  samples?: string;
  seed?: string;
  jobs?: string;
  kappa?: string;
  k?: string;
  'max-sweeps'?: string;
  runs?: string;
  sigma?: string;
  'noise-samples'?: string;
  neighbourhood?: string;
  'test-patterns'?: string;
  param?: string[];
}

const DEFAULT_ALGORITHM: Record<string, AlgorithmName> = { 'perceptron/binary': 'cpr', 'perceptron/spherical': 'hinge', 'committee/binary': 'least-action', 'committee/spherical': 'least-action' };

function list<T>(option: string, raw: string, parse: (s: string) => T): T[] {
  const parts = raw.split(',').map((s) => s.trim());
  if (parts.some((s) => s === '')) throw invalid(option, raw, 'a comma-separated list without empty items');
  return parts.map(parse);
}

export function configsFromArgs(a: Args): { configs: SimConfig[]; samples: number; seed: number; jobs: number } {
  const model = parseChoice('model', a.model ?? 'perceptron', ['perceptron', 'committee'] as const) as Model;
  const prior = parseChoice('prior', a.prior ?? 'binary', ['binary', 'spherical'] as const) as Prior;
  const setting = parseChoice('setting', a.setting ?? 'storage', ['storage', 'teacher-student'] as const) as SimSetting;
  const algos = list('algorithm', a.algorithm ?? DEFAULT_ALGORITHM[`${model}/${prior}`]!, (s) => parseChoice('algorithm', s, algorithmNames));
  const k = model === 'committee' ? parseOptionalNumber('k', a.k, 3, { min: 3, max: 15, integer: true }) : undefined;
  if (k !== undefined && k % 2 === 0) throw invalid('k', a.k, 'an odd integer in [3, 15] (majority vote)');
  const ns = list('n', a.n ?? '201', (s) => parseNumber('n', s, { min: 3, max: 100_001, integer: true }));
  const alphas = parseRange('alpha', a.alpha ?? '0.5', { min: 0, max: 20, minExclusive: true }, 'up', 1000).values;
  const kappa = parseOptionalNumber('kappa', a.kappa, 0, { min: -5, max: 5 });
  const samples = parseOptionalNumber('samples', a.samples, 10, { min: 1, max: 100_000, integer: true });
  const seed = parseOptionalNumber('seed', a.seed, 1, { min: 0, max: 0xffffffff, integer: true });
  const jobs = parseOptionalNumber('jobs', a.jobs, 1, { min: 1, max: 256, integer: true });
  const runs = parseOptionalNumber('runs', a.runs, 1, { min: 1, max: 10, integer: true });
  const sigmas = a.sigma === undefined ? undefined : list('sigma', a.sigma, (s) => parseNumber('sigma', s, { min: 0, max: 10 }));
  const noiseSamples = parseOptionalNumber('noise-samples', a['noise-samples'], 100, { min: 1, max: 1_000_000, integer: true });
  const neighbourhood = parseOptionalNumber('neighbourhood', a.neighbourhood, 0, { min: 0, max: 4, integer: true });
  if (neighbourhood > 0 && (prior !== 'binary' || model !== 'perceptron')) throw invalid('neighbourhood', a.neighbourhood, '0 unless --model perceptron --prior binary (exact neighbourhood of ±1 solutions)');
  const testPatterns = parseOptionalNumber('test-patterns', a['test-patterns'], 10_000, { min: 1, max: 10_000_000, integer: true });
  const params: Record<string, number> = {};
  for (const kv of a.param ?? []) {
    const m = /^([a-z][a-z0-9]*)=(.+)$/i.exec(kv);
    if (!m) throw invalid('param', kv, 'NAME=VALUE, e.g. ps=0.1');
    params[m[1]!] = parseNumber('param', m[2], {});
  }
  const configs: SimConfig[] = [];
  for (const algorithm of algos) {
    const info = algorithms[algorithm];
    if (info.model !== model) throw invalid('algorithm', algorithm, `an algorithm for --model ${model}: ${algorithmNames.filter((n) => algorithms[n].model === model && algorithms[n].priors.includes(prior)).join(', ')}`);
    if (!info.priors.includes(prior)) throw invalid('algorithm', algorithm, `an algorithm for --prior ${prior}: ${algorithmNames.filter((n) => algorithms[n].model === model && algorithms[n].priors.includes(prior)).join(', ')}`);
    if (kappa !== 0 && !info.margin) throw invalid('kappa', a.kappa, `0 for --algorithm ${algorithm}`);
    const maxSweeps = parseOptionalNumber('max-sweeps', a['max-sweeps'], info.maxSweeps, { min: 1, max: 1e7, integer: true });
    for (const n of ns) {
      if (k !== undefined && n % k !== 0) throw invalid('n', n, `a multiple of --k ${k} (tree committee blocks of N/K inputs)`);
      for (const alpha of alphas) {
        configs.push({ model, prior, setting, algorithm, n, alpha, kappa, ...(k !== undefined ? { k } : {}), maxSweeps, runs, ...(sigmas ? { sigmas } : {}), noiseSamples, ...(neighbourhood ? { neighbourhood } : {}), testPatterns, ...(Object.keys(params).length ? { params } : {}) });
      }
    }
  }
  if (configs.length * samples > 1_000_000) throw new UsageError(`--samples: ${configs.length} grid points × ${samples} samples is more than 10⁶ runs`);
  return { configs, samples, seed, jobs };
}

export const simulateCommand: CommandModule<object, Args> = {
  command: 'simulate',
  describe: 'Train students on seeded instances (storage or teacher-student) and measure success rate, errors, overlaps, local energy',
  builder: (y: Argv) =>
    withRFSimulateOptions(withOutputOptions(y))
      .option('model', { type: 'string', default: 'perceptron', describe: 'perceptron | committee (tree committee, sign units) | random-features (binary student on random features; see --alpha-d, --gamma, --d, --activation)' })
      .option('prior', { type: 'string', describe: 'student (and teacher) weights: binary | spherical [default: binary]' })
      .option('setting', { type: 'string', describe: 'storage (random labels) | teacher-student (labels from a teacher of the same kind) [default: storage]' })
      .option('algorithm', { type: 'string', describe: `comma list of: ${algorithmNames.join(', ')} [default: cpr (binary perceptron), hinge (spherical), least-action (committee)]` })
      .option('n', { type: 'string', describe: 'number of weights N, or a comma list (committee: a multiple of K) [default: 201]' })
      .option('alpha', { type: 'string', describe: 'α = P/N, or FROM:TO:STEP [default: 0.5]' })
      .option('samples', { type: 'string', default: '10', describe: 'instances per grid point' })
      .option('seed', { type: 'string', default: '1', describe: 'master seed (instances depend on seed, N, α, sample)' })
      .option('jobs', { type: 'string', default: '1', describe: 'worker threads' })
      .option('kappa', { type: 'string', default: '0', describe: 'margin κ (binary algorithms and hinge)' })
      .option('k', { type: 'string', describe: 'hidden units K of the committee (odd) [default: 3]' })
      .option('max-sweeps', { type: 'string', describe: 'budget in the algorithm unit [default: cpr/sbpi/hinge/least-action 5000 sweeps, sa 2000 MC sweeps, fbp 400 iterations, gibbs burn-in param]' })
      .option('runs', { type: 'string', describe: 'runs per instance (≥ 2 adds overlap_solutions between independent solutions) [default: 1]' })
      .option('sigma', { type: 'string', describe: 'measure the local energy δE(σ) of each verified solution at this multiplicative noise σ, or a comma list (fields local_energy_s<σ>) [default: not measured]' })
      .option('neighbourhood', { type: 'string', describe: 'binary perceptron: count the solutions at Hamming distance 1…K (K ≤ 4) from each verified solution, exactly (fields neighbours_k, neighbour_fraction_k = N_k/C(N,k)) [default: 0, not measured]' })
      .option('noise-samples', { type: 'string', default: '100', describe: 'noise draws per solution for δE(σ)' })
      .option('test-patterns', { type: 'string', default: '10000', describe: 'fresh teacher-labelled patterns for test_error' })
      .option('param', { type: 'string', array: true, describe: 'algorithm parameter NAME=VALUE (see docs/simulations.md), repeatable' })
      .example('gardner simulate --algorithm cpr,fbp --n 201,401 --alpha 0.5:0.8:0.05 --samples 20 --jobs 2', 'success probability of CP+R and fBP vs α')
      .example('gardner simulate --model random-features --alpha-d 1 --gamma 0.9:2.1:0.2 --d 100 --algorithm cpr,fbp --samples 20', 'success probability across γ_interp and γ_LE')
      .example('gardner simulate --prior spherical --setting teacher-student --algorithm gibbs --n 200 --alpha 1', 'Gibbs test error') as unknown as Argv<Args>,
  handler: async (argv) => {
    checkOutputArgs(argv);
    if (argv.model === 'random-features') return rfSimulate(argv as never);
    const { configs, samples, seed, jobs } = configsFromArgs(argv);
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const prov = provenance();
    let bar: Progress | undefined; // progress bar with ETA on a terminal (progress.ts), silent otherwise
    const { rows } = await simulate(configs, samples, seed, {
      jobs,
      onResult: (d: number, t: number) => (bar ??= createProgress(t, { quiet: argv.quiet ?? false, label: 'simulate' })).update(d),
    });
    bar?.stop();
    emitRows(
      rows.map((r) => ({ ...r, ...prov })),
      { ...argv, tableColumns: ['algorithm', 'n', 'alpha', 'kappa', 'samples', 'success_rate', 'success_rate_se', 'train_error', 'test_error', 'test_error_se', 'overlap_teacher', 'overlap_solutions', 'local_energy', 'local_energy_se', 'sweeps'] },
    );
  },
};
