/**
 * Exact enumeration of the version space of a binary student on random features (issue #8; REFERENCE.md §5;
 * docs/random-features.md, "Exact enumeration against the RS theory").
 *
 * One instance: inputs x ∈ ℝ^D, teacher y = sign(v·x/√D), features φ(x) = σ(Fx/√D) − μ₀ (random-features-data.ts),
 * N = γD binary weights, P = α_D·D training examples. Every w ∈ {±1}^N is decided by the Gray-code traversal of
 * enumeration/gray.ts on the feature Dataset; the zero-training-error students form the version space
 *     V = {w : y_μ w·φ(x_μ)/√N > τ ∀μ},  τ = TIE (1e-9: a field that vanishes up to rounding is an error —
 * with sign features w·φ is an integer, exact zeros occur at even N).
 * Over V, exactly (no sampling of students):
 *   - ln|V|/N (quenched average over instances → the RS entropy φ of docs/random-features.md (RF));
 *   - the Gibbs test error ε_G = ⟨ε(w)⟩_V, ε(w) the error of w on a fresh test set through the same F and
 *     teacher (the test set only estimates the generalization error of each w: the input law is not Gaussian
 *     in feature space, so there is no closed form such as arccos R/π); RS: ε_G = arccos(R_eff)/π;
 *   - the Bayes error of the majority vote of V on the same test set; RS: arccos(R_eff/√q_eff)/π.
 * Test ties (|h| ≤ τ) count ½ for a student and do not vote; a tied vote counts ½.
 *
 * Exact identity (tested): for a test example ν, #V(P ∪ {ν}) = #{w ∈ V : w correct on ν}, so
 *     ε_G = 1 − mean_ν #V(P ∪ {ν}) / #V(P)   (no ties),
 * which ties the traversal to the test-error tables by two independent code paths.
 *
 * This module's default export is the worker entry of parallelMap (a batch of tasks).
 */
import { childSeed } from '../math/rng.js';
import { parallelMap } from '../parallel/pool.js';
import { activationByName } from '../replica/activations.js';
import { featureMap, type FeatureMap } from '../replica/random-features.js';
import type { Dataset } from './data.js';
import { meanSe, type MeanSe } from './enumeration/average.js';
import { columnsOf, forEachSolution, MAX_N } from './enumeration/gray.js';
import { randomFeaturesData, randomFeaturesTestSet, type RandomFeaturesDataset } from './random-features-data.js';

/** Margin below which a field counts as zero (training: not a solution; test: a tie). */
export const TIE = 1e-9;

/**
 * Test fields h_ν(w) = w·φ(x_ν)/√N of many students by byte lookup tables:
 * T[(b·256 + u)·P_test + ν] = Σ_{i in byte b} w_i(u) φ_νi/√N, so a student costs ⌈N/8⌉ lookups per example.
 * Accumulates Σ_w (errors of w) and the votes Σ_w sign h_ν(w).
 */
export class TestFields {
  readonly table: Float64Array;
  readonly votes: Float64Array;
  /** Σ over added students of their number of test errors (ties ½). */
  errorSum = 0;
  students = 0;
  private readonly bytes: number;
  constructor(readonly test: Dataset) {
    const { n, p, x } = test;
    if (n > MAX_N) throw new RangeError(`TestFields: N = ${n} > ${MAX_N}`);
    this.bytes = Math.ceil(n / 8);
    const s = 1 / Math.sqrt(n);
    const col = new Float64Array(n * p);
    for (let nu = 0; nu < p; nu++) for (let i = 0; i < n; i++) col[i * p + nu] = x[nu * n + i]! * s;
    const t = new Float64Array(this.bytes * 256 * p);
    for (let b = 0; b < this.bytes; b++) {
      const base = b * 256 * p;
      for (let j = 0; j < 8 && 8 * b + j < n; j++) {
        const off = (8 * b + j) * p;
        for (let nu = 0; nu < p; nu++) t[base + nu]! += col[off + nu]!;
      }
      for (let u = 1; u < 256; u++) {
        const low = 31 - Math.clz32(u & -u);
        const i = 8 * b + low;
        if (i >= n) continue; // bits beyond N never occur in a mask
        const from = base + (u ^ (1 << low)) * p;
        const to = base + u * p;
        const off = i * p;
        for (let nu = 0; nu < p; nu++) t[to + nu] = t[from + nu]! - 2 * col[off + nu]!;
      }
    }
    this.table = t;
    this.votes = new Float64Array(p);
  }

