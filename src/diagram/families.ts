/**
 * The phase diagram's curve families: a small registry, one entry per family. Each entry splits its work
 * into independent tasks (plain data, so that they can run on worker threads), turns a task into rows,
 * and says how its rows are drawn. A new model (random features, committee machines, …) adds an entry
 * here and nothing else: `gardner phase-diagram --model M` runs the families whose `model` is M, and
 * `--families a,b` chooses among them.
 *
 *   storage          the perceptron's storage plane (κ, α): spherical α_c(κ) (Gardner closed form, checked by
 *                    the q → 1 end of the RS branch), binary α_KM(κ) (RS entropy = 0, Krauth-Mézard), the
 *                    binary RS branch end (q → 1, Gardner-Derrida; not a physical capacity), and the binary
 *                    accessibility transition α_LE(κ) (large deviations, y → ∞; entropy/accessibility.ts).
 *   teacher-student  the binary perceptron learning a binary teacher (Bayes-optimal, Nishimori line): ε_Gibbs(α)
 *                    and ε_Bayes(α) on the poor-generalization branch, the perfect state, the first-order
 *                    transition (φ_poor = 0) and the spinodal (end of the poor branch).
 */
import { accessibilityTransition } from '../entropy/accessibility.js';
import type { Cell, Row } from '../io/row.js';
import type { Chart, Rule, Series } from '../plot/chart.js';
import { storageCapacity } from '../replica/capacity.js';
import { gardnerCapacity } from '../replica/channels/perceptron.js';
import { perceptronModel } from '../replica/perceptron.js';
import { generalizationErrors } from '../replica/rows.js';
import { sweepAny } from '../replica/solve-any.js';
import { branchEndQ1 } from '../replica/study.js';
import { firstOrderTransition, poorBranchSpinodal } from '../replica/teacher-student.js';
import { grid } from '../saddle/continuation.js';
import { randomFeaturesFamily, type RFFamilyOptions } from './random-features-family.js';

/** A unit of work: plain data (it crosses to a worker thread by structured clone). */
export interface FamilyTask {
  family: string;
  kind: string;
  /** Rough cost in seconds on one core: the longest tasks are scheduled first. */
  cost: number;
  [key: string]: Cell;
}

export interface DiagramOptions {
  /** Margins of the cheap curves (α_c, α_KM, RS end). */
  kappas: number[];
  /** Margins at which α_LE is computed (each costs several seconds). */
  leKappas: number[];
  /** Tolerance on α_LE. */
  leTol: number;
  /** Step of the teacher-student α grid. */
  tsStep: number;
  /** The random-features family's options (default: RF_DEFAULTS of random-features-family.ts). */
  rf?: RFFamilyOptions;
}

export interface Family {
  name: string;
  /** The network the family belongs to (`--model`). */
  model: string;
  describe: string;
  tasks(o: DiagramOptions): FamilyTask[];
  /** Runs in a worker thread: no closures over main-thread state. */
  compute(task: FamilyTask): Row[];
  chart(rows: readonly Row[]): Chart;
  /** The rows worth a line in the printed summary. */
  summary(rows: readonly Row[]): Row[];
}

const curveRows = (rows: readonly Row[], curve: string) => rows.filter((r) => r.curve === curve).sort((a, b) => Number(a.kappa ?? a.alpha) - Number(b.kappa ?? b.alpha));
const near = (a: Cell | undefined, b: number) => typeof a === 'number' && Math.abs(a - b) < 1e-9;

