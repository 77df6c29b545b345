/**
 * The random-features phase diagram (issue #8 item 6; REFERENCE.md §5; docs/random-features.md): a binary
 * student on N random features of D-dimensional inputs, P examples from a sign teacher, in the plane
 * (α_D = P/D, γ = N/D):
 *   rf-interpolation   γ_interp(α_D): RS entropy of the zero-error students = 0 (replica/random-features.ts);
 *                      UNSAT below it.
 *   rf-local-entropy   γ_LE(α_D) > γ_interp: the densest regions become accessible (the local-entropy dip
 *                      vanishes, entropy/random-features-transition.ts). Between the lines solutions exist
 *                      but are isolated; above γ_LE dense, accessible regions.
 *   rf-success         success probability of a binary algorithm (the lab's cpr, fbp, ...) at (α_D, γ), on
 *                      `samples` seeded instances of size D (teacher-student/random-features-lab.ts).
 *   rf-onset           the algorithmic point: the γ at which that success probability crosses ½, from a
 *                      γ scan (isotonic fit of the scan, then linear interpolation), or read from a file
 *                      (`--points`, the onsets.csv of scripts/random-features-simulations.ts).
 * The CLI options of this family live here (`withRFDiagramOptions`, `parseRFDiagramOptions`), so that the
 * phase-diagram command only forwards them.
 */
import type { Argv } from 'yargs';
import type { Cell, Row } from '../io/row.js';
import type { Chart, Label, Series } from '../plot/chart.js';
import { ACTIVATIONS, activationByName } from '../replica/activations.js';
import { randomFeaturesDiagram } from '../replica/random-features-diagram.js';
import { featureMap, interpolationThreshold } from '../replica/random-features.js';
import { algorithms, type AlgorithmName } from '../teacher-student/algorithms.js';
import { aggregateRF, runRFTask, type RFSimConfig } from '../teacher-student/random-features-lab.js';
import { invalid } from '../cli/errors.js';
import { parseChoice, parseNumber, parseOptionalNumber, parseRange } from '../cli/options.js';
import { readInput } from '../cli/read-input.js';
import type { DiagramOptions, Family, FamilyTask } from './families.js';

/** Options of the random-features family (plain data: they travel to worker threads inside the tasks). */
export interface RFFamilyOptions {
  activation: string;
  /** α_D of the interpolation line (cheap: ~0.1 s each). */
  alphaDs: number[];
  /** α_D at which γ_LE is computed (~10 s each on one core). */
  leAlphaDs: number[];
  leTol: number;
  /** Algorithms whose onset is measured by simulation ([]: none). */
  algorithms: AlgorithmName[];
  simAlphaDs: number[];
  /** Hidden dimension D and instances per γ of the simulations. */
  simD: number;
  simSamples: number;
  /** Relative γ step of the scan: γ_k = γ_interp(α_D)·(1 + step·k). */
  simStep: number;
  seed: number;
  /** Onsets read from a file (rows with algorithm, d, alpha_d, gamma_onset[, gamma_onset_error]). */
  points: Row[];
  pointsFile?: string;
}

export const RF_DEFAULTS: RFFamilyOptions = {
  activation: 'sign',
  alphaDs: [0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3],
  leAlphaDs: [0.5, 1, 2],
  leTol: 1e-3,
  algorithms: [],
  simAlphaDs: [0.5, 1, 2],
  simD: 50,
  simSamples: 12,
  simStep: 0.1,
  seed: 2026,
  points: [],
};

const FAMILY = 'random-features';
/** Sideways offset (in α_D) between the algorithmic points of different groups at the same α_D. */
const DODGE = 0.04;
const num = (v: Cell | undefined): number => (typeof v === 'number' ? v : NaN);

