/**
 * Experiment runner (issue #5 item 5): a grid of (α, N, instance, algorithm) run over worker threads
 * (src/parallel/pool.ts), each task one instance, aggregated per grid point into a row of means ± standard
 * errors with the same control-parameter names as the theory rows (model, prior, setting, alpha, kappa, k),
 * so the two join on (alpha, kappa).
 *
 * Seeds: the instance (data set, teacher, test set) depends only on (seed, N, α, sample), so all algorithms
 * see the same instances; the algorithm's own randomness on (instance seed, run).
 */
import { childSeed } from '../math/rng.js';
import { parallelMap } from '../parallel/pool.js';
import type { Row } from '../io/row.js';
import { algorithms, type AlgorithmName, type Model, type Prior } from './algorithms.js';
import { storageData, teacherStudentData, type Dataset } from './data.js';
import { neighbourhoodCounts } from './enumeration/neighbourhood.js';
import { localEnergy, meanSe, overlap, testError, trainErrors, verifySolution } from './observables.js';

export type SimSetting = 'storage' | 'teacher-student';

export interface SimConfig {
  model: Model;
  prior: Prior;
  setting: SimSetting;
  algorithm: AlgorithmName;
  n: number;
  alpha: number;
  kappa: number;
  /** Hidden units (committee). */
  k?: number;
  maxSweeps: number;
  /** Runs of the algorithm per instance (2: also the overlap between independent solutions). */
  runs: number;
  /** Local energy at these σ (absent or empty: not measured). */
  sigmas?: readonly number[];
  noiseSamples: number;
  /**
   * Empirical local entropy of each verified binary solution: the solutions at Hamming distance k = 1…K,
   * enumerated exactly (enumeration/neighbourhood.ts); absent or 0: not measured.
   */
  neighbourhood?: number;
  /** Fresh test patterns per instance (teacher-student). */
  testPatterns: number;
  params?: Record<string, number>;
}

export interface SimTask {
  config: SimConfig;
  sample: number;
  seed: number;
}

export interface RunOutcome {
  success: boolean;
  trainError: number;
  sweeps: number;
  seconds: number;
  testError?: number;
  overlapTeacher?: number;
  /** δE(σ) for each σ of the config. */
  localEnergy?: number[];
  /** N_k: solutions at Hamming distance k = 1…K from the found solution. */
  neighbours?: number[];
}

export interface TaskOutcome {
  sample: number;
  instanceSeed: number;
  runs: RunOutcome[];
  /** Overlap between the first two runs' weights (when runs ≥ 2 and both succeeded). */
  overlapSolutions?: number;
}

export function instanceSeed(seed: number, n: number, alpha: number, sample: number): number {
  return childSeed(seed, n, Math.round(alpha * 1e6), sample);
}

export function patternsFor(n: number, alpha: number): number {
  return Math.max(1, Math.round(alpha * n));
}

export function instance(c: SimConfig, iseed: number): Dataset {
  const p = patternsFor(c.n, c.alpha);
  if (c.setting === 'storage') return storageData(iseed, c.n, p);
  // the teacher has the student's architecture and prior
  return teacherStudentData(iseed, c.n, p, { prior: c.prior, ...(c.model === 'committee' ? { committeeK: c.k ?? 3 } : {}) });
}

/** One instance: train `runs` times, verify, measure. Pure function of the task (worker entry point). */
export function runTask(task: SimTask): TaskOutcome {
  const c = task.config;
  const iseed = instanceSeed(task.seed, c.n, c.alpha, task.sample);
  const data = instance(c, iseed);
  const info = algorithms[c.algorithm];
  const k = c.model === 'committee' ? (c.k ?? 3) : undefined;
  const arch = { kappa: c.kappa, ...(k ? { k } : {}) };
  const runs: RunOutcome[] = [];
  const solutions: Float64Array[] = [];
  for (let r = 0; r < c.runs; r++) {
    const t0 = performance.now();
    const res = info.train(data, { kappa: c.kappa, maxSweeps: c.maxSweeps, seed: childSeed(iseed, 1, r), ...(k ? { k } : {}), ...(c.params ? { params: c.params } : {}) }, c.prior);
    const seconds = (performance.now() - t0) / 1000;
    const success = verifySolution(res.w, data, arch, c.prior);
    const out: RunOutcome = { success, trainError: trainErrors(res.w, data, arch) / data.p, sweeps: res.sweeps, seconds };
    if (data.teacher) {
      out.testError = testError(res.w, data, c.testPatterns, childSeed(iseed, 2), k);
      out.overlapTeacher = overlap(res.w, data.teacher);
    }
    if (c.sigmas?.length) out.localEnergy = c.sigmas.map((sigma) => localEnergy(res.w, data, sigma, c.noiseSamples, childSeed(iseed, 3, r), arch).mean);
    if (success && c.neighbourhood && c.prior === 'binary' && !k) out.neighbours = neighbourhoodCounts(res.w, data, c.kappa, c.neighbourhood).slice(1);
    runs.push(out);
    if (success) solutions.push(res.w);
  }
  return { sample: task.sample, instanceSeed: iseed, runs, ...(solutions.length >= 2 ? { overlapSolutions: overlap(solutions[0]!, solutions[1]!) } : {}) };
}