  /** Add the student `mask` (bit i ⇔ w_i = −1). */
  add(mask: number): void {
    const { table, votes, bytes } = this;
    const { p, y } = this.test;
    const o0 = (mask & 255) * p;
    const o1 = bytes > 1 ? (256 + ((mask >>> 8) & 255)) * p : -1;
    const o2 = bytes > 2 ? (512 + ((mask >>> 16) & 255)) * p : -1;
    const o3 = bytes > 3 ? (768 + ((mask >>> 24) & 255)) * p : -1;
    let err = 0;
    for (let nu = 0; nu < p; nu++) {
      let h = table[o0 + nu]!;
      if (o1 >= 0) h += table[o1 + nu]!;
      if (o2 >= 0) h += table[o2 + nu]!;
      if (o3 >= 0) h += table[o3 + nu]!;
      if (h > TIE) {
        votes[nu]!++;
        if (y[nu]! < 0) err++;
      } else if (h < -TIE) {
        votes[nu]!--;
        if (y[nu]! > 0) err++;
      } else err += 0.5;
    }
    this.errorSum += err;
    this.students++;
  }

  /** Gibbs error: mean over the added students of their test error. */
  gibbs(): number {
    return this.students > 0 ? this.errorSum / (this.students * this.test.p) : NaN;
  }

  /** Majority vote of the added students against the labels (tied vote ½). */
  bayes(): number {
    if (this.students === 0) return NaN;
    let e = 0;
    for (let nu = 0; nu < this.test.p; nu++) {
      const v = this.votes[nu]!;
      e += v === 0 ? 0.5 : (v > 0 ? 1 : -1) === this.test.y[nu] ? 0 : 1;
    }
    return e / this.test.p;
  }
}

export interface RFVersionSpace {
  n: number;
  p: number;
  count: number;
  /** ln(count)/N; null without solution. */
  entropy: number | null;
  /** ⟨test error⟩_V and the majority-vote error; null without solution. */
  epsGibbs: number | null;
  epsBayes: number | null;
}

/** Enumerate V of one instance and its exact version-space test errors on `test`. */
export function rfVersionSpace(data: Dataset, test: Dataset, onSolution?: (mask: number) => void): RFVersionSpace {
  if (test.n !== data.n) throw new RangeError(`test set has N = ${test.n}, the data N = ${data.n}`);
  const fields = new TestFields(test);
  const { count } = forEachSolution(columnsOf(data), TIE, (m) => {
    fields.add(m);
    onSolution?.(m);
  });
  return {
    n: data.n,
    p: data.p,
    count,
    entropy: count > 0 ? Math.log(count) / data.n : null,
    epsGibbs: count > 0 ? fields.gibbs() : null,
    epsBayes: count > 0 ? fields.bayes() : null,
  };
}

/** One instance as a plain task (crosses worker threads). */
export interface RFEnumerationTask {
  activation: string;
  features: FeatureMap;
  d: number;
  n: number;
  p: number;
  seed: number;
  index: number;
  testSize: number;
}

export interface RFEnumerationInstance extends RFVersionSpace {
  index: number;
  dataSeed: number;
  seconds: number;
}

/** Seeds: data childSeed(seed, D, N, P, i), test set childSeed(seed, D, N, P, i, 1): independent across sizes and --jobs. */
export function rfInstance(t: Omit<RFEnumerationTask, 'testSize'>): RandomFeaturesDataset {
  return randomFeaturesData(childSeed(t.seed, t.d, t.n, t.p, t.index), { d: t.d, n: t.n, p: t.p, activation: activationByName(t.activation), features: t.features });
}

