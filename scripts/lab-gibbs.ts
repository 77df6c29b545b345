/**
 * Study (b), issue #5: the hit-and-run Gibbs sampler of the spherical perceptron's version space
 * (teacher-student, κ = 0) against ε_Gibbs(α) = arccos(R)/π of the RS theory (src/replica/teacher-student.ts,
 * matched spherical teacher and student, q = R on the Nishimori line). Test error on 10⁴ fresh patterns per
 * instance, and from the measured overlap. Burn-in 100 billiard-walk steps; the check at α = 1 and α = 4 with 300 tells
 * whether the chain has relaxed.
 *
 *     npx tsx scripts/lab-gibbs.ts
 */
import type { Row } from '../src/io/row.js';
import { perceptronModel } from '../src/replica/perceptron.js';
import { generalizationErrors } from '../src/replica/rows.js';
import { solveTeacherStudent } from '../src/replica/teacher-student.js';
import type { SimConfig } from '../src/teacher-student/runner.js';
import { base, run, start, write } from './lab-common.js';

const { elapsed } = start('lab-gibbs.ts');
const SAMPLES = Number(process.env.SAMPLES ?? 16);
const N = Number(process.env.N ?? 200);
const spec = perceptronModel({ prior: 'spherical', setting: 'teacher-student' });
const cfg = (alpha: number, burnin: number): SimConfig => ({ model: 'perceptron', prior: 'spherical', setting: 'teacher-student', algorithm: 'gibbs', n: N, alpha, kappa: 0, maxSweeps: 1000, ...base, params: { burnin } });
const configs = [...[0.5, 1, 2, 4].map((a) => cfg(a, 100)), cfg(1, 300), cfg(4, 300)];
const rows = await run(configs, SAMPLES, 7, 'gibbs');
const out: Row[] = rows.map((r, i) => {
  const alpha = r.alpha as number;
  const th = solveTeacherStudent(spec, alpha);
  const { eps_gibbs } = generalizationErrors(th.q, th.R ?? th.q);
  const R = r.overlap_teacher as number;
  const eps = r.test_error as number;
  const se = r.test_error_se as number;
  return {
    alpha,
    n: N,
    burnin: configs[i]!.params!.burnin!,
    samples: SAMPLES,
    test_error: eps,
    test_error_se: se,
    eps_from_overlap: Math.acos(R) / Math.PI,
    eps_from_overlap_se: (r.overlap_teacher_se as number) / (Math.PI * Math.sqrt(1 - R * R)),
    overlap_teacher: R,
    overlap_teacher_se: r.overlap_teacher_se as number,
    R_theory: th.R ?? th.q,
    eps_gibbs,
    z_score: (eps - eps_gibbs) / se,
    success_rate: r.success_rate as number,
    seconds: r.seconds as number,
  };
});
write('gibbs', out, ['alpha', 'n', 'burnin', 'samples', 'test_error', 'test_error_se', 'eps_from_overlap', 'eps_from_overlap_se', 'eps_gibbs', 'z_score', 'overlap_teacher', 'R_theory', 'success_rate']);
console.log(`\n${elapsed()}`);