export function modelFieldsOf(c: SimConfig): Row {
  return {
    model: c.model,
    prior: c.prior,
    setting: c.setting,
    ...(c.model === 'committee' ? { architecture: 'tree', k: c.k ?? 3, activation: 'sign' } : {}),
    kappa: c.kappa,
  };
}

const put = (row: Row, name: string, values: readonly number[]): void => {
  if (!values.length) return;
  const m = meanSe(values);
  row[name] = m.mean;
  row[`${name}_se`] = m.se;
};

/** Mean over an instance's runs of the values defined there (undefined when none is). */
function perInstance(o: TaskOutcome, pick: (r: RunOutcome) => number | undefined): number | undefined {
  const v = o.runs.map(pick).filter((x): x is number => x !== undefined);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : undefined;
}

/**
 * Aggregate the outcomes of one grid point into a row. Runs on the same instance are averaged first, so the
 * standard errors are over independent instances.
 */
export function aggregate(c: SimConfig, seed: number, outcomes: readonly TaskOutcome[]): Row {
  const row: Row = { ...modelFieldsOf(c), algorithm: c.algorithm, alpha: c.alpha, n: c.n, p: patternsFor(c.n, c.alpha), samples: outcomes.length, runs_per_sample: c.runs };
  const field = (name: string, pick: (r: RunOutcome) => number | undefined) =>
    put(row, name, outcomes.flatMap((o) => {
      const v = perInstance(o, pick);
      return v === undefined ? [] : [v];
    }));
  field('success_rate', (r) => (r.success ? 1 : 0));
  field('train_error', (r) => r.trainError);
  field('test_error', (r) => r.testError);
  field('overlap_teacher', (r) => r.overlapTeacher);
  put(row, 'overlap_solutions', outcomes.flatMap((o) => (o.overlapSolutions === undefined ? [] : [o.overlapSolutions])));
  // local energy of the verified solutions: one σ → sigma, local_energy; several → local_energy_s<σ>
  const sigmas = c.sigmas ?? [];
  if (sigmas.length === 1) row.sigma = sigmas[0]!;
  sigmas.forEach((sigma, j) => field(sigmas.length === 1 ? 'local_energy' : `local_energy_s${sigma}`, (r) => (r.success ? r.localEnergy![j] : undefined)));
  // empirical local entropy: fraction of the C(N, k) configurations at distance k that are solutions too
  // (1 inside a dense region; e^{N(S(k/N) − H₂(k/N))}-small around an isolated one)
  for (let k = 1; k <= (c.neighbourhood ?? 0); k++) {
    const total = binomial(c.n, k);
    field(`neighbours_${k}`, (r) => (r.neighbours ? r.neighbours[k - 1] : undefined));
    field(`neighbour_fraction_${k}`, (r) => (r.neighbours ? r.neighbours[k - 1]! / total : undefined));
  }
  field('sweeps', (r) => (r.success ? r.sweeps : undefined)); // time to solution, over successful runs
  row.sweep_unit = algorithms[c.algorithm].unit;
  row.max_sweeps = c.maxSweeps;
  field('seconds', (r) => r.seconds);
  row.seed = seed;
  return row;
}

function binomial(n: number, k: number): number {
  let b = 1;
  for (let j = 1; j <= k; j++) b = (b * (n - k + j)) / j;
  return b;
}

export interface SimulateOptions {
  jobs: number;
  onResult?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Run every configuration on `samples` instances and aggregate; rows in the order of `configs`. */
export async function simulate(configs: readonly SimConfig[], samples: number, seed: number, opts: SimulateOptions): Promise<{ rows: Row[]; outcomes: TaskOutcome[][] }> {
  const tasks: SimTask[] = configs.flatMap((config) => Array.from({ length: samples }, (_, sample) => ({ config, sample, seed })));
  let done = 0;
  const results = await parallelMap<SimTask, TaskOutcome>(new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url), tasks, {
    jobs: opts.jobs,
    onResult: () => opts.onResult?.(++done, tasks.length),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const outcomes = configs.map((_, ci) => results.slice(ci * samples, (ci + 1) * samples));
  return { rows: configs.map((c, ci) => aggregate(c, seed, outcomes[ci]!)), outcomes };
}