/** Pool adjacent violators: the non-decreasing fit of y (weights w) in the order given. */
export function isotonic(y: readonly number[], w: readonly number[] = y.map(() => 1)): number[] {
  const blocks: { v: number; w: number; n: number }[] = [];
  y.forEach((yi, i) => {
    blocks.push({ v: yi, w: w[i]!, n: 1 });
    while (blocks.length > 1 && blocks.at(-2)!.v > blocks.at(-1)!.v) {
      const b = blocks.pop()!;
      const a = blocks.pop()!;
      blocks.push({ v: (a.v * a.w + b.v * b.w) / (a.w + b.w), w: a.w + b.w, n: a.n + b.n });
    }
  });
  return blocks.flatMap((b) => Array.from({ length: b.n }, () => b.v));
}

export interface Onset {
  gamma: number | null;
  /** Error bar: the larger of the binomial error carried through the interpolation and half the grid step. */
  error: number | null;
  /** The binomial part alone. */
  binomialError: number | null;
  bracket: [number, number] | null;
}

/**
 * Where a success probability, measured at increasing γ (n instances each), crosses ½: the isotonic
 * (non-decreasing) fit of the rates, then linear interpolation between the last fitted point below ½ and the
 * first at or above it. The binomial standard errors √(p(1−p)/n) of the two raw rates move the crossing by
 * Δγ·√(se₀² + se₁²)/(s₁ − s₀) (capped at the grid step).
 */
export function successOnset(points: readonly { gamma: number; rate: number; n: number }[]): Onset {
  const pts = [...points].sort((a, b) => a.gamma - b.gamma);
  const fit = isotonic(pts.map((p) => p.rate), pts.map((p) => p.n));
  const k = fit.findIndex((s) => s >= 0.5);
  if (k <= 0) return { gamma: null, error: null, binomialError: null, bracket: null };
  const [g0, g1] = [pts[k - 1]!.gamma, pts[k]!.gamma];
  const [s0, s1] = [fit[k - 1]!, fit[k]!];
  const gamma = g0 + ((0.5 - s0) * (g1 - g0)) / (s1 - s0);
  // Binomial error of a rate, floored so that 0/n and n/n still carry an uncertainty.
  const se = (p: { rate: number; n: number }) => Math.sqrt(Math.max(p.rate * (1 - p.rate), 0.25 / p.n) / p.n);
  const step = g1 - g0;
  const binom = Math.min(step, (step * Math.hypot(se(pts[k - 1]!), se(pts[k]!))) / (s1 - s0));
  return { gamma, error: Math.max(binom, step / 2), binomialError: binom, bracket: [g0, g1] };
}

function simConfig(o: { algorithm: AlgorithmName; activation: string; alphaD: number; gamma: number; d: number }): RFSimConfig {
  return { ...o, kappa: 0, maxSweeps: algorithms[o.algorithm].maxSweeps, testPatterns: 1000, sigmas: [], noiseSamples: 0 };
}

