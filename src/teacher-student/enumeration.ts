/**
 * Exact enumeration of binary perceptron students (issue #5, item 3): solution counts, the local entropy
 * around a random solution and teacher-student version-space statistics, exactly per instance, averaged
 * over instances with standard errors, and extrapolated in 1/N for comparison with the replica values.
 *
 *   enumeration/gray.ts          the traversal of {±1}^N (Gray code; split inner table with early exit)
 *   enumeration/neighbourhood.ts solutions within Hamming distance K of any w (any N)
 *   enumeration/instance.ts      exact quantities of one instance
 *   enumeration/task.ts          seeded instances as plain tasks (worker threads)
 *   enumeration/average.ts       mean ± se, least squares in 1/N
 *
 * Averages: E[ln #]/N is over the instances with at least one solution (ln 0 = −∞ cannot be averaged);
 * the number of instances without a solution is reported beside it (`noSolution`).
 */
import { parallelMap } from '../parallel/pool.js';
import { meanSe, type MeanSe } from './enumeration/average.js';
import type { EnumerationSetting, InstanceSummary, InstanceTask } from './enumeration/task.js';

export { fitInverseN, meanSe, type InverseNFit, type MeanSe, type SizePoint } from './enumeration/average.js';
export { bruteForceSolutions, columnsOf, forEachSolution, forEachSolutionGray, MAX_N, maskOf, popcount, stabilitiesOf, weightsOf, type Columns } from './enumeration/gray.js';
export { analyzeInstance, type InstanceOptions, type InstanceResult, type TeacherStats } from './enumeration/instance.js';
export { neighbourhoodCounts } from './enumeration/neighbourhood.js';
export { instanceData, runInstance, type EnumerationSetting, type InstanceSummary, type InstanceTask } from './enumeration/task.js';

export interface EnumerationRequest {
  setting: EnumerationSetting;
  n: number;
  alpha: number;
  kappa?: number;
  samples: number;
  seed: number;
  /** Distance profile around a uniformly random solution of each instance. */
  localEntropy?: boolean;
  /** Test patterns per instance for the majority-vote error (teacher-student; default 1000). */
  testSize?: number;
  jobs?: number;
  onInstance?: (s: InstanceSummary, done: number) => void;
}

export interface DistanceStat {
  k: number;
  d: number;
  /** Mean number of solutions at distance k from the reference, over instances with a solution. */
  count: MeanSe;
  /** Fraction of those instances with at least one solution at distance k. */
  nonzero: number;
  /** ln(mean count)/N (instance-averaged count; −∞ → null when all are zero). */
  entropy: number | null;
}

export interface TeacherSummary {
  overlap: MeanSe;
  epsGibbs: MeanSe;
  epsBayes: MeanSe | null;
  epsBarycenter: MeanSe;
  /** Weight of the teacher in the version space, E[1/|V|] (κ = 0: the teacher is always in V). */
  teacherWeight: MeanSe;
  /** ⟨arccos R⟩/π over V without the teacher (instances with |V| ≥ 2): the Gibbs error of the students that
   *  are not the teacher — at finite N the teacher's isolated state carries weight ~E[1/|V|] ~ e^{−N s}. */
  epsGibbsOthers: MeanSe;
  /** Mean fraction of the version space at each Hamming distance k from the teacher (R = 1 − 2k/N). */
  overlapDistribution: { k: number; R: number; fraction: number }[];
}

export interface EnumerationSummary {
  setting: EnumerationSetting;
  n: number;
  p: number;
  alpha: number;
  kappa: number;
  samples: number;
  seed: number;
  /** Instances without any solution (excluded from `entropy`). */
  noSolution: number;
  /** E[ln #]/N over the instances with ≥ 1 solution. */
  entropy: MeanSe;
  /** ln E[#]/N over all instances (annealed). */
  annealedEntropy: number | null;
  meanCount: MeanSe;
  distances?: DistanceStat[];
  teacher?: TeacherSummary;
  /** CPU seconds summed over instances, and the enumeration rate (configurations decided per second). */
  cpuSeconds: number;
  configurationsPerSecond: number;
}

export function patternsFor(n: number, alpha: number): number {
  return Math.round(alpha * n);
}