export const storageFamily: Family = {
  name: 'storage',
  model: 'perceptron',
  describe: 'perceptron storage (κ, α): spherical α_c, binary α_KM, binary RS end (q → 1), binary α_LE',
  tasks: (o) => [
    ...o.kappas.map((kappa) => ({ family: 'storage', kind: 'capacities', kappa, cost: 0.5 })),
    ...o.leKappas.map((kappa) => ({ family: 'storage', kind: 'local-entropy', kappa, tol: o.leTol, cost: 8 })),
  ],
  compute(t): Row[] {
    const kappa = Number(t.kappa);
    if (t.kind === 'local-entropy') {
      const le = accessibilityTransition({ construction: 'large-deviation', kappa, tol: Number(t.tol) });
      return [
        {
          family: 'storage',
          curve: 'binary-local-entropy',
          prior: 'binary',
          ansatz: 'RS, y → ∞',
          kappa,
          alpha: le.alpha,
          criterion: le.criterion,
          tolerance: le.tolerance,
          alpha_km: le.alphaKM,
          dip_d: le.dip.d,
          converged: le.converged,
        },
      ];
    }
    const sphSpec = perceptronModel({ prior: 'spherical', setting: 'storage', kappa });
    const closed = gardnerCapacity(kappa);
    const end = branchEndQ1(sphSpec);
    const bin = storageCapacity(perceptronModel({ prior: 'binary', setting: 'storage', kappa }), { tol: 1e-10 });
    return [
      {
        family: 'storage',
        curve: 'spherical-capacity',
        prior: 'spherical',
        ansatz: 'RS',
        kappa,
        alpha: closed,
        criterion: 'Gardner closed form 1/∫_{−κ}^∞ Dt (t+κ)² (RS; exact for κ ≥ 0, an upper bound for κ < 0)',
        tolerance: 0,
        check: end.alpha,
        check_error: Math.abs(end.alpha - closed),
        converged: end.converged && Math.abs(end.alpha - closed) < 1e-6 * Math.max(1, closed),
      },
      { family: 'storage', curve: 'binary-capacity', prior: 'binary', ansatz: 'RS (entropy zero = frozen 1RSB)', kappa, alpha: bin.alpha_c, criterion: bin.criterion, tolerance: bin.tolerance, converged: bin.converged },
      {
        family: 'storage',
        curve: 'binary-rs-end',
        prior: 'binary',
        ansatz: 'RS',
        kappa,
        alpha: bin.rsEnd.alpha,
        criterion: bin.rsEnd.criterion + ' (not the physical capacity)',
        tolerance: bin.rsEnd.errorEstimate,
        converged: bin.rsEnd.converged,
      },
    ];
  },
  chart(rows) {
    const series: Series[] = [
      { name: 'spherical α_c(κ) (Gardner, RS: an upper bound for κ < 0)', rows: curveRows(rows, 'spherical-capacity'), mark: 'line' },
      { name: 'binary α_KM(κ) (SAT/UNSAT: RS entropy = 0)', rows: curveRows(rows, 'binary-capacity'), mark: 'line' },
      { name: 'binary RS end q → 1 (unphysical)', rows: curveRows(rows, 'binary-rs-end'), mark: 'line', dashed: true },
      { name: 'binary α_LE(κ) (dense regions vanish)', rows: curveRows(rows, 'binary-local-entropy'), mark: 'line+point' },
    ].filter((s) => s.rows.length > 0) as Series[];
    return {
      title: 'Perceptron storage phase diagram',
      subtitle: 'SAT below each capacity line; binary weights: dense accessible regions below α_LE',
      x: 'kappa',
      y: 'alpha',
      yTitle: 'α = P/N (patterns per weight)',
      series,
      logY: true,
    };
  },
  summary: (rows) => {
    const order = ['spherical-capacity', 'binary-capacity', 'binary-rs-end', 'binary-local-entropy'];
    return rows
      .filter((r) => r.curve === 'binary-local-entropy' || [-1, -0.5, 0, 0.5, 1].some((k) => near(r.kappa, k)))
      .sort((a, b) => order.indexOf(String(a.curve)) - order.indexOf(String(b.curve)) || Number(a.kappa) - Number(b.kappa));
  },
};

