/**
 * Franz-Parisi local entropy, replica symmetric (docs/local-entropy.md §2): the log-count (binary) or
 * log-volume (spherical) per weight of the margin-κ solutions w at normalized distance d from a reference
 * w̃ drawn uniformly among the margin-κ̃ solutions,
 *     S(d) = extr_{q1, p0, q̂1, p̂, p̂0} [ −(q̂1/2)(1 − q1) − p̂ p + p̂0 p0 + ψ_C(q̂1, p̂, p̂0) + α ψ_out(q1, p, p0) ],
 * p = 1 − 2d (binary: Hamming distance Nd; spherical: overlap 1 − 2d), ψ_C the prior seen from the reference
 * (replica/reference-prior.ts), ψ_out the perceptron channel seen from it (replica/reference-channel.ts),
 * and the reference's own q̃, q̂̃ from its plain RS solution (replica/reference.ts).
 * Saddle point: q̂1 = −2α ∂ψ_out/∂q1, p̂0 = −α ∂ψ_out/∂p0 (channel); p̂ solves ∂ψ_C/∂p̂ = p (the distance
 * constraint, solved inside the map); q1 = 1 − 2∂ψ_C/∂q̂1, p0 = −∂ψ_C/∂p̂0 (prior).
 * Slope: by the envelope theorem dS/dp = −p̂ + α ∂ψ_out/∂p, so dS/dd = 2(p̂ − α ∂ψ_out/∂p).
 * κ̃ = κ is the equilibrium reference: then p = q̃, q1 = p0 = q̃, p̂ = p̂0 = q̂1 = q̂̃ is an exact solution
 * where S equals the plain RS entropy (the constrained replicas are independent equilibrium replicas), at
 * the maximum of S, d* = (1 − q̃)/2.
 */
import { binaryEntropy } from '../math/special.js';
import { continuation } from '../saddle/continuation.js';
import { equilibriumReference, type ReferenceGroup } from '../replica/reference.js';
import { channelCoefficients, referencedPerceptronChannel, type CoupledChannelTerms, type ReferencedChannel } from '../replica/reference-channel.js';
import { defaultNestedRules, fieldCoefficients, referencedPrior, type CoupledPriorTerms, type NestedRules, type ReferencedPrior } from '../replica/reference-prior.js';
import type { PriorName } from '../replica/perceptron.js';
import { increasingRoot, pointStatus, solveMap, type SolveReport } from './solve.js';
import { scaledResidual } from '../replica/glm.js';
import type { CurveModel } from './transition.js';

export interface FranzParisiSpec {
  prior: ReferencedPrior;
  channel: ReferencedChannel;
  reference: ReferenceGroup;
  alpha: number;
  kappa: number;
}

export interface FranzParisiOptions {
  prior: PriorName;
  alpha: number;
  kappa: number;
  /** Margin of the reference (default κ: equilibrium reference). */
  kappaRef?: number;
  rules?: NestedRules;
}

export function franzParisiSpec(o: FranzParisiOptions): FranzParisiSpec {
  const kappaRef = o.kappaRef ?? o.kappa;
  const rules = o.rules ?? defaultNestedRules();
  return {
    prior: referencedPrior(o.prior, rules),
    channel: referencedPerceptronChannel({ kappa: o.kappa, rules }),
    reference: equilibriumReference(o.prior, o.alpha, kappaRef),
    alpha: o.alpha,
    kappa: o.kappa,
  };
}

export interface FPState {
  q1: number;
  p0: number;
  qhat1: number;
  phat: number;
  phat0: number;
}

/** One solved point of a local-entropy curve (shared by every construction). */
export interface LocalEntropyPoint {
  d: number;
  p: number;
  /** S(d): log-count (binary) or log-volume (spherical) per weight at distance d from the reference. */
  localEntropy: number;
  /** dS/dd from the conjugates (envelope theorem). */
  slope: number;
  /** Overlaps of the constrained group (and reference quantities), by name. */
  order: Record<string, number>;
  /** Their conjugates, by name. */
  conjugates: Record<string, number>;
  converged: boolean;
  iterations: number;
  residual: number;
  reason?: string;
  /** Jacobian of the last solve, reused by the next point of a curve. */
  jacobian?: number[][];
}

