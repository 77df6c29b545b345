/**
 * Output rows of an enumeration study (DESIGN.md §4): one row per (α, N) with the public fields `entropy`
 * (= E[ln #solutions]/N over the instances with ≥ 1 solution), `entropy_se`, `no_solution`, the sizes and the
 * seed; teacher-student rows add `eps_gibbs`, `eps_bayes` (majority vote), `eps_barycenter`, `overlap_teacher`
 * with their standard errors; --local-entropy rows add the mean number of solutions at distance k from a
 * random solution (`n_dist_k`) for k ≤ K. Extrapolation rows (n = null) carry the intercept of a weighted
 * least-squares line in 1/N for each averaged field.
 */
import type { Row } from '../../io/row.js';
import { fitInverseN, type MeanSe } from './average.js';
import type { EnumerationSummary } from '../enumeration.js';

const num = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function put(row: Row, name: string, m: MeanSe | null | undefined): void {
  row[name] = num(m?.mean);
  row[`${name}_se`] = num(m?.se);
}

export function enumerationRow(s: EnumerationSummary, maxDistance: number, testSize?: number): Row {
  const row: Row = {
    model: 'perceptron',
    prior: 'binary',
    setting: s.setting,
    method: 'exact enumeration',
    alpha: s.alpha,
    kappa: s.kappa,
    n: s.n,
    p: s.p,
    samples: s.samples,
    seed: s.seed,
    no_solution: s.noSolution,
  };
  put(row, 'entropy', s.entropy);
  row.entropy_average = 'E[ln #solutions]/N over the instances with at least one solution';
  row.annealed_entropy = num(s.annealedEntropy);
  put(row, 'mean_count', s.meanCount);
  if (s.teacher) {
    put(row, 'overlap_teacher', s.teacher.overlap);
    put(row, 'eps_gibbs', s.teacher.epsGibbs);
    put(row, 'eps_bayes', s.teacher.epsBayes);
    put(row, 'eps_barycenter', s.teacher.epsBarycenter);
    put(row, 'eps_gibbs_others', s.teacher.epsGibbsOthers);
    put(row, 'teacher_weight', s.teacher.teacherWeight);
    if (testSize !== undefined) row.test_size = testSize;
  }
  if (s.distances) {
    for (let k = 1; k <= Math.min(maxDistance, s.n); k++) {
      const d = s.distances[k]!;
      put(row, `n_dist_${k}`, d.count);
      row[`s_dist_${k}`] = d.entropy;
      row[`nonzero_dist_${k}`] = d.nonzero;
    }
  }
  row.cpu_seconds = s.cpuSeconds;
  row.configurations_per_second = num(s.configurationsPerSecond);
  return row;
}

/** Fields extrapolated to N → ∞ (those present in the rows). */
const EXTRAPOLATED = ['entropy', 'eps_gibbs', 'eps_bayes', 'eps_barycenter', 'overlap_teacher'];

/**
 * One row per α: every averaged field fitted as a + b/N (weights 1/se²) over the sizes given; the intercept
 * goes under the field's name, its standard error under `_se`, χ²/dof under `_chi2_dof`.
 */
export function extrapolationRows(rows: readonly Row[]): Row[] {
  const byAlpha = new Map<number, Row[]>();
  for (const r of rows) byAlpha.set(r.alpha as number, [...(byAlpha.get(r.alpha as number) ?? []), r]);
  const out: Row[] = [];
  for (const [alpha, rs] of byAlpha) {
    const sizes = rs.map((r) => r.n as number);
    if (new Set(sizes).size < 2) continue;
    const first = rs[0]!;
    const row: Row = {
      model: first.model!,
      prior: first.prior!,
      setting: first.setting!,
      method: 'exact enumeration, extrapolated: weighted least squares a + b/N (weights 1/se²)',
      alpha,
      kappa: first.kappa!,
      n: null,
      sizes: sizes.join(' '),
      samples: rs.reduce((s, r) => s + (r.samples as number), 0),
      seed: first.seed!,
    };
    for (const f of EXTRAPOLATED) {
      const pts = rs.filter((r) => typeof r[f] === 'number' && typeof r[`${f}_se`] === 'number' && (r[`${f}_se`] as number) > 0).map((r) => ({ n: r.n as number, mean: r[f] as number, se: r[`${f}_se`] as number }));
      if (new Set(pts.map((p) => p.n)).size < 2) continue;
      const fit = fitInverseN(pts, 1);
      row[f] = fit.intercept;
      row[`${f}_se`] = fit.interceptSe;
      row[`${f}_slope`] = fit.coefficients[1]!;
      row[`${f}_chi2_dof`] = fit.dof > 0 ? fit.chi2 / fit.dof : null;
    }
    out.push(row);
  }
  return out;
}
