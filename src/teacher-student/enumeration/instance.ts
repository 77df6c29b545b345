/**
 * Exact quantities of one instance (one draw of patterns and labels), from one enumeration of {±1}^N:
 *  - the number of solutions #, ln # / N (REFERENCE.md §1: its quenched average → s_RS as N → ∞);
 *  - the distance profile around a reference solution drawn uniformly among the solutions (the equilibrium
 *    reference of Franz-Parisi, REFERENCE.md §4): N_k = #{solutions at Hamming distance k}, S(k/N) = ln N_k / N;
 *  - teacher-student (REFERENCE.md §2), the version space V = {w : Δ_μ(w) > κ ∀μ}: its size, the histogram
 *    of overlaps R = w·t/N with the teacher, the Gibbs error averaged exactly over V, ε_G = ⟨arccos R⟩_V/π
 *    (exact for Gaussian inputs: a student with overlap R disagrees with the teacher on a fresh pattern
 *    with probability arccos(R)/π), the Bayes error of the majority vote of V on fresh test patterns (ties
 *    count ½), and the barycenter error arccos(m·t/(|m|√N))/π of the mean m = ⟨w⟩_V (exact).
 */
import { createRng } from '../../math/rng.js';
import type { Dataset } from '../data.js';
import { columnsOf, forEachSolution, maskOf, popcount, type Columns } from './gray.js';

export interface InstanceOptions {
  kappa: number;
  /** Distance profile around a uniformly random solution (drawn with referenceSeed). */
  localEntropy?: boolean;
  referenceSeed?: number;
  /** Fresh patterns labelled by the teacher, for the majority-vote (Bayes) error. */
  test?: Dataset;
  /** Keep the list of solutions in the result (masks, traversal order). */
  keepSolutions?: boolean;
  /** At most this many solutions are stored (default 2^24); beyond, the profile is found by more passes. */
  maxStored?: number;
}

export interface TeacherStats {
  /** Histogram of the Hamming distance to the teacher over the version space (length N + 1). */
  teacherDistanceCounts: number[];
  /** ⟨R⟩_V, R = w·t/N. */
  overlapMean: number;
  /** ⟨arccos R⟩_V / π. */
  epsGibbs: number;
  /** Majority vote of V on the test patterns (null without a test set). */
  epsBayes: number | null;
  /** Error of the barycenter sign(⟨w⟩_V · x): arccos of its normalized overlap with the teacher, / π. */
  epsBarycenter: number;
}

export interface InstanceResult {
  n: number;
  p: number;
  seed: number;
  /** Number of solutions. */
  count: number;
  /** ln(count)/N, null when there is no solution. */
  entropy: number | null;
  /** Reference solution (mask: bit i ⇔ w_i = −1) and counts at each Hamming distance from it (length N + 1). */
  reference?: number;
  distanceCounts?: number[];
  teacher?: TeacherStats;
  solutions?: Uint32Array;
}