/** The Franz-Parisi free entropy S at arbitrary parameters (for identity tests). */
export function franzParisiEntropy(spec: FranzParisiSpec, p: number, s: FPState): number {
  const pr = spec.prior.terms(spec.reference, { qhat1: s.qhat1, phat: s.phat, phat0: s.phat0 });
  const ch = spec.alpha > 0 ? spec.channel.terms(spec.reference, { q1: s.q1, p, p0: s.p0 }).psi : 0;
  return -(s.qhat1 / 2) * (1 - s.q1) - s.phat * p + s.phat0 * s.p0 + pr.psi + spec.alpha * ch;
}

/**
 * p̂ such that ∂ψ_C/∂p̂ = p at fixed (q̂1, p̂0): ψ_C is convex in p̂, so Newton with a bisection safeguard
 * on an expanding bracket converges from any start.
 */
export function solveDistanceConjugate(prior: ReferencedPrior, ref: Pick<ReferenceGroup, 'q' | 'qhat'>, qhat1: number, phat0: number, p: number, guess: number): { phat: number; terms: CoupledPriorTerms } {
  const r = increasingRoot(
    (ph) => {
      const t = prior.terms(ref, { qhat1, phat: ph, phat0 });
      return { value: t.dPhat, slope: t.d2Phat, data: t };
    },
    p,
    guess,
    `distance constraint ∂ψ_C/∂p̂ = p (q̂1 = ${qhat1}, p̂0 = ${phat0})`,
  );
  return { phat: r.x, terms: r.data };
}

interface Evaluation {
  state: FPState;
  channel: CoupledChannelTerms;
  prior: CoupledPriorTerms;
  next: Float64Array;
}

/** One pass of the saddle-point map at overlaps (q1, p0), distance p. */
function evaluate(spec: FranzParisiSpec, p: number, q1: number, p0: number, phatGuess: number): Evaluation {
  const ref = spec.reference;
  const ch = spec.alpha > 0 ? spec.channel.terms(ref, { q1, p, p0 }) : { psi: 0, dq1: 0, dp: 0, dp0: 0 };
  // An uninformative reference (α = 0: q̃ = 0) has no p0 to couple to.
  const qhat1 = Math.max(-2 * spec.alpha * ch.dq1, 0);
  const phat0 = ref.qhat > 0 ? -spec.alpha * ch.dp0 : 0;
  const { phat, terms } = solveDistanceConjugate(spec.prior, ref, qhat1, phat0, p, phatGuess);
  const next = Float64Array.of(1 - 2 * terms.dQhat1, -terms.dPhat0);
  return { state: { q1, p0, qhat1, phat, phat0 }, channel: ch, prior: terms, next };
}

export interface FPSolveOptions {
  guess?: Partial<FPState>;
  tol?: number;
  jacobian?: number[][];
}

/** The equilibrium-reference exact point: p = q̃ with the constrained replicas as extra reference replicas. */
export function equilibriumPoint(spec: FranzParisiSpec): FPState {
  const r = spec.reference;
  return { q1: r.q, p0: r.q, qhat1: r.qhat, phat: r.qhat, phat0: r.qhat };
}

function defaultGuess(spec: FranzParisiSpec, p: number): FPState {
  const r = spec.reference;
  // Constrained replicas that follow the reference: q1 between p² and 1, p0 ≈ p q̃.
  const q1 = Math.min(Math.max(p * p + 0.5 * (1 - p * p) * r.q, r.q), 1 - 1e-9);
  return { q1, p0: p * r.q, qhat1: r.qhat, phat: Math.atanh(Math.min(Math.abs(p), 1 - 1e-12)) * Math.sign(p), phat0: r.qhat * p };
}