export const teacherStudentFamily: Family = {
  name: 'teacher-student',
  model: 'perceptron',
  describe: 'binary perceptron learning a binary teacher (Bayes-optimal): ε_Gibbs(α), ε_Bayes(α), first-order transition and spinodal',
  tasks: (o): FamilyTask[] => [
    { family: 'teacher-student', kind: 'transitions', cost: 3 },
    { family: 'teacher-student', kind: 'poor-branch', step: o.tsStep, cost: 3 },
  ],
  compute(t): Row[] {
    const spec = perceptronModel({ prior: 'binary', setting: 'teacher-student', kappa: 0, nishimori: true });
    const base = { family: 'teacher-student', prior: 'binary', teacher: 'binary', ansatz: 'RS (exact on the Nishimori line)' };
    if (t.kind === 'transitions') {
      const sp = poorBranchSpinodal(spec);
      const fo = firstOrderTransition(spec, { spinodal: sp });
      return [
        { ...base, curve: 'ts-first-order', alpha: fo.value, criterion: fo.criterion, tolerance: fo.tolerance, q: fo.point.q, ...generalizationErrors(fo.point.q, fo.point.R ?? fo.point.q), converged: fo.converged },
        { ...base, curve: 'ts-spinodal', alpha: sp.value, criterion: sp.criterion, tolerance: sp.tolerance, q: sp.point.q, ...generalizationErrors(sp.point.q, sp.point.R ?? sp.point.q), converged: sp.converged },
      ];
    }
    // The poor branch from small α until it ends (the spinodal, below α = 2).
    const step = Number(t.step);
    const b = sweepAny(spec, grid(step, 2, step), { start: 'poor', tol: 1e-12 });
    return b.points.map((p) => ({
      ...base,
      curve: 'ts-poor-branch',
      alpha: p.alpha,
      state: p.state ?? 'poor',
      q: p.q,
      R: p.R ?? p.q,
      entropy: p.phi,
      ...generalizationErrors(p.q, p.R ?? p.q),
      equilibrium: p.equilibrium ?? null,
      converged: p.converged,
      residual: p.residual,
    }));
  },
  chart(rows) {
    const branch = curveRows(rows, 'ts-poor-branch').filter((r) => r.state === 'poor');
    const first = rows.find((r) => r.curve === 'ts-first-order');
    const spin = rows.find((r) => r.curve === 'ts-spinodal');
    const a1 = Number(first?.alpha ?? Infinity);
    const eq = branch.filter((r) => Number(r.alpha) <= a1);
    // The metastable part runs from the last equilibrium grid point to the spinodal itself.
    const meta = [...branch.filter((r) => Number(r.alpha) >= (eq.at(-1) ? Number(eq.at(-1)!.alpha) : 0)), ...(spin ? [spin] : [])];
    const aMax = Math.max(2, ...branch.map((r) => Number(r.alpha)));
    const perfect = first ? [{ alpha: a1, eps: 0 }, { alpha: aMax, eps: 0 }] : [];
    const series: Series[] = [
      { name: 'ε_Gibbs, poor branch (equilibrium)', rows: eq, y: 'eps_gibbs', mark: 'line', color: '#1f77b4' },
      { name: 'ε_Bayes, poor branch (equilibrium)', rows: eq, y: 'eps_bayes', mark: 'line', color: '#d62728' },
      { name: 'ε_Gibbs, poor branch (metastable, dashed)', rows: meta, y: 'eps_gibbs', mark: 'line', dashed: true, color: '#1f77b4' },
      { name: 'ε_Bayes, poor branch (metastable, dashed)', rows: meta, y: 'eps_bayes', mark: 'line', dashed: true, color: '#d62728' },
      { name: 'ε = 0, perfect generalization (equilibrium)', rows: perfect, y: 'eps', mark: 'line', color: '#2ca02c' },
    ];
    const rules: Rule[] = [];
    if (first) rules.push({ axis: 'x', value: a1, label: `first order α = ${a1.toFixed(4)}` });
    if (spin) rules.push({ axis: 'x', value: Number(spin.alpha), label: `spinodal α = ${Number(spin.alpha).toFixed(4)}` });
    return {
      title: 'Binary perceptron, binary teacher (Bayes-optimal)',
      subtitle: 'generalization error vs α; the poor branch is metastable beyond the first-order transition and ends at the spinodal',
      x: 'alpha',
      y: 'eps',
      series,
      rules,
      yDomain: [-0.01, 0.5],
    };
  },
  summary: (rows) => rows.filter((r) => r.curve === 'ts-first-order' || r.curve === 'ts-spinodal'),
};

/**
 * The binary student on random features of Gaussian inputs, labels from a spherical teacher (REFERENCE.md
 * §5, docs/random-features.md §8): in the (α_D = P/D, γ = N/D) plane the interpolation line γ_interp(α_D)
 * (RS entropy = 0) and the accessibility line γ_LE(α_D) (densest regions, large deviations y → ∞).
 */
export const FAMILIES: Family[] = [storageFamily, teacherStudentFamily, randomFeaturesFamily];

export function familyByName(name: string): Family {
  const f = FAMILIES.find((x) => x.name === name);
  if (!f) throw new RangeError(`no phase-diagram family '${name}' (known: ${FAMILIES.map((x) => x.name).join(', ')})`);
  return f;
}
