/**
 * Trained binary students on random features (issue #8 item 5; REFERENCE.md §5): the lab's binary
 * algorithms run unchanged on the centred features of `random-features-data.ts`, across the interpolation
 * (γ_interp) and local-entropy (γ_LE) transitions of the theory.
 *
 * A grid point is (α_D, γ, D, algorithm, activation): N = round(γD) features, P = round(α_D D) examples.
 * Each task is one seeded instance (inputs, teacher, F); all algorithms see the same instances. A found
 * solution counts only after `verifySolution` checks it against every training example; its test error is
 * measured on fresh examples through the same F and teacher, its flatness by the local energy δE(σ).
 * Rows carry the same control-parameter names as the theory rows (model, activation, alpha_d, gamma,
 * alpha = α_D/γ, kappa), so `gardner compare` joins them on (alpha_d, gamma).
 */
import { childSeed } from '../math/rng.js';
import { parallelMap } from '../parallel/pool.js';
import type { Row } from '../io/row.js';
import { activationByName } from '../replica/activations.js';
import { featureMap, type FeatureMap } from '../replica/random-features.js';
import { algorithms, type AlgorithmName } from './algorithms.js';
import { countErrors } from './data.js';
import { localEnergy, meanSe, overlap, verifySolution } from './observables.js';
import { randomFeaturesData, randomFeaturesTestSet } from './random-features-data.js';

export interface RFSimConfig {
  algorithm: AlgorithmName;
  activation: string;
  alphaD: number;
  gamma: number;
  /** Hidden dimension D. */
  d: number;
  kappa: number;
  maxSweeps: number;
  /** Fresh examples for the test error of each found solution. */
  testPatterns: number;
  /** Local-energy noise amplitudes (empty: not measured) and noise draws per amplitude. */
  sigmas: readonly number[];
  noiseSamples: number;
  params?: Record<string, number>;
}

export interface RFTask {
  config: RFSimConfig;
  sample: number;
  seed: number;
}

export interface RFOutcome {
  sample: number;
  success: boolean;
  trainError: number;
  sweeps: number;
  seconds: number;
  /** Test error of the final weights (solution or not). */
  testError: number;
  /** Overlap of the student with the aligned reference w_i = sign(f_i·v) (how much of the teacher it sees). */
  overlapAligned: number;
  /** δE(σ) per entry of config.sigmas (successful runs only). */
  localEnergy?: number[];
}

export const featuresOf = (c: Pick<RFSimConfig, 'd' | 'gamma'>) => Math.max(1, Math.round(c.gamma * c.d));
export const examplesOf = (c: Pick<RFSimConfig, 'd' | 'alphaD'>) => Math.max(1, Math.round(c.alphaD * c.d));

/** The instance seed depends on (seed, D, α_D, γ, sample) only: every algorithm sees the same instances. */
export function rfInstanceSeed(seed: number, c: RFSimConfig, sample: number): number {
  return childSeed(seed, c.d, Math.round(c.alphaD * 1e6), Math.round(c.gamma * 1e6), sample);
}

const featureCache = new Map<string, FeatureMap>();
function features(name: string): FeatureMap {
  let f = featureCache.get(name);
  if (!f) featureCache.set(name, (f = featureMap(activationByName(name))));
  return f;
}