/** Solve the Franz-Parisi saddle point at distance d. */
export function solveFranzParisi(spec: FranzParisiSpec, d: number, opts: FPSolveOptions = {}): LocalEntropyPoint {
  if (!(d > 0 && d < 1)) throw new RangeError(`distance d must lie in (0, 1), got ${d}`);
  const p = 1 - 2 * d;
  const ref = spec.reference;
  if (ref.kappa === spec.kappa && Math.abs(p - ref.q) <= 1e-12) {
    // d = d*: the exact solution (constrained replicas = further equilibrium replicas) lies on the boundary
    // C = 0 of the domain, where Newton cannot step; it is known in closed form.
    const x = equilibriumPoint(spec);
    return pointOf(spec, d, evaluate(spec, p, x.q1, x.p0, x.phat), opts.tol ?? 1e-11, { converged: true, iterations: 0 });
  }
  const g = { ...defaultGuess(spec, p), ...(opts.guess ?? {}) };
  let phatGuess = g.phat;
  let last: Evaluation | undefined;
  const map = (x: Float64Array) => {
    channelCoefficients(ref.q, { q1: x[0]!, p, p0: x[1]! });
    const e = evaluate(spec, p, x[0]!, x[1]!, phatGuess);
    phatGuess = e.state.phat;
    last = e;
    return e.next;
  };
  const x0 = intoDomain(ref.q, p, g.q1, ref.qhat > 0 ? g.p0 : 0);
  const names = ['q1', 'p0'];
  let r;
  try {
    r = solveMap(map, x0, { tol: opts.tol ?? 1e-11, names, ...(opts.jacobian ? { jacobian: opts.jacobian } : {}) });
  } catch (err) {
    return failed(spec, d, p, `solver error: ${(err as Error).message}`);
  }
  let e: Evaluation;
  try {
    e = last && last.state.q1 === r.value[0] && last.state.p0 === r.value[1] ? last : evaluate(spec, p, r.value[0]!, r.value[1]!, phatGuess);
  } catch (err) {
    return failed(spec, d, p, `no valid point at the solver's end (${(err as Error).message})`);
  }
  return pointOf(spec, d, e, opts.tol ?? 1e-11, { converged: r.converged, iterations: r.iterations, ...(r.reason ? { reason: r.reason } : {}), ...(r.jacobian ? { jacobian: r.jacobian } : {}) });
}

/** The local-entropy point of an evaluation at its own input (a solution when the residual vanishes). */
function pointOf(spec: FranzParisiSpec, d: number, e: Evaluation, tol: number, report: SolveReport): LocalEntropyPoint {
  const p = 1 - 2 * d;
  const ref = spec.reference;
  const s = e.state;
  fieldCoefficients(ref.qhat, { qhat1: s.qhat1, phat: s.phat, phat0: s.phat0 });
  const S = -(s.qhat1 / 2) * (1 - s.q1) - s.phat * p + s.phat0 * s.p0 + e.prior.psi + spec.alpha * e.channel.psi;
  const residual = Math.max(Math.abs(e.next[0]! - s.q1) / (1 - s.q1), Math.abs(e.next[1]! - s.p0) / (1 - Math.abs(s.p0)));
  return {
    d,
    p,
    localEntropy: S,
    slope: 2 * (s.phat - spec.alpha * e.channel.dp),
    order: { q1: s.q1, p0: s.p0, q_ref: ref.q },
    conjugates: { qhat1: s.qhat1, phat: s.phat, phat0: s.phat0, qhat_ref: ref.qhat },
    ...pointStatus(residual, tol, report),
  };
}