export function runRFEnumeration(t: RFEnumerationTask): RFEnumerationInstance {
  const t0 = performance.now();
  const data = rfInstance(t);
  const test = randomFeaturesTestSet(data, t.testSize, childSeed(t.seed, t.d, t.n, t.p, t.index, 1));
  const r = rfVersionSpace(data, test);
  return { ...r, index: t.index, dataSeed: data.seed, seconds: (performance.now() - t0) / 1000 };
}

/** Worker entry (src/parallel/pool.ts): a batch of instances. */
export default function work(batch: RFEnumerationTask[]): RFEnumerationInstance[] {
  return batch.map(runRFEnumeration);
}

export interface RFEnumerationRequest {
  activation: string;
  alphaD: number;
  gamma: number;
  /** Hidden dimension; N = round(γD) ≤ 30, P = round(α_D D). */
  d: number;
  samples: number;
  seed: number;
  testSize: number;
  jobs?: number;
  features?: FeatureMap;
  onInstance?: (r: RFEnumerationInstance, done: number) => void;
}

export interface RFEnumerationSummary {
  activation: string;
  alphaD: number;
  gamma: number;
  d: number;
  n: number;
  p: number;
  samples: number;
  seed: number;
  testSize: number;
  /** Instances with an empty version space (excluded from the averages below). */
  noSolution: number;
  /** E[ln|V|]/N, ε_G, ε_B over the instances with ≥ 1 solution. */
  entropy: MeanSe;
  epsGibbs: MeanSe;
  epsBayes: MeanSe;
  /** E|V| over all instances. */
  meanCount: MeanSe;
  cpuSeconds: number;
}

export function rfTasks(req: RFEnumerationRequest): RFEnumerationTask[] {
  const n = Math.round(req.gamma * req.d);
  const p = Math.round(req.alphaD * req.d);
  if (!(Number.isInteger(req.d) && req.d >= 1 && n >= 1 && n <= MAX_N)) throw new RangeError(`random-features enumeration: need D ≥ 1 and 1 ≤ N = round(γD) ≤ ${MAX_N}, got D = ${req.d}, N = ${n}`);
  const features = req.features ?? featureMap(activationByName(req.activation));
  return Array.from({ length: req.samples }, (_, index) => ({ activation: req.activation, features, d: req.d, n, p, seed: req.seed, index, testSize: req.testSize }));
}

export function summarizeRF(req: RFEnumerationRequest, results: readonly RFEnumerationInstance[]): RFEnumerationSummary {
  const solved = results.filter((r) => r.count > 0);
  return {
    activation: req.activation,
    alphaD: req.alphaD,
    gamma: req.gamma,
    d: req.d,
    n: Math.round(req.gamma * req.d),
    p: Math.round(req.alphaD * req.d),
    samples: results.length,
    seed: req.seed,
    testSize: req.testSize,
    noSolution: results.length - solved.length,
    entropy: meanSe(solved.map((r) => r.entropy!)),
    epsGibbs: meanSe(solved.map((r) => r.epsGibbs!)),
    epsBayes: meanSe(solved.map((r) => r.epsBayes!)),
    meanCount: meanSe(results.map((r) => r.count)),
    cpuSeconds: results.reduce((s, r) => s + r.seconds, 0),
  };
}

const workerUrl = new URL(import.meta.url, import.meta.url);

/** Run the instances over --jobs worker threads (results independent of jobs) and average. */
export async function enumerateRandomFeatures(req: RFEnumerationRequest): Promise<RFEnumerationSummary> {
  const tasks = rfTasks(req);
  const jobs = Math.max(1, req.jobs ?? 1);
  const nBatches = jobs === 1 ? 1 : Math.min(tasks.length, jobs * 8);
  const batches: RFEnumerationTask[][] = Array.from({ length: nBatches }, () => []);
  tasks.forEach((t, i) => batches[i % nBatches]!.push(t));
  let done = 0;
  const out = await parallelMap<RFEnumerationTask[], RFEnumerationInstance[]>(workerUrl, batches, {
    jobs,
    onResult: (rs) => {
      for (const r of rs) req.onInstance?.(r, ++done);
    },
  });
  return summarizeRF(
    req,
    out.flat().sort((a, b) => a.index - b.index),
  );
}
