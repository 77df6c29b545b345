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

/** Table storage reused by rfVersionSpace across the instances of a thread (a fresh 10 MB array per instance costs page faults). */
let scratch = new Float64Array(0);
function scratchTable(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch;
}
/** Solutions buffered before a pass over the test set. */
const BATCH = 8192;

/**
 * Test fields h_ν(w) = w·φ(x_ν)/√N of many students by byte lookup tables, example-major:
 * T[ν·256B + 256b + u] = Σ_{i in byte b} w_i(u) φ_νi/√N (B = ⌈N/8⌉ bytes), so a student costs B lookups per
 * example, in a 2 KB·B block that stays in L1 while a batch of buffered students runs over it.
 * Accumulates Σ_w (errors of w) and the votes Σ_w sign h_ν(w). `storage` (≥ 256·B·P_test entries, overwritten)
 * lets successive instances share one table; two live TestFields must not share it.
 */
export class TestFields {
  readonly votes: Float64Array;
  /** Σ over added students of their number of test errors (ties ½). */
  private errorSum = 0;
  private students = 0;
  private readonly table: Float64Array;
  private readonly bytes: number;
  private readonly buffer = new Uint32Array(BATCH);
  private pending = 0;
  constructor(
    readonly test: Dataset,
    storage?: Float64Array,
  ) {
    const { n, p, x } = test;
    if (n > MAX_N) throw new RangeError(`TestFields: N = ${n} > ${MAX_N}`);
    const bytes = (this.bytes = Math.ceil(n / 8));
    const stride = 256 * bytes;
    const t = (this.table = storage && storage.length >= stride * p ? storage : new Float64Array(stride * p));
    const s = 1 / Math.sqrt(n);
    for (let nu = 0; nu < p; nu++) {
      const row = x.subarray(nu * n, (nu + 1) * n);
      for (let b = 0; b < bytes; b++) {
        const base = nu * stride + 256 * b;
        let sum = 0;
        for (let j = 0; j < 8 && 8 * b + j < n; j++) sum += row[8 * b + j]! * s;
        t[base] = sum;
        for (let u = 1; u < 256; u++) {
          const low = 31 - Math.clz32(u & -u);
          const i = 8 * b + low;
          // Bits beyond N never occur in a mask: those entries are never read.
          t[base + u] = i < n ? t[base + (u ^ (1 << low))]! - 2 * row[i]! * s : 0;
        }
      }
    }
    this.votes = new Float64Array(p);
  }

  /** Add the student `mask` (bit i ⇔ w_i = −1). */
  add(mask: number): void {
    this.buffer[this.pending++] = mask;
    if (this.pending === BATCH) this.flush();
  }

  private flush(): void {
    const { table, votes, bytes, buffer, pending } = this;
    const { p, y } = this.test;
    const stride = 256 * bytes;
    let err = 0;
    for (let nu = 0; nu < p; nu++) {
      const r0 = nu * stride;
      let plus = 0;
      let minus = 0;
      for (let k = 0; k < pending; k++) {
        const m = buffer[k]!;
        let h = table[r0 + (m & 255)]!;
        if (bytes > 1) h += table[r0 + 256 + ((m >>> 8) & 255)]!;
        if (bytes > 2) h += table[r0 + 512 + ((m >>> 16) & 255)]!;
        if (bytes > 3) h += table[r0 + 768 + ((m >>> 24) & 255)]!;
        if (h > TIE) plus++;
        else if (h < -TIE) minus++;
      }
      votes[nu]! += plus - minus;
      // Wrong-signed fields are errors, ties (pending − plus − minus) count ½.
      err += (y[nu]! > 0 ? minus : plus) + 0.5 * (pending - plus - minus);
    }
    this.errorSum += err;
    this.students += pending;
    this.pending = 0;
  }

  /** Gibbs error: mean over the added students of their test error. */
  gibbs(): number {
    this.flush();
    return this.students > 0 ? this.errorSum / (this.students * this.test.p) : NaN;
  }

  /** Majority vote of the added students against the labels (tied vote ½). */
  bayes(): number {
    this.flush();
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
  const fields = new TestFields(test, scratchTable(256 * Math.ceil(test.n / 8) * test.p));
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