/** The curve model (transition.ts): unknowns (q1, p0), with p̂ solved inside the map. */
export function franzParisiModel(spec: FranzParisiSpec, tol = 1e-11, initialCurve?: (grid: readonly number[]) => LocalEntropyPoint[]): CurveModel {
  let phatGuess = NaN;
  const ev = (x: ArrayLike<number>, d: number) => {
    const p = 1 - 2 * d;
    channelCoefficients(spec.reference.q, { q1: x[0]!, p, p0: x[1]! });
    const e = evaluate(spec, p, x[0]!, x[1]!, Number.isFinite(phatGuess) ? phatGuess : Math.atanh(Math.min(Math.abs(p), 1 - 1e-12)) * Math.sign(p));
    phatGuess = e.state.phat;
    return e;
  };
  return {
    solve: (d, near) => solveFranzParisi(spec, d, near ? { guess: stateOf(near), tol, ...(near.jacobian ? { jacobian: near.jacobian } : {}) } : { tol }),
    unknowns: (pt) => Float64Array.of(pt.order.q1!, pt.order.p0!),
    residual: (x, d) => scaledResidual(x, ev(x, d).next),
    point: (x, d) => pointOf(spec, d, ev(x, d), tol, { converged: true, iterations: 0 }),
    ...(initialCurve ? { initialCurve } : {}),
  };
}

/**
 * A starting point strictly inside the positive-semidefinite domain C² > 0 (replica/reference-channel.ts):
 * q1 is raised above p0²/q̃ + (p − p0)²/(1 − q̃) if needed. (At d* the exact solution lies on C = 0, so a
 * warm start from it must be moved inside before Newton can take a finite step.)
 */
function intoDomain(qRef: number, p: number, q1: number, p0: number): Float64Array {
  const floor = (qRef > 0 ? (p0 * p0) / qRef : 0) + ((p - p0) * (p - p0)) / (1 - qRef);
  const room = 1 - floor;
  if (!(room > 0)) return Float64Array.of(q1, p0);
  return Float64Array.of(Math.max(q1, floor + 1e-3 * room), p0);
}

function failed(spec: FranzParisiSpec, d: number, p: number, reason: string): LocalEntropyPoint {
  return { d, p, localEntropy: NaN, slope: NaN, order: { q_ref: spec.reference.q }, conjugates: { qhat_ref: spec.reference.qhat }, converged: false, iterations: 0, residual: Infinity, reason };
}

/** The state of a solved point (for warm starts). */
export function stateOf(pt: LocalEntropyPoint): FPState {
  return { q1: pt.order.q1!, p0: pt.order.p0!, qhat1: pt.conjugates.qhat1!, phat: pt.conjugates.phat!, phat0: pt.conjugates.phat0! };
}

export interface CurveOptions {
  tol?: number;
  /** Start the continuation at this distance (default: the grid point nearest d* for an equilibrium
   *  reference, from the exact solution there; otherwise the largest d). */
  startAt?: number;
  startState?: FPState;
  onPoint?: (p: LocalEntropyPoint) => void;
}

export interface Curve {
  points: LocalEntropyPoint[];
  /** Why a direction of the continuation stopped early, if it did. */
  ended: string[];
}

/**
 * S(d) on a grid by continuation in d from a start point outwards (both directions), each point warm-started
 * from its neighbour (state and Jacobian). For an equilibrium reference the start is d* = (1 − q̃)/2, where
 * the exact solution is known.
 */
