/**
 * Curves S(d) and the accessibility transition α_LE of the binary tree committee machine with K → ∞
 * hidden units (docs/committee.md §6), with the constructions of the perceptron reused unchanged on the
 * committee's specs (entropy/committee.ts):
 *  - 'equilibrium': Franz-Parisi around a typical (margin-0) solution;
 *  - 'margin': Franz-Parisi around a reference of margin κ̃ on s/√Δ(1) — given, or the best one
 *    κ̃*(α) = argmax S(d_s; κ̃) over (0, κ_max(α)] (margin.ts with the committee's specs);
 *  - 'large-deviation': the densest regions (y → ∞, free reference).
 * α_LE uses the criterion of transition.ts (the dip of dS/dd on the dense branch crosses zero), with a
 * default bracket [0.6, 0.97]·α_c (α_c the committee's binary capacity, RS entropy zero).
 */
import type { Row } from '../io/row.js';
import { committeeModel } from '../replica/committee.js';
import { storageCapacity } from '../replica/capacity.js';
import { solvePoint } from '../replica/study.js';
import { CRITERIA, type AccessibilityTransition, type Construction } from './accessibility.js';
import { committeeFranzParisiSpec, committeeLargeDeviationSpec, committeeMarginModel, type ActivationArg } from './committee.js';
import { franzParisiCurve, franzParisiModel, type FranzParisiSpec, type LocalEntropyPoint } from './franz-parisi.js';
import { largeDeviationCurve, largeDeviationModel } from './large-deviation.js';
import { bestReferenceMargin, marginCurve, type MarginChoice } from './margin.js';
import type { CurveContext, ReferenceKind } from './rows.js';
import { largeDeviationEnded, referenceCurveResult, referenceMargin } from './curve.js';
import { localEntropyTransition, type CurveModel } from './transition.js';

const nameOf = (a: ActivationArg) => (typeof a === 'string' ? a : a.name);

/** The binary committee's capacity α_c (K → ∞): the zero of its RS entropy (replica/committee.ts). */
export function committeeCapacity(activation: ActivationArg): number {
  const c = storageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation }), { tol: 1e-10 });
  if (!c.converged) throw new RangeError(`capacity of the binary committee (K → ∞, ${nameOf(activation)}) did not converge (${c.reason ?? 'unknown'})`);
  return c.alpha_c;
}

/** s_RS(α) of the binary committee (K → ∞): the maximum of every S(d) curve. */
export function committeeEntropy(activation: ActivationArg, alpha: number): number {
  const p = solvePoint(committeeModel({ prior: 'binary', k: 'inf', activation }), alpha);
  if (!p.converged) throw new RangeError(`RS of the binary committee (K → ∞, ${nameOf(activation)}) at α = ${alpha} did not converge`);
  return p.phi;
}

const specOf = (activation: ActivationArg, alpha: number) => (kappaRef: number): FranzParisiSpec => committeeFranzParisiSpec({ activation, alpha, kappaRef });
const modelOf = (activation: ActivationArg) => (kappaRef: number) => committeeMarginModel('binary', activation, kappaRef);

/** κ̃*(α) of the committee at the distance d_s (margin.ts `bestReferenceMargin` on the committee's specs). */
export function committeeBestMargin(activation: ActivationArg, alpha: number, dS: number): MarginChoice {
  return bestReferenceMargin({ alpha, kappa: 0, d: dS, specOf: specOf(activation, alpha), modelOf: modelOf(activation) });
}

export interface CommitteeCurveRequest {
  activation: ActivationArg;
  alpha: number;
  reference: ReferenceKind;
  kappaRef?: number;
  marginDistance?: number;
  ds: readonly number[];
  tol?: number;
}