/** The γ scan of one algorithm at one α_D: upward from 0.9 γ_interp until two rates ≥ ¾ (or γ = 2.5 γ_interp). */
function onsetScan(t: FamilyTask): Row[] {
  const alphaD = num(t.alpha_d);
  const activation = String(t.activation);
  const algorithm = String(t.algorithm) as AlgorithmName;
  const d = num(t.d);
  const samples = num(t.samples);
  const step = num(t.step);
  const seed = num(t.seed);
  const gI = interpolationThreshold(featureMap(activationByName(activation)), alphaD).gamma;
  const rows: Row[] = [];
  const at = (k: number): Row => {
    const gamma = Number((gI * (1 + step * k)).toPrecision(6));
    const config = simConfig({ algorithm, activation, alphaD, gamma, d });
    const outcomes = Array.from({ length: samples }, (_, sample) => runRFTask({ config, sample, seed }));
    const r = aggregateRF(config, seed, outcomes);
    const row: Row = { family: FAMILY, curve: 'rf-success', ...r, gamma_interp: gI, gamma_over_interp: gamma / gI, converged: true };
    rows.push(row);
    return row;
  };
  const kMax = Math.ceil(1.5 / step);
  let high = 0;
  for (let k = Math.round(-0.1 / step); k <= kMax && high < 2; k++) if (num(at(k).success_rate) >= 0.75) high++;
  // Success already at the scan's start: extend it downwards (finite-size solutions below γ_interp).
  for (let k = Math.round(-0.1 / step) - 1; k >= Math.round(-0.5 / step) && num(rows.reduce((a, b) => (num(a.gamma) < num(b.gamma) ? a : b)).success_rate) >= 0.5; k--) at(k);
  rows.sort((a, b) => num(a.gamma) - num(b.gamma));
  const on = successOnset(rows.map((r) => ({ gamma: num(r.gamma), rate: num(r.success_rate), n: samples })));
  rows.push({
    family: FAMILY,
    curve: 'rf-onset',
    source: 'simulation',
    model: 'random-features',
    activation,
    algorithm,
    alpha_d: alphaD,
    d,
    samples,
    gamma: on.gamma,
    gamma_error: on.error,
    gamma_binomial_error: on.binomialError,
    gamma_lo: on.bracket?.[0] ?? null,
    gamma_hi: on.bracket?.[1] ?? null,
    gamma_interp: gI,
    seed,
    criterion: `success probability crosses 1/2 (isotonic fit of a γ scan of step ${step}·γ_interp, linear interpolation; ${samples} instances per γ; error: max(binomial, step/2))`,
    converged: on.gamma !== null,
    ...(on.gamma === null ? { reason: 'the success probability did not cross 1/2 inside the scan' } : {}),
  });
  return rows;
}

function rfTasks(o: DiagramOptions): FamilyTask[] {
  const rf = o.rf ?? RF_DEFAULTS;
  const base = { family: FAMILY, activation: rf.activation };
  return [
    ...rf.alphaDs.map((alpha_d) => ({ ...base, kind: 'interpolation', alpha_d, cost: 0.3 })),
    ...rf.leAlphaDs.map((alpha_d) => ({ ...base, kind: 'local-entropy', alpha_d, tol: rf.leTol, cost: 10 })),
    ...rf.algorithms.flatMap((algorithm) =>
      rf.simAlphaDs.map((alpha_d) => ({ ...base, kind: 'onset', algorithm, alpha_d, d: rf.simD, samples: rf.simSamples, step: rf.simStep, seed: rf.seed, cost: 5 * (rf.simSamples / 12) * (rf.simD / 50) ** 2 * Math.max(1, alpha_d) })),
    ),
    ...(rf.points.length ? [{ ...base, kind: 'points', points: JSON.stringify(rf.points), file: rf.pointsFile ?? '', cost: 0 }] : []),
  ];
}

function rfCompute(t: FamilyTask): Row[] {
  const activation = String(t.activation);
  if (t.kind === 'interpolation' || t.kind === 'local-entropy') {
    const aD = num(t.alpha_d);
    const le = t.kind === 'local-entropy';
    const rows = randomFeaturesDiagram({ activation, alphaDs: le ? [] : [aD], leAlphaDs: le ? [aD] : [], leTol: le ? num(t.tol) : 1e-3 });
    return rows.map((r) => ({ family: FAMILY, curve: `rf-${r.line}`, ...r }));
  }
  if (t.kind === 'onset') return onsetScan(t);
  if (t.kind === 'points') {
    const pts = JSON.parse(String(t.points)) as Row[];
    return pts.map((p) => ({
      family: FAMILY,
      curve: 'rf-onset',
      source: `file ${t.file}`,
      model: 'random-features',
      activation,
      algorithm: p.algorithm ?? null,
      alpha_d: p.alpha_d ?? null,
      d: p.d ?? null,
      samples: p.samples ?? null,
      gamma: p.gamma_onset ?? null,
      gamma_error: p.gamma_onset_error ?? p.gamma_error ?? null,
      criterion: typeof p.criterion === 'string' ? p.criterion : 'read from file',
      converged: typeof p.gamma_onset === 'number',
    }));
  }
  throw new RangeError(`random-features family: unknown task kind ${String(t.kind)}`);
}

