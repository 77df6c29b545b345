/**
 * High-margin reference (Baldassi et al. 2021; docs/local-entropy.md §3): the reference is drawn uniformly
 * among the solutions with margin κ̃ > κ and the margin-κ solutions around it are counted — the Franz-Parisi
 * construction of franz-parisi.ts with the reference's own RS solution at κ̃.
 *
 * Such references exist (log-count ≥ 0) for κ̃ ≤ κ_max(α), the margin at which the reference model's RS
 * entropy vanishes (the binary perceptron's capacity curve read the other way, α_KM(κ_max) = α).
 * Curves are obtained by homotopy in κ̃ at d = d*(κ) — where the equilibrium reference has its exact
 * solution (q1 = p0 = q̃) — followed by continuation in d; the best margin maximizes S(d_s; κ̃) at a given
 * small distance d_s.
 */
import { perceptronModel, type PriorName } from '../replica/perceptron.js';
import { solvePoint } from '../replica/study.js';
import { zeroOf } from '../saddle/transitions.js';
import { equilibriumPoint, franzParisiCurve, franzParisiSpec, solveFranzParisi, stateOf, type Curve, type FPState, type FranzParisiSpec, type LocalEntropyPoint } from './franz-parisi.js';
import type { NestedRules } from '../replica/reference-prior.js';
import type { GlmSpec } from '../replica/glm.js';

/** κ_max(α): the margin where the binary RS entropy of the references vanishes (Brent on s(κ̃)). */
export function maxReferenceMargin(
  alpha: number,
  kappa: number,
  opts: { tol?: number; modelOf?: (kappaRef: number) => GlmSpec; entropyOf?: (kappaRef: number) => number } = {},
): { kappaMax: number; tolerance: number; criterion: string } {
  const modelOf = opts.modelOf ?? ((k: number) => perceptronModel({ prior: 'binary', setting: 'storage', kappa: k }));
  /** The references' RS entropy at margin κ̃ (NaN where the RS branch does not converge); a model that is not
   *  a GLM spec (random features) passes its own. */
  const entropy =
    opts.entropyOf ??
    ((k: number) => {
      const p = solvePoint(modelOf(k), alpha);
      return p.converged ? p.phi : NaN;
    });
  const s = (k: number) => {
    const v = entropy(k);
    if (!Number.isFinite(v)) throw new RangeError(`κ_max: RS of the references did not converge at α = ${alpha}, κ̃ = ${k}`);
    return v;
  };
  if (!(s(kappa) > 0)) throw new RangeError(`κ_max: at α = ${alpha} the margin-κ solutions themselves have entropy ${entropy(kappa)} ≤ 0 (α ≥ α_KM(κ))`);
  // March up in κ̃ until the entropy is negative; where the RS branch stops existing (q → 1, beyond the
  // Gardner-Derrida end) the entropy is already negative, so shorten the step there.
  let lo = kappa;
  let step = 0.05;
  let hi = NaN;
  for (let i = 0; i < 400; i++) {
    const k = lo + step;
    const v = entropy(k);
    if (Number.isFinite(v) && v > 0) lo = k;
    else if (Number.isFinite(v)) {
      hi = k;
      break;
    } else if ((step /= 2) < 1e-10) throw new RangeError(`κ_max: the references' RS branch ends at κ̃ ≈ ${lo} with positive entropy at α = ${alpha}`);
  }
  if (!Number.isFinite(hi)) throw new RangeError(`κ_max: no margin with negative entropy found above κ = ${kappa} at α = ${alpha}`);
  const tol = opts.tol ?? 1e-9;
  const r = zeroOf(s, [lo, hi], { tol, criterion: opts.entropyOf ? 'RS entropy of the references s(κ̃) = 0' : 'binary RS entropy of the references s(α, κ̃) = 0' });
  return { kappaMax: r.value, tolerance: tol, criterion: r.criterion };
}

export interface MarginOptions {
  prior: PriorName;
  alpha: number;
  kappa: number;
  kappaRef: number;
  rules?: NestedRules;
  /** The Franz-Parisi spec at reference margin κ̃ (default: the perceptron's, franzParisiSpec); another
   *  model's constructions (entropy/committee.ts) plug in here. */
  specOf?: (kappaRef: number) => FranzParisiSpec;
}

