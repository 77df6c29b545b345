/**
 * Study (c), issue #5: binary teacher-student perceptron. Test error of the binary algorithms (cpr, sbpi,
 * sa, fbp) against α ≤ 2 beside the RS theory on the Nishimori line: ε_Gibbs = arccos(q)/π and
 * ε_Bayes = arccos(√q)/π on the poor branch, which is the equilibrium up to the first-order transition
 * α_1st = 1.2447 (perfect generalization, ε = 0, above it) and survives as a metastable state up to the
 * spinodal α_sp = 1.4926 (Györgyi 1990; src/replica/teacher-student.ts). Perfect generalization in practice:
 * the fraction of runs whose solution is the teacher (overlap 1).
 *
 *     npx tsx scripts/lab-binary-ts.ts
 */
import type { Row } from '../src/io/row.js';
import { perceptronModel } from '../src/replica/perceptron.js';
import { generalizationErrors } from '../src/replica/rows.js';
import { teacherStudentSweep } from '../src/replica/teacher-student.js';
import type { AlgorithmName } from '../src/teacher-student/algorithms.js';
import type { SimConfig } from '../src/teacher-student/runner.js';
import { simulate } from '../src/teacher-student/runner.js';
import { base, jobs, start, write } from './lab-common.js';

const { elapsed } = start('lab-binary-ts.ts');
const SAMPLES = Number(process.env.SAMPLES ?? 8);
const N = Number(process.env.N ?? 201);
const alphas = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
const algos: [AlgorithmName, number][] = [['cpr', 2000], ['sbpi', 2000], ['sa', 2000], ['fbp', 250]];
const configs: SimConfig[] = algos.flatMap(([algorithm, maxSweeps]) =>
  alphas.map((alpha) => ({ model: 'perceptron', prior: 'binary', setting: 'teacher-student', algorithm, n: N, alpha, kappa: 0, maxSweeps, ...base }) as SimConfig),
);
const { rows, outcomes } = await simulate(configs, SAMPLES, 11, { jobs, onResult: (d, t) => d % 16 === 0 && process.stderr.write(`binary-ts: ${d}/${t}\n`) });

// theory: the poor branch swept upwards from small α (it ends at the spinodal)
const spec = perceptronModel({ prior: 'binary', setting: 'teacher-student' });
const fine = Array.from({ length: 60 }, (_, i) => 0.025 * (i + 1)).concat(alphas);
const sweep = teacherStudentSweep(spec, [...new Set(fine)].sort((a, b) => a - b), 'poor');
const theory = (alpha: number) => {
  const p = sweep.find((s) => Math.abs(s.alpha - alpha) < 1e-12);
  if (!p || p.state !== 'poor' || !p.converged) return { eps_gibbs_poor: null, eps_bayes_poor: null };
  const e = generalizationErrors(p.q, p.R ?? p.q);
  return { eps_gibbs_poor: e.eps_gibbs, eps_bayes_poor: e.eps_bayes };
};
const out: Row[] = rows.map((r, i) => {
  const alpha = r.alpha as number;
  const runs = outcomes[i]!.flatMap((o) => o.runs);
  const perfect = runs.filter((x) => x.success && x.overlapTeacher === 1).length / runs.length;
  const th = theory(alpha);
  return {
    algorithm: r.algorithm as string,
    alpha,
    n: N,
    samples: SAMPLES,
    success_rate: r.success_rate as number,
    test_error: r.test_error as number,
    test_error_se: r.test_error_se as number,
    overlap_teacher: r.overlap_teacher as number,
    perfect_rate: perfect,
    ...th,
    eps_equilibrium: alpha > 1.2447 ? 0 : th.eps_gibbs_poor,
    sweeps: (r.sweeps as number | undefined) ?? null,
  };
});
write('binary-ts', out, ['algorithm', 'alpha', 'n', 'samples', 'success_rate', 'test_error', 'test_error_se', 'perfect_rate', 'eps_gibbs_poor', 'eps_bayes_poor', 'eps_equilibrium', 'sweeps']);
console.log(`\n${elapsed()}`);