const byAlphaD = (rows: readonly Row[], curve: string) => rows.filter((r) => r.curve === curve && typeof r.gamma === 'number').sort((a, b) => num(a.alpha_d) - num(b.alpha_d));

function rfChart(rows: readonly Row[]): Chart {
  const interp = byAlphaD(rows, 'rf-interpolation');
  const le = byAlphaD(rows, 'rf-local-entropy');
  // The gap: from γ_interp to γ_LE at the α_D where γ_LE is computed (linear in between, as its line).
  const gI = (aD: number) => {
    const r = interp.find((x) => Math.abs(num(x.alpha_d) - aD) < 1e-12);
    return r ? num(r.gamma) : num(le.find((x) => Math.abs(num(x.alpha_d) - aD) < 1e-12)?.gamma_interp);
  };
  // The band's lower edge follows the interpolation line at every α_D it has inside the γ_LE range.
  const gL = (aD: number) => {
    const k = le.findIndex((r) => num(r.alpha_d) >= aD - 1e-12);
    if (k < 0) return NaN;
    const [a, b] = [le[Math.max(0, k - 1)]!, le[k]!];
    const [x0, x1] = [num(a.alpha_d), num(b.alpha_d)];
    return x1 === x0 ? num(b.gamma) : num(a.gamma) + ((num(b.gamma) - num(a.gamma)) * (aD - x0)) / (x1 - x0);
  };
  const edgeX = [...new Set([...le.map((r) => num(r.alpha_d)), ...interp.map((r) => num(r.alpha_d))])]
    .filter((aD) => le.length > 0 && aD >= num(le[0]!.alpha_d) - 1e-12 && aD <= num(le.at(-1)!.alpha_d) + 1e-12)
    .sort((a, b) => a - b);
  const gap = edgeX.map((aD) => ({ alpha_d: aD, gamma: gI(aD), gamma_le: gL(aD) })).filter((r) => Number.isFinite(r.gamma) && Number.isFinite(r.gamma_le));
  const onsets = rows.filter((r) => r.curve === 'rf-onset' && typeof r.gamma === 'number' && typeof r.alpha_d === 'number');
  const groups = [...new Set(onsets.map((r) => `${String(r.algorithm)}|${String(r.d)}`))];
  const pointColors = ['#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
  const series: Series[] = [
    { name: 'gap γ_interp < γ < γ_LE: solutions exist, isolated', rows: gap, y: 'gamma', y2: 'gamma_le', mark: 'area' as const, color: '#2ca02c' },
    { name: 'γ_interp(α_D): interpolation (RS entropy = 0)', rows: interp, mark: 'line' as const, color: '#1f77b4' },
    { name: 'γ_LE(α_D): local-entropy transition (dense regions)', rows: le, mark: 'line+point' as const, color: '#d62728' },
    ...groups.map((g, i) => {
      const [algorithm, d] = g.split('|');
      // Groups side by side (dodged by DODGE in α_D) so that their error bars do not hide each other.
      const shift = groups.length > 1 ? DODGE * (i - (groups.length - 1) / 2) : 0;
      const rs = onsets.filter((r) => `${String(r.algorithm)}|${String(r.d)}` === g).map((r): Row => ({ ...r, alpha_d_plot: num(r.alpha_d) + shift }));
      const samples = rs[0]?.samples;
      return { name: `${algorithm} success ½ (D = ${d}${typeof samples === 'number' ? `, ${samples} samples` : ''})`, rows: rs, x: 'alpha_d_plot', mark: 'point' as const, error: 'gamma_error', color: pointColors[i % pointColors.length]! };
    }),
  ].filter((s) => s.rows.length > 0);
  const xs = [...interp, ...le].map((r) => num(r.alpha_d));
  const ys = [...interp, ...le].map((r) => num(r.gamma));
  const labels: Label[] = [];
  if (xs.length) {
    const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
    const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
    // UNSAT in the lower-right corner (far below γ_interp), dense regions in the upper-left (far above γ_LE).
    labels.push({ x: x0 + 0.72 * (x1 - x0), y: y0 + 0.12 * (y1 - y0), text: 'UNSAT: no zero-error student' });
    labels.push({ x: x0 + 0.3 * (x1 - x0), y: y0 + 0.9 * (y1 - y0), text: 'dense, accessible solutions' });
  }
  return {
    title: 'Binary student on random features: phase diagram',
    subtitle: `RS theory (${String(rows.find((r) => r.activation)?.activation ?? 'sign')} features, Gaussian equivalence): solutions exist above γ_interp, wide flat regions appear above γ_LE${groups.length ? `; points: where algorithms solve half of the instances${groups.length > 1 ? ` (set side by side, ±${DODGE} in α_D)` : ''}` : ' (algorithmic points: --algorithmic-points or --points)'}`,
    x: 'alpha_d',
    y: 'gamma',
    xTitle: 'α_D = P/D (examples per input dimension)',
    yTitle: 'γ = N/D (features per input dimension)',
    series,
    labels,
  };
}

export const randomFeaturesFamily: Family = {
  name: FAMILY,
  model: 'random-features',
  describe: 'binary student on random features (α_D, γ): γ_interp, γ_LE, the gap between them, algorithmic onsets (--algorithmic-points, --points)',
  tasks: rfTasks,
  compute: rfCompute,
  chart: rfChart,
  summary: (rows) => rows.filter((r) => r.curve === 'rf-local-entropy' || r.curve === 'rf-onset' || (r.curve === 'rf-interpolation' && [0.5, 1, 2].some((a) => Math.abs(num(r.alpha_d) - a) < 1e-9))),
};

/** The family's CLI options (documented with their defaults). */
export function withRFDiagramOptions<T>(y: Argv<T>): Argv<T> {
  const d = RF_DEFAULTS;
  return y
    .option('activation', { type: 'string', describe: `random features: the features' activation (${ACTIVATIONS.join(' | ')}, centred) [default: ${d.activation}]` })
    .option('alpha-d', { type: 'string', describe: `random features: α_D = P/D of the interpolation line, comma-separated or FROM:TO:STEP [default: ${d.alphaDs.join(',')}]` })
    .option('le-alpha-d', { type: 'string', describe: `random features: α_D at which γ_LE is computed (~10 s each on one core), or 'none' [default: ${d.leAlphaDs.join(',')}]` })
    .option('algorithmic-points', { type: 'string', describe: `random features: algorithms whose success onset (probability ½) is simulated, comma-separated (cpr, fbp, sbpi, sa), or 'none' [default: none]` })
    .option('sim-alpha-d', { type: 'string', describe: `random features: α_D of the simulated onsets [default: ${d.simAlphaDs.join(',')}]` })
    .option('sim-d', { type: 'string', describe: `random features: hidden dimension D of the simulations [default: ${d.simD}]` })
    .option('samples', { type: 'string', describe: `random features: instances per γ of the onset scan [default: ${d.simSamples}]` })
    .option('sim-step', { type: 'string', describe: `random features: relative γ step of the onset scan, γ = γ_interp·(1 + step·k) [default: ${d.simStep}]` })
    .option('seed', { type: 'string', describe: `random features: seed of the simulated instances [default: ${d.seed}]` })
    .option('points', { type: 'string', describe: 'random features: onsets to draw from a CSV/JSON file with columns algorithm, d, gamma_onset, optional alpha_d (default 1, the α_D of scripts/random-features-simulations.ts) and gamma_onset_error' });
}

const list = (option: string, raw: unknown, c: Parameters<typeof parseNumber>[2]): number[] => {
  if (typeof raw !== 'string' || raw.trim() === '') throw invalid(option, raw, 'a comma-separated list of numbers or FROM:TO:STEP');
  if (raw.includes(':')) return parseRange(option, raw, c, 'up', 200).values;
  return raw.split(',').map((s) => parseNumber(option, s, c));
};
const none = (raw: unknown) => raw === 'none' || raw === '';

/** Parse and check the family's options (exit 2 on bad input); reads the --points file. */
export function parseRFDiagramOptions(a: Record<string, unknown>): RFFamilyOptions {
  const d = RF_DEFAULTS;
  const aDc = { min: 0.01, max: 20 };
  const o: RFFamilyOptions = {
    activation: a.activation === undefined ? d.activation : parseChoice('activation', a.activation, ACTIVATIONS),
    alphaDs: a['alpha-d'] === undefined ? d.alphaDs : list('alpha-d', a['alpha-d'], aDc),
    leAlphaDs: a['le-alpha-d'] === undefined ? d.leAlphaDs : none(a['le-alpha-d']) ? [] : list('le-alpha-d', a['le-alpha-d'], { min: 0.05, max: 10 }),
    leTol: d.leTol,
    algorithms: a['algorithmic-points'] === undefined || none(a['algorithmic-points']) ? [] : String(a['algorithmic-points']).split(',').map((s) => {
      const name = s.trim();
      const alg = (algorithms as Record<string, (typeof algorithms)[AlgorithmName] | undefined>)[name];
      if (!alg || !alg.priors.includes('binary') || alg.model !== 'perceptron') throw invalid('algorithmic-points', a['algorithmic-points'], 'a comma-separated list of binary perceptron algorithms (cpr, sbpi, sa, fbp) or none');
      return name as AlgorithmName;
    }),
    simAlphaDs: a['sim-alpha-d'] === undefined ? d.simAlphaDs : list('sim-alpha-d', a['sim-alpha-d'], { min: 0.05, max: 10 }),
    simD: parseOptionalNumber('sim-d', a['sim-d'], d.simD, { min: 10, max: 2000, integer: true }),
    simSamples: parseOptionalNumber('samples', a.samples, d.simSamples, { min: 2, max: 10000, integer: true }),
    simStep: parseOptionalNumber('sim-step', a['sim-step'], d.simStep, { min: 0.005, max: 0.5 }),
    seed: parseOptionalNumber('seed', a.seed, d.seed, { min: 0, max: 2 ** 31 - 1, integer: true }),
    points: [],
  };
  if (typeof a.leTol === 'number') o.leTol = a.leTol;
  if (a.points !== undefined) {
    const path = String(a.points);
    const t = readInput(path, ['algorithm', 'd', 'gamma_onset']);
    o.pointsFile = path;
    o.points = t.rows.map((r, i) => {
      const g = r.gamma_onset === undefined || r.gamma_onset === '' ? null : r.gamma_onset;
      if (g !== null && (typeof g !== 'number' || !(g > 0))) throw invalid('points', path, `a file whose gamma_onset are positive numbers or empty (row ${i + 1}: '${String(g)}')`);
      const aD = r.alpha_d ?? 1;
      if (typeof aD !== 'number' || !(aD > 0)) throw invalid('points', path, `a file whose alpha_d are positive numbers (row ${i + 1}: '${String(aD)}')`);
      const e = r.gamma_onset_error;
      return { algorithm: r.algorithm ?? null, d: r.d ?? null, alpha_d: aD, gamma_onset: g, gamma_onset_error: typeof e === 'number' ? e : null, samples: r.samples ?? null, criterion: typeof r.criterion === 'string' ? r.criterion : null };
    });
  }
  return o;
}