const specAt = (o: MarginOptions, kappaRef: number) => (o.specOf ? o.specOf(kappaRef) : franzParisiSpec({ prior: o.prior, alpha: o.alpha, kappa: o.kappa, kappaRef, ...(o.rules ? { rules: o.rules } : {}) }));

/**
 * What the homotopy in κ̃ needs from a Franz-Parisi construction (the perceptron's and committee's here,
 * the random-features model's in random-features-margin.ts): the spec at a reference margin, the exact
 * equilibrium state at d*(κ) = (1 − q̃(κ))/2 of the spec at κ̃ = κ, and a solver at fixed d.
 */
export interface MarginConstruction<Spec, State, Point extends { converged: boolean; reason?: string; jacobian?: number[][] }> {
  specAt(kappaRef: number): Spec;
  equilibrium(spec: Spec): { d: number; state: State };
  solve(spec: Spec, d: number, guess: State, jacobian?: number[][]): Point;
  stateOf(pt: Point): State;
}

/**
 * The Franz-Parisi state at d*(κ) for a reference of margin κ̃, by homotopy in the reference margin from
 * κ̃ = κ (exact solution), steps growing ×1.5 on success and halved on failure.
 */
export function referenceMarginHomotopy<Spec, State, Point extends { converged: boolean; reason?: string; jacobian?: number[][] }>(
  c: MarginConstruction<Spec, State, Point>,
  kappa: number,
  kappaRef: number,
): { spec: Spec; d: number; state: State; point: Point } {
  const { d, state: s0 } = c.equilibrium(c.specAt(kappa));
  let state = s0;
  let k = kappa;
  let step = (kappaRef - kappa) / 4;
  let last: { spec: Spec; point: Point } | undefined;
  let jacobian: number[][] | undefined;
  for (let it = 0; it < 200 && k !== kappaRef; it++) {
    const next = Math.abs(kappaRef - k) <= Math.abs(step) * (1 + 1e-12) ? kappaRef : k + step;
    const spec = c.specAt(next);
    const pt = c.solve(spec, d, state, jacobian);
    if (pt.converged) {
      k = next;
      state = c.stateOf(pt);
      jacobian = pt.jacobian;
      last = { spec, point: pt };
      step *= 1.5;
    } else {
      step /= 2;
      jacobian = undefined;
      if (Math.abs(step) < 1e-6) throw new RangeError(`margin reference: homotopy in κ̃ stalled at κ̃ = ${k} on the way to ${kappaRef} (${pt.reason})`);
    }
  }
  if (!last) {
    const spec = c.specAt(kappaRef);
    last = { spec, point: c.solve(spec, d, state) };
  }
  return { spec: last.spec, d, state, point: last.point };
}

/**
 * References of margin κ̃ exist (RS log-count of the margin-κ̃ solutions ≥ 0) only for κ̃ ≤ κ_max: beyond, the
 * construction would average over an empty set, so it is refused (the RS value is tolerated down to −1e-8,
 * the accuracy of κ_max itself).
 */
export function requireReferences(kappaRef: number, entropy: number): void {
  if (!(entropy >= -1e-8)) {
    throw new RangeError(`no reference solutions at margin κ̃ = ${kappaRef}: their RS entropy is ${entropy.toPrecision(4)} < 0 (κ̃ is above κ_max, where the margin-κ̃ solutions disappear); choose a smaller κ̃ or omit it for the best one`);
  }
}

/** marginAnchor: the homotopy on the perceptron's (or a `specOf` model's) Franz-Parisi construction. */
export function marginAnchor(o: MarginOptions): { spec: FranzParisiSpec; d: number; state: FPState; point: LocalEntropyPoint } {
  // binary weights: log-count ≥ 0; spherical: a log-volume, negative at every κ̃ while q̃ < 1 (solveRS fails beyond)
  if (o.prior === 'binary') requireReferences(o.kappaRef, specAt(o, o.kappaRef).reference.entropy);
  return referenceMarginHomotopy(
    {
      specAt: (k) => specAt(o, k),
      equilibrium: (spec) => ({ d: (1 - spec.reference.q) / 2, state: equilibriumPoint(spec) }),
      solve: (spec, d, guess, jacobian) => solveFranzParisi(spec, d, { guess, ...(jacobian ? { jacobian } : {}) }),
      stateOf,
    },
    o.kappa,
    o.kappaRef,
  );
}

