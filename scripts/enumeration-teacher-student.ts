/**
 * Issue #5 acceptance, enumeration part 2: binary teacher, binary student, κ = 0 (Bayes-optimal: the version
 * space is the posterior). Exact version-space statistics against the replica theory (REFERENCE.md §2):
 *   npx tsx scripts/enumeration-teacher-student.ts [--quick] [--jobs J]
 * For α ∈ {0.5, 1} (and 1.5, 2 at smaller N): E[ln |V|]/N, ε_Gibbs = ⟨arccos R⟩_V/π (exact per instance),
 * ε_Bayes (majority vote of V on 1000 fresh patterns per instance), the barycenter error, against the RS
 * values (poor-generalization branch; ε_G = arccos(q)/π, ε_B = arccos(√q)/π), with the finite-N trend and a
 * 1/N extrapolation. Writes out/enumeration/teacher-student.json and .csv.
 */
import { writeFileAtomic } from '../src/io/atomic.js';
import { serialize } from '../src/io/format.js';
import type { Row } from '../src/io/row.js';
import { perceptronModel } from '../src/replica/perceptron.js';
import { generalizationErrors } from '../src/replica/rows.js';
import { solveTeacherStudent } from '../src/replica/teacher-student.js';
import { enumerateStudy, fitInverseN, type EnumerationSummary } from '../src/teacher-student/enumeration.js';
import { enumerationRow } from '../src/teacher-student/enumeration/rows.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jobs = Number(args[args.indexOf('--jobs') + 1] ?? 1) || 1;
const seed = 77;
const t0 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);
const spec = perceptronModel({ prior: 'binary', setting: 'teacher-student', kappa: 0, nishimori: true });

const plan: { alpha: number; sizes: number[] }[] = quick
  ? [{ alpha: 0.5, sizes: [10, 12, 14] }, { alpha: 1, sizes: [10, 12, 14] }]
  : [
      { alpha: 0.5, sizes: [12, 14, 16, 18, 20, 22, 24] },
      { alpha: 1, sizes: [12, 14, 16, 18, 20, 22, 24] },
      { alpha: 1.5, sizes: [12, 16, 20] },
      { alpha: 2, sizes: [12, 16, 20] },
    ];
const samplesAt = (n: number) => (quick ? 100 : n <= 18 ? 1000 : n === 20 ? 600 : n === 22 ? 300 : 150);

const out: unknown[] = [];
const rows: Row[] = [];
for (const { alpha, sizes } of plan) {
  const th = solveTeacherStudent(spec, alpha);
  const e = generalizationErrors(th.q, th.R ?? th.q);
  log(`α = ${alpha}: RS ${th.state} branch q = R = ${th.q.toFixed(6)}, s = ${th.phi.toFixed(6)}, ε_Gibbs = ${e.eps_gibbs.toFixed(5)}, ε_Bayes = ${e.eps_bayes.toFixed(5)} (perfect state: s = 0, ε = 0)`);
  const sums: EnumerationSummary[] = [];
  for (const n of sizes) {
    const s = await enumerateStudy({ setting: 'teacher-student', n, alpha, samples: samplesAt(n), seed, testSize: 1000, jobs });
    sums.push(s);
    const t = s.teacher!;
    log(
      `  N = ${n} (P = ${s.p}, ${s.samples} instances): E[ln|V|]/N = ${s.entropy.mean.toFixed(4)} ± ${s.entropy.se.toFixed(4)}, R = ${t.overlap.mean.toFixed(4)} ± ${t.overlap.se.toFixed(4)}, ` +
        `ε_Gibbs = ${t.epsGibbs.mean.toFixed(4)} ± ${t.epsGibbs.se.toFixed(4)}, ε_Bayes(vote) = ${t.epsBayes!.mean.toFixed(4)} ± ${t.epsBayes!.se.toFixed(4)}, ` +
        `ε_barycenter = ${t.epsBarycenter.mean.toFixed(4)} ± ${t.epsBarycenter.se.toFixed(4)}, E[1/|V|] = ${t.teacherWeight.mean.toFixed(4)}, ε_Gibbs without the teacher = ${t.epsGibbsOthers.mean.toFixed(4)} ± ${t.epsGibbsOthers.se.toFixed(4)}`,
    );
    rows.push({ ...enumerationRow(s, 0, 1000), rs_state: th.state, rs_entropy: th.phi, rs_eps_gibbs: e.eps_gibbs, rs_eps_bayes: e.eps_bayes });
  }
  const fits: Record<string, unknown> = {};
  if (sizes.length >= 3) {
    for (const [name, get] of [
      ['entropy', (s: EnumerationSummary) => s.entropy],
      ['eps_gibbs', (s: EnumerationSummary) => s.teacher!.epsGibbs],
      ['eps_bayes', (s: EnumerationSummary) => s.teacher!.epsBayes!],
      ['eps_gibbs_others', (s: EnumerationSummary) => s.teacher!.epsGibbsOthers],
    ] as const) {
      const pts = sums.map((s) => ({ n: s.n, mean: get(s).mean, se: get(s).se }));
      const f = fitInverseN(pts, 1);
      const tail = fitInverseN(pts.slice(-4), 1);
      fits[name] = { all: f, largest4: tail };
      const theory = name === 'entropy' ? th.phi : name === 'eps_bayes' ? e.eps_bayes : e.eps_gibbs;
      log(`  1/N extrapolation of ${name}: all N ${f.intercept.toFixed(4)} ± ${f.interceptSe.toFixed(4)} (χ²/dof ${(f.chi2 / f.dof).toFixed(2)}), N ≥ ${pts.slice(-4)[0]!.n}: ${tail.intercept.toFixed(4)} ± ${tail.interceptSe.toFixed(4)} (χ²/dof ${(tail.chi2 / Math.max(1, tail.dof)).toFixed(2)}); RS ${theory.toFixed(4)}`);
    }
  }
  out.push({ alpha, theory: { state: th.state, q: th.q, entropy: th.phi, ...e }, summaries: sums, fits });
}
writeFileAtomic(`out/enumeration/teacher-student${quick ? '-quick' : ''}.csv`, serialize(rows, 'csv'));
writeFileAtomic(`out/enumeration/teacher-student${quick ? '-quick' : ''}.json`, JSON.stringify({ seed, results: out }, null, 1));
log(`wrote out/enumeration/teacher-student${quick ? '-quick' : ''}.json and .csv`);