/** A growable list of masks with a cap. */
class MaskList {
  data = new Uint32Array(1024);
  length = 0;
  complete = true;
  constructor(readonly cap: number) {}
  push(m: number): void {
    if (this.length >= this.cap) {
      this.complete = false;
      return;
    }
    if (this.length === this.data.length) {
      const next = new Uint32Array(Math.min(this.cap, 2 * this.data.length));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = m;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Majority vote of a set of students on test patterns. Fields by table lookup: the N weights split in bytes,
 * T[(b·256 + u)·P_test + ν] = Σ_{i in byte b} w_i(u) x_νi, so one student costs ⌈N/8⌉ lookups per pattern.
 */
class Vote {
  readonly table: Float64Array;
  readonly votes: Float64Array;
  readonly bytes: number;
  constructor(readonly test: Dataset) {
    const { n, p, x } = test;
    this.bytes = Math.ceil(n / 8);
    const t = new Float64Array(this.bytes * 256 * p);
    // Columns of the test patterns, contiguous in ν.
    const col = new Float64Array(n * p);
    for (let nu = 0; nu < p; nu++) for (let i = 0; i < n; i++) col[i * p + nu] = x[nu * n + i]!;
    for (let b = 0; b < this.bytes; b++) {
      const base = b * 256 * p;
      for (let j = 0; j < 8 && 8 * b + j < n; j++) {
        const off = (8 * b + j) * p;
        for (let nu = 0; nu < p; nu++) t[base + nu]! += col[off + nu]!;
      }
      for (let u = 1; u < 256; u++) {
        const low = 31 - Math.clz32(u & -u);
        const i = 8 * b + low;
        const from = base + (u ^ (1 << low)) * p;
        const to = base + u * p;
        if (i >= n) continue; // bits beyond N never occur in a mask
        const off = i * p;
        for (let nu = 0; nu < p; nu++) t[to + nu] = t[from + nu]! - 2 * col[off + nu]!;
      }
    }
    this.table = t;
    this.votes = new Float64Array(p);
  }
  add(mask: number): void {
    const { table, votes, bytes } = this;
    const p = this.test.p;
    const o0 = (mask & 255) * p;
    if (bytes === 1) {
      for (let nu = 0; nu < p; nu++) votes[nu]! += table[o0 + nu]! > 0 ? 1 : -1;
      return;
    }
    const o1 = (256 + ((mask >>> 8) & 255)) * p;
    const o2 = bytes > 2 ? (512 + ((mask >>> 16) & 255)) * p : -1;
    const o3 = bytes > 3 ? (768 + ((mask >>> 24) & 255)) * p : -1;
    for (let nu = 0; nu < p; nu++) {
      let h = table[o0 + nu]! + table[o1 + nu]!;
      if (o2 >= 0) h += table[o2 + nu]!;
      if (o3 >= 0) h += table[o3 + nu]!;
      votes[nu]! += h > 0 ? 1 : -1;
    }
  }
  /** Fraction of test patterns where the vote disagrees with the label (ties ½). */
  error(): number {
    let e = 0;
    for (let nu = 0; nu < this.test.p; nu++) {
      const v = this.votes[nu]!;
      e += v === 0 ? 0.5 : (v > 0 ? 1 : -1) === this.test.y[nu] ? 0 : 1;
    }
    return e / this.test.p;
  }
}

/** The k-th solution (0-based) in traversal order. */
function kthSolution(cols: Columns, kappa: number, k: number): number {
  let i = 0;
  let found = -1;
  forEachSolution(cols, kappa, (m) => {
    if (i++ === k) found = m;
  });
  return found;
}

export function analyzeInstance(data: Dataset, opts: InstanceOptions): InstanceResult {
  const { n, p } = data;
  const cols = columnsOf(data);
  const kappa = opts.kappa;
  const store = opts.localEntropy || opts.keepSolutions;
  const list = new MaskList(store ? (opts.maxStored ?? 2 ** 24) : 0);
  const tmask = data.teacher ? maskOf(data.teacher) : 0;
  const tHist = data.teacher ? new Array<number>(n + 1).fill(0) : undefined;
  const neg = data.teacher ? new Float64Array(n) : undefined;
  const vote = data.teacher && opts.test ? new Vote(opts.test) : undefined;
  if (opts.test && opts.test.n !== n) throw new RangeError(`test set has N = ${opts.test.n}, the data N = ${n}`);
  const stats = forEachSolution(cols, kappa, (m) => {
    if (store) list.push(m);
    if (tHist) {
      tHist[popcount(m ^ tmask)]!++;
      for (let i = 0; i < n; i++) neg![i]! += (m >>> i) & 1;
      vote?.add(m);
    }
  });
  const count = stats.count;
  const res: InstanceResult = { n, p, seed: data.seed, count, entropy: count > 0 ? Math.log(count) / n : null };
  if (opts.localEntropy && count > 0) {
    const rng = createRng(opts.referenceSeed ?? 0);
    const k = rng.int(count);
    const ref = list.complete ? list.data[k]! : kthSolution(cols, kappa, k);
    const hist = new Array<number>(n + 1).fill(0);
    if (list.complete) {
      const sols = list.view();
      for (let j = 0; j < sols.length; j++) hist[popcount(sols[j]! ^ ref)]!++;
    } else forEachSolution(cols, kappa, (m) => hist[popcount(m ^ ref)]!++);
    res.reference = ref;
    res.distanceCounts = hist;
  }
  if (tHist && neg) {
    let sumR = 0;
    let sumE = 0;
    for (let k = 0; k <= n; k++) {
      const R = 1 - (2 * k) / n;
      sumR += tHist[k]! * R;
      sumE += (tHist[k]! * Math.acos(R)) / Math.PI;
    }
    // Barycenter m_i = ⟨w_i⟩ = 1 − 2·(fraction with w_i = −1).
    let mt = 0;
    let mm = 0;
    for (let i = 0; i < n; i++) {
      const mi = count > 0 ? 1 - (2 * neg[i]!) / count : 0;
      mt += mi * data.teacher![i]!;
      mm += mi * mi;
    }
    const cosine = mm > 0 ? Math.max(-1, Math.min(1, mt / Math.sqrt(mm * n))) : 0;
    res.teacher = {
      teacherDistanceCounts: tHist,
      overlapMean: count > 0 ? sumR / count : NaN,
      epsGibbs: count > 0 ? sumE / count : NaN,
      epsBayes: vote && count > 0 ? vote.error() : null,
      epsBarycenter: Math.acos(cosine) / Math.PI,
    };
  }
  if (opts.keepSolutions && list.complete) res.solutions = list.view().slice();
  return res;
}