/** S(d; κ̃) on a grid: anchor at d*(κ), continuation in d both ways. */
export function marginCurve(o: MarginOptions & { ds: readonly number[]; tol?: number; onPoint?: (p: LocalEntropyPoint) => void }): Curve & { spec: FranzParisiSpec } {
  const a = marginAnchor(o);
  const c = franzParisiCurve(a.spec, o.ds, { startAt: a.d, startState: a.state, ...(o.tol ? { tol: o.tol } : {}), ...(o.onPoint ? { onPoint: o.onPoint } : {}) });
  return { ...c, spec: a.spec };
}

/** S(d_s; κ̃) at one small distance, by continuation in d from the anchor. */
export function marginEntropyAt(o: MarginOptions & { d: number }): LocalEntropyPoint {
  const a = marginAnchor(o);
  const n = Math.max(8, Math.ceil(4 * Math.abs(Math.log(a.d / o.d))));
  const grid: number[] = [];
  for (let i = 0; i <= n; i++) grid.push(Math.exp(Math.log(a.d) + ((Math.log(o.d) - Math.log(a.d)) * i) / n));
  const c = franzParisiCurve(a.spec, grid, { startAt: a.d, startState: a.state });
  const pt = c.points.find((q) => Math.abs(q.d - o.d) < 1e-12 * o.d);
  if (!pt) throw new RangeError(`margin reference κ̃ = ${o.kappaRef}: the curve did not reach d = ${o.d} (${c.ended.join('; ')})`);
  return pt;
}

export interface MarginChoice {
  kappaRef: number;
  kappaMax: number;
  /** True when the best margin is the largest one at which references exist. */
  atBoundary: boolean;
}

/**
 * κ̃*(α): the margin maximizing S(d_s; κ̃) over (κ, κ_max]. The boundary κ_max is compared first with a
 * slightly smaller margin (S increasing there means the optimum is the boundary, the case in every
 * computation so far); otherwise golden-section search on (κ, κ_max).
 */
export function bestReferenceMargin(o: { prior?: PriorName; alpha: number; kappa: number; d: number; rules?: NestedRules; specOf?: (kappaRef: number) => FranzParisiSpec; modelOf?: (kappaRef: number) => GlmSpec }): MarginChoice {
  const { kappaMax } = maxReferenceMargin(o.alpha, o.kappa, o.modelOf ? { modelOf: o.modelOf } : {});
  const S = (kr: number) => marginEntropyAt({ prior: o.prior ?? 'binary', alpha: o.alpha, kappa: o.kappa, kappaRef: kr, d: o.d, ...(o.rules ? { rules: o.rules } : {}), ...(o.specOf ? { specOf: o.specOf } : {}) }).localEntropy;
  return bestMarginOver(o.kappa, kappaMax, S);
}

/**
 * The maximizer of S(κ̃) over (κ, κ_max]: the boundary κ_max is compared first with a slightly smaller margin
 * (S increasing there means the optimum is the boundary); otherwise golden-section search on (κ, κ_max) down
 * to a bracket of relTol·(κ_max − κ).
 */
export function bestMarginOver(kappa: number, kappaMax: number, S: (kappaRef: number) => number, relTol = 1e-4): MarginChoice {
  const delta = 0.02 * (kappaMax - kappa);
  if (S(kappaMax) >= S(kappaMax - delta)) return { kappaRef: kappaMax, kappaMax, atBoundary: true };
  let a = kappa + 1e-3 * (kappaMax - kappa);
  let b = kappaMax;
  const g = (3 - Math.sqrt(5)) / 2;
  let x1 = a + g * (b - a);
  let x2 = b - g * (b - a);
  let f1 = S(x1);
  let f2 = S(x2);
  while (b - a > relTol * (kappaMax - kappa)) {
    if (f1 > f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = a + g * (b - a);
      f1 = S(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = b - g * (b - a);
      f2 = S(x2);
    }
  }
  return { kappaRef: 0.5 * (a + b), kappaMax, atBoundary: false };
}
