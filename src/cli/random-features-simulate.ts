/**
 * `gardner simulate --model random-features`: binary students trained on the centred random features of a
 * hidden perceptron teacher (src/teacher-student/random-features-lab.ts), over a grid of (D, γ, algorithm)
 * at fixed α_D. Rows: success_rate, train_error, test_error (fresh examples through the same F), local energy
 * δE(σ) of verified solutions, time to solution, each with its standard error over instances.
 */
import type { Argv } from 'yargs';
import { provenance, setCommandLine } from '../io/provenance.js';
import { ACTIVATIONS } from '../replica/activations.js';
import { algorithmNames, algorithms, type AlgorithmName } from '../teacher-student/algorithms.js';
import { simulateRandomFeatures, type RFSimConfig } from '../teacher-student/random-features-lab.js';
import { invalid, UsageError } from './errors.js';
import { parseChoice, parseNumber, parseOptionalNumber, parseRange } from './options.js';
import { emitRows, note } from './output.js';

export function withRFSimulateOptions<T>(y: Argv<T>) {
  return y
    .option('alpha-d', { type: 'string', describe: 'random features: examples per hidden dimension α_D = P/D [default: 1]' })
    .option('gamma', { type: 'string', describe: 'random features: γ = N/D, a value or FROM:TO:STEP [default: 1.5]' })
    .option('d', { type: 'string', describe: 'random features: hidden dimension D, or a comma list [default: 100]' })
    .option('activation', { type: 'string', describe: `random features: feature activation ${ACTIVATIONS.join(' | ')} (centred) [default: sign]` });
}

export interface RFSimArgs {
  [key: string]: unknown;
  model?: string;
  prior?: string;
  setting?: string;
  algorithm?: string;
  alpha?: string;
  n?: string;
  k?: string;
  'alpha-d'?: string;
  gamma?: string;
  d?: string;
  activation?: string;
  samples?: string;
  seed?: string;
  jobs?: string;
  kappa?: string;
  'max-sweeps'?: string;
  sigma?: string;
  'noise-samples'?: string;
  'test-patterns'?: string;
  runs?: string;
  quiet?: boolean;
}

export function rfSimConfigs(a: RFSimArgs): { configs: RFSimConfig[]; samples: number; seed: number; jobs: number } {
  if (a.prior !== undefined && a.prior !== 'binary') throw invalid('prior', a.prior, 'binary (the random-features student has ±1 weights)');
  if (a.setting !== undefined && a.setting !== 'teacher-student') throw invalid('setting', a.setting, 'teacher-student (labels from the hidden perceptron teacher)');
  for (const o of ['alpha', 'n', 'runs', 'k'] as const) {
    if (a[o] !== undefined) throw invalid(o, a[o], 'not with --model random-features (use --alpha-d, --gamma and --d: N = γD, P = α_D·D)');
  }
  const binary = algorithmNames.filter((n) => algorithms[n].model === 'perceptron' && algorithms[n].priors.includes('binary'));
  const algos = (a.algorithm ?? 'cpr').split(',').map((s) => parseChoice('algorithm', s.trim(), binary)) as AlgorithmName[];
  const activation = parseChoice('activation', a.activation ?? 'sign', ACTIVATIONS);
  const alphaD = parseNumber('alpha-d', a['alpha-d'] ?? '1', { min: 0, minExclusive: true, max: 100 });
  const gammas = parseRange('gamma', a.gamma ?? '1.5', { min: 0, minExclusive: true, max: 1000 }, 'up', 1000).values;
  const ds = (a.d ?? '100').split(',').map((s) => parseNumber('d', s.trim(), { min: 2, max: 20_000, integer: true }));
  const kappa = parseOptionalNumber('kappa', a.kappa, 0, { min: -5, max: 5 });
  const samples = parseOptionalNumber('samples', a.samples, 10, { min: 1, max: 100_000, integer: true });
  const seed = parseOptionalNumber('seed', a.seed, 1, { min: 0, max: 0xffffffff, integer: true });
  const jobs = parseOptionalNumber('jobs', a.jobs, 1, { min: 1, max: 256, integer: true });
  const sigmas = a.sigma === undefined ? [] : a.sigma.split(',').map((s) => parseNumber('sigma', s.trim(), { min: 0, max: 10 }));
  const noiseSamples = parseOptionalNumber('noise-samples', a['noise-samples'], 100, { min: 1, max: 1_000_000, integer: true });
  const testPatterns = parseOptionalNumber('test-patterns', a['test-patterns'], 10_000, { min: 1, max: 10_000_000, integer: true });
  const configs: RFSimConfig[] = [];
  for (const algorithm of algos) {
    const maxSweeps = parseOptionalNumber('max-sweeps', a['max-sweeps'], algorithms[algorithm].maxSweeps, { min: 1, max: 1e7, integer: true });
    for (const d of ds) for (const gamma of gammas) {
      if (Math.round(gamma * d) < 1 || Math.round(alphaD * d) < 1) throw invalid('d', d, `large enough that N = γD and P = α_D·D are ≥ 1 (γ = ${gamma}, α_D = ${alphaD})`);
      configs.push({ algorithm, activation, alphaD, gamma, d, kappa, maxSweeps, testPatterns, sigmas, noiseSamples });
    }
  }
  if (configs.length * samples > 1_000_000) throw new UsageError(`--samples: ${configs.length} grid points × ${samples} samples is more than 10⁶ runs`);
  return { configs, samples, seed, jobs };
}

export async function rfSimulate(argv: RFSimArgs & { format?: string; out?: string }): Promise<void> {
  const { configs, samples, seed, jobs } = rfSimConfigs(argv);
  setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
  const prov = provenance();
  const showProgress = !argv.quiet && process.stderr.isTTY;
  const rows = await simulateRandomFeatures(configs, samples, seed, {
    jobs,
    ...(showProgress ? { onResult: (d: number, t: number) => process.stderr.write(`\rsimulate: ${d}/${t} instances`) } : {}),
  });
  if (showProgress) note('');
  emitRows(rows.map((r) => ({ ...r, ...prov })), { ...argv, tableColumns: ['algorithm', 'd', 'gamma', 'alpha', 'n', 'p', 'samples', 'success_rate', 'success_rate_se', 'test_error', 'test_error_se', 'local_energy_0', 'sweeps'] } as never);
}