/** One instance, one training run, verified and measured (the worker's entry point). */
export function runRFTask(task: RFTask): RFOutcome {
  const c = task.config;
  const iseed = rfInstanceSeed(task.seed, c, task.sample);
  const act = activationByName(c.activation);
  const rf = randomFeaturesData(iseed, { d: c.d, n: featuresOf(c), p: examplesOf(c), activation: act, features: features(c.activation) });
  const arch = { kappa: c.kappa };
  const t0 = performance.now();
  const res = algorithms[c.algorithm].train(rf, { kappa: c.kappa, maxSweeps: c.maxSweeps, seed: childSeed(iseed, 1), ...(c.params ? { params: c.params } : {}) }, 'binary');
  const seconds = (performance.now() - t0) / 1000;
  const success = verifySolution(res.w, rf, arch, 'binary');
  const test = randomFeaturesTestSet(rf, c.testPatterns, childSeed(iseed, 2));
  const aligned = new Float64Array(rf.n);
  for (let i = 0; i < rf.n; i++) {
    let a = 0;
    for (let k = 0; k < rf.d; k++) a += rf.f[i * rf.d + k]! * rf.v[k]!;
    aligned[i] = a >= 0 ? 1 : -1;
  }
  const out: RFOutcome = {
    sample: task.sample,
    success,
    trainError: countErrors(res.w, rf, c.kappa) / rf.p,
    sweeps: res.sweeps,
    seconds,
    testError: countErrors(res.w, test, 0) / test.p,
    overlapAligned: overlap(res.w, aligned),
  };
  if (success && c.sigmas.length) out.localEnergy = c.sigmas.map((s, j) => localEnergy(res.w, rf, s, c.noiseSamples, childSeed(iseed, 3, j), arch).mean);
  return out;
}

const put = (row: Row, name: string, values: readonly number[]): void => {
  if (!values.length) return;
  const m = meanSe(values);
  row[name] = m.mean;
  row[`${name}_se`] = m.se;
};

/** One row per grid point: success probability and, over successful runs, test error, time and δE(σ). */
export function aggregateRF(c: RFSimConfig, seed: number, outcomes: readonly RFOutcome[]): Row {
  const ok = outcomes.filter((o) => o.success);
  const row: Row = {
    model: 'random-features',
    prior: 'binary',
    setting: 'teacher-student',
    activation: c.activation,
    algorithm: c.algorithm,
    alpha_d: c.alphaD,
    gamma: c.gamma,
    alpha: examplesOf(c) / featuresOf(c),
    kappa: c.kappa,
    d: c.d,
    n: featuresOf(c),
    p: examplesOf(c),
    samples: outcomes.length,
  };
  put(row, 'success_rate', outcomes.map((o) => (o.success ? 1 : 0)));
  put(row, 'train_error', outcomes.map((o) => o.trainError));
  put(row, 'test_error', ok.map((o) => o.testError));
  put(row, 'overlap_aligned', ok.map((o) => o.overlapAligned));
  c.sigmas.forEach((s, j) => {
    row[`sigma_${j}`] = s;
    put(row, `local_energy_${j}`, ok.map((o) => o.localEnergy![j]!));
  });
  put(row, 'sweeps', ok.map((o) => o.sweeps));
  row.sweep_unit = algorithms[c.algorithm].unit;
  row.max_sweeps = c.maxSweeps;
  row.test_patterns = c.testPatterns;
  row.seed = seed;
  return row;
}

export interface RFSimulateOptions {
  jobs: number;
  onResult?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Every configuration on `samples` instances, over worker threads; rows in the order of `configs`. */
export async function simulateRandomFeatures(configs: readonly RFSimConfig[], samples: number, seed: number, opts: RFSimulateOptions): Promise<Row[]> {
  for (const c of configs) {
    if (!algorithms[c.algorithm] || !algorithms[c.algorithm].priors.includes('binary') || algorithms[c.algorithm].model !== 'perceptron') {
      throw new RangeError(`random features: the student is a binary perceptron on the features; algorithm ${c.algorithm} does not train one`);
    }
  }
  const tasks: RFTask[] = configs.flatMap((config) => Array.from({ length: samples }, (_, sample) => ({ config, sample, seed })));
  let done = 0;
  const results = await parallelMap<RFTask, RFOutcome>(new URL(`./random-features-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url), tasks, {
    jobs: opts.jobs,
    onResult: () => opts.onResult?.(++done, tasks.length),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return configs.map((c, ci) => aggregateRF(c, seed, results.slice(ci * samples, (ci + 1) * samples)));
}