export function franzParisiCurve(spec: FranzParisiSpec, ds: readonly number[], opts: CurveOptions = {}): Curve {
  const sorted = [...ds].sort((a, b) => a - b);
  const equilibrium = spec.reference.kappa === spec.kappa;
  const dStar = (1 - spec.reference.q) / 2;
  const start = opts.startAt ?? (equilibrium ? dStar : sorted[sorted.length - 1]!);
  let i0 = 0;
  for (let i = 1; i < sorted.length; i++) if (Math.abs(sorted[i]! - start) < Math.abs(sorted[i0]! - start)) i0 = i;
  let seed: FPState | undefined = opts.startState ?? (equilibrium ? equilibriumPoint(spec) : undefined);
  // A grid far from the start point is reached through a bridge of log-spaced distances (ratio ≤ 1.25).
  const gap = Math.abs(Math.log(sorted[i0]! / start));
  if (seed && gap > Math.log(1.25)) {
    const n = Math.ceil(gap / Math.log(1.25));
    const bridge: number[] = [];
    for (let k = 1; k < n; k++) bridge.push(Math.exp(Math.log(start) + ((Math.log(sorted[i0]!) - Math.log(start)) * k) / n));
    let prev: LocalEntropyPoint | undefined;
    for (const d of bridge) {
      const pt = solveFranzParisi(spec, d, { guess: prev ? stateOf(prev) : seed, ...(opts.tol ? { tol: opts.tol } : {}), ...(prev?.jacobian ? { jacobian: prev.jacobian } : {}) });
      if (!pt.converged) break;
      prev = pt;
    }
    if (prev) seed = stateOf(prev);
  }
  // Secant predictor: the state extrapolated linearly in d from the last two points of this direction.
  let history: LocalEntropyPoint[] = [];
  const predict = (d: number, prev: LocalEntropyPoint): FPState => {
    const a = stateOf(prev);
    const older = history.length >= 2 ? history[history.length - 2] : undefined;
    if (!older || older.d === prev.d) return a;
    const b = stateOf(older);
    const t = (d - prev.d) / (prev.d - older.d);
    const out = { ...a };
    for (const k of Object.keys(a) as (keyof FPState)[]) out[k] = a[k] + t * (a[k] - b[k]);
    return out;
  };
  const solveFrom = (d: number, guess: LocalEntropyPoint | FPState | undefined) => {
    const isPoint = guess !== undefined && 'order' in guess;
    const g = isPoint ? predict(d, guess as LocalEntropyPoint) : (guess as FPState | undefined);
    let pt = solveFranzParisi(spec, d, { ...(g ? { guess: g } : {}), ...(opts.tol ? { tol: opts.tol } : {}), ...(isPoint && (guess as LocalEntropyPoint).jacobian ? { jacobian: (guess as LocalEntropyPoint).jacobian! } : {}) });
    if (!pt.converged && isPoint) {
      // The predictor overshot: retry from the previous point itself.
      const retry = solveFranzParisi(spec, d, { guess: stateOf(guess as LocalEntropyPoint), ...(opts.tol ? { tol: opts.tol } : {}) });
      if (retry.converged) pt = retry;
    }
    if (pt.converged) history.push(pt);
    return { value: pt, converged: pt.converged, iterations: pt.iterations, residual: pt.residual, ...(pt.reason ? { reason: pt.reason } : {}) };
  };
  const ended: string[] = [];
  const run = (params: number[], first: LocalEntropyPoint | FPState | undefined) => {
    history = first && 'order' in first ? [first] : [];
    const b = continuation<LocalEntropyPoint>({
      params,
      ...(first && 'order' in first ? { start: first } : {}),
      solve: (d, guess) => solveFrom(d, guess ?? (first as FPState | undefined)),
      ended: (pt) => (pt.order.q1! > 1 - 1e-12 ? 'q1 reached 1' : undefined),
      ...(opts.onPoint ? { onPoint: (bp) => opts.onPoint!(bp.value) } : {}),
    });
    if (b.ended) ended.push(`at d = ${b.ended.at}: ${b.ended.reason}`);
    return b.points.map((bp) => bp.value);
  };
  const up = run(sorted.slice(i0), seed);
  const firstDown = up[0];
  const down = i0 > 0 ? run(sorted.slice(0, i0).reverse(), firstDown ?? seed) : [];
  return { points: [...down.reverse(), ...up], ended };
}

/** The α → 0 limit of S(d): the log-count/volume of all configurations at distance d. */
export function freeLocalEntropy(prior: PriorName, d: number): number {
  const p = 1 - 2 * d;
  return prior === 'binary' ? binaryEntropy(d) : 0.5 * Math.log(1 - p * p);
}