export function instanceTasks(req: EnumerationRequest): InstanceTask[] {
  const p = patternsFor(req.n, req.alpha);
  return Array.from({ length: req.samples }, (_, index) => ({
    setting: req.setting,
    n: req.n,
    p,
    kappa: req.kappa ?? 0,
    seed: req.seed,
    index,
    localEntropy: req.localEntropy ?? false,
    testSize: req.setting === 'teacher-student' ? (req.testSize ?? 1000) : 0,
  }));
}

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './enumeration/worker.ts' : './enumeration/worker.js', import.meta.url);

/** Run the instances (in batches over --jobs worker threads; the results do not depend on jobs) and average. */
export async function enumerateStudy(req: EnumerationRequest): Promise<EnumerationSummary> {
  const tasks = instanceTasks(req);
  const jobs = Math.max(1, req.jobs ?? 1);
  const nBatches = jobs === 1 ? 1 : Math.min(tasks.length, jobs * 8);
  const batches: InstanceTask[][] = Array.from({ length: nBatches }, () => []);
  tasks.forEach((t, i) => batches[i % nBatches]!.push(t));
  let done = 0;
  const out = await parallelMap<InstanceTask[], InstanceSummary[]>(workerUrl, batches, {
    jobs,
    onResult: (rs) => {
      for (const r of rs) req.onInstance?.(r, ++done);
    },
  });
  const results = out.flat().sort((a, b) => a.index - b.index);
  return summarize(req, results);
}

export function summarize(req: EnumerationRequest, results: readonly InstanceSummary[]): EnumerationSummary {
  const n = req.n;
  const p = patternsFor(n, req.alpha);
  const solved = results.filter((r) => r.count > 0);
  const entropy = meanSe(solved.map((r) => r.entropy!));
  const meanCount = meanSe(results.map((r) => r.count));
  const cpuSeconds = results.reduce((s, r) => s + r.seconds, 0);
  const summary: EnumerationSummary = {
    setting: req.setting,
    n,
    p,
    alpha: req.alpha,
    kappa: req.kappa ?? 0,
    samples: results.length,
    seed: req.seed,
    noSolution: results.length - solved.length,
    entropy,
    annealedEntropy: meanCount.mean > 0 ? Math.log(meanCount.mean) / n : null,
    meanCount,
    cpuSeconds,
    configurationsPerSecond: cpuSeconds > 0 ? (results.length * 2 ** n) / cpuSeconds : NaN,
  };
  const withProfile = solved.filter((r) => r.distanceCounts);
  if (withProfile.length) {
    summary.distances = Array.from({ length: n + 1 }, (_, k) => {
      const xs = withProfile.map((r) => r.distanceCounts![k]!);
      const count = meanSe(xs);
      return { k, d: k / n, count, nonzero: xs.filter((x) => x > 0).length / xs.length, entropy: count.mean > 0 ? Math.log(count.mean) / n : null };
    });
  }
  const withTeacher = solved.filter((r) => r.teacher);
  if (withTeacher.length) {
    const ts = withTeacher.map((r) => r.teacher!);
    const bayes = ts.filter((t) => t.epsBayes !== null).map((t) => t.epsBayes!);
    summary.teacher = {
      overlap: meanSe(ts.map((t) => t.overlapMean)),
      epsGibbs: meanSe(ts.map((t) => t.epsGibbs)),
      epsBayes: bayes.length ? meanSe(bayes) : null,
      epsBarycenter: meanSe(ts.map((t) => t.epsBarycenter)),
      teacherWeight: meanSe(withTeacher.map((r) => r.teacher!.teacherDistanceCounts[0]! / r.count)),
      epsGibbsOthers: meanSe(
        withTeacher
          .filter((r) => r.count - r.teacher!.teacherDistanceCounts[0]! > 0)
          .map((r) => {
            const h = r.teacher!.teacherDistanceCounts;
            let e = 0;
            for (let k = 1; k <= n; k++) e += (h[k]! * Math.acos(1 - (2 * k) / n)) / Math.PI;
            return e / (r.count - h[0]!);
          }),
      ),
      overlapDistribution: Array.from({ length: n + 1 }, (_, k) => ({
        k,
        R: 1 - (2 * k) / n,
        fraction: ts.reduce((s, t, j) => s + t.teacherDistanceCounts[k]! / withTeacher[j]!.count, 0) / ts.length,
      })),
    };
  }
  return summary;
}