/** One committee curve S(d) with the context of its rows (same shape as curve.ts `localEntropyCurve`). */
export function committeeLocalEntropyCurve(r: CommitteeCurveRequest): { context: CurveContext; points: LocalEntropyPoint[]; extras: Row[]; ended: string[] } {
  const tol = r.tol ?? 1e-11;
  if (r.reference === 'large-deviation') {
    const spec = committeeLargeDeviationSpec({ activation: r.activation, alpha: r.alpha });
    const t = Math.max(tol, 1e-10);
    const c = largeDeviationCurve(spec, r.ds, { tol: t });
    return {
      context: { prior: 'binary', alpha: r.alpha, kappa: 0, reference: r.reference, quadrature: spec.channel.quadrature, tolerance: t },
      points: c.points,
      extras: c.points.map(() => ({})),
      ended: c.ended.map(largeDeviationEnded),
    };
  }
  const choice = referenceMargin(r.reference, 0, r.kappaRef, r.marginDistance, (dS) => committeeBestMargin(r.activation, r.alpha, dS));
  const c =
    r.reference === 'equilibrium'
      ? (() => {
          const spec = committeeFranzParisiSpec({ activation: r.activation, alpha: r.alpha });
          return { ...franzParisiCurve(spec, r.ds, { tol }), spec };
        })()
      : marginCurve({ prior: 'binary', alpha: r.alpha, kappa: 0, kappaRef: choice.kappaRef, ds: r.ds, tol, specOf: specOf(r.activation, r.alpha) });
  return referenceCurveResult({ prior: 'binary', alpha: r.alpha, kappa: 0, reference: r.reference }, choice, c, tol);
}

/** The curve model of a construction for the committee at α (transition.ts). */
export function committeeConstructionModel(o: { construction: Construction; activation: ActivationArg; alpha: number; marginDistance?: number }): { model: CurveModel; margin?: MarginChoice } {
  const totalEntropy = committeeEntropy(o.activation, o.alpha);
  if (o.construction === 'large-deviation') return { model: { ...largeDeviationModel(committeeLargeDeviationSpec({ activation: o.activation, alpha: o.alpha })), totalEntropy } };
  const margin = committeeBestMargin(o.activation, o.alpha, o.marginDistance ?? 0.005);
  const spec = committeeFranzParisiSpec({ activation: o.activation, alpha: o.alpha, kappaRef: margin.kappaRef });
  const initialCurve = (grid: readonly number[]): LocalEntropyPoint[] =>
    marginCurve({ prior: 'binary', alpha: o.alpha, kappa: 0, kappaRef: margin.kappaRef, ds: grid, specOf: specOf(o.activation, o.alpha) }).points;
  return { model: { ...franzParisiModel(spec, 1e-11, initialCurve), totalEntropy }, margin };
}

export interface CommitteeAccessibilityOptions {
  construction: Construction;
  activation: ActivationArg;
  /** Bracket in α (default [0.6, 0.97]·α_c; adapted by transition.ts if it misses the transition). */
  bracket?: [number, number];
  tol?: number;
  marginDistance?: number;
}

export interface CommitteeAccessibilityTransition extends AccessibilityTransition {
  activation: string;
}

/** α_LE of the binary committee (K → ∞) for a construction; `alphaKM` holds the committee's capacity α_c. */
export function committeeAccessibilityTransition(o: CommitteeAccessibilityOptions): CommitteeAccessibilityTransition {
  const alphaC = committeeCapacity(o.activation);
  const bracket = o.bracket ?? [0.6 * alphaC, 0.97 * alphaC];
  const margins = new Map<number, MarginChoice>();
  const r = localEntropyTransition({
    modelAt: (alpha) => {
      const c = committeeConstructionModel({ construction: o.construction, activation: o.activation, alpha, ...(o.marginDistance ? { marginDistance: o.marginDistance } : {}) });
      if (c.margin) margins.set(alpha, c.margin);
      return c.model;
    },
    bracket,
    maxAlpha: alphaC,
    tol: o.tol ?? 1e-4,
    criterion: `tree committee, K → ∞, ${nameOf(o.activation)} units (kernel-mapped overlaps); ${CRITERIA[o.construction]}`,
  });
  const margin = margins.get(r.alpha) ?? [...margins.values()].pop();
  return { ...r, construction: o.construction, kappa: 0, alphaKM: alphaC, totalEntropy: committeeEntropy(o.activation, r.alpha), activation: nameOf(o.activation), ...(margin ? { margin } : {}) };
}
