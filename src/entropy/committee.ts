/**
 * Local entropy of the tree committee machine with K → ∞ hidden units and a generic activation φ
 * (docs/committee.md §6), binary weights, storage, κ = 0 for the counted solutions.
 *
 * Kernel map. In any replicated computation the hidden fields λ_l^a of one pattern are Gaussian,
 * independent across units, with correlations given by the weight overlaps M_ab of the replicas (all
 * groups: reference replicas, constrained replicas, across groups). By the central limit theorem in K the
 * normalized output fields s^a/√Δ(1) are jointly Gaussian with covariance Q(M_ab) entrywise,
 *     Q(m) = Δ(m)/Δ(1),   Δ(m) = Cov[φ(x), φ(y)], corr(x, y) = m   (replica/activations.ts),
 * Q(1) = 1, and the output is sign(s) — a perceptron at the overlaps Q(M). Hence every energetic term of
 * the two-group constructions is the perceptron's evaluated at kernel-mapped overlaps, while the entropic
 * terms (weights) are unchanged:
 *  - Franz-Parisi (equilibrium or margin-κ̃ reference; franz-parisi.ts):
 *        ψ_out^comm(q1, p, p0; q̃) = ψ_out^perc(Q(q1), Q(p), Q(p0); Q(q̃)),
 *        ∂ψ/∂x = ψ^perc_X(·) Q'(x) for x = q1, p, p0 (`committeeReferencedChannel`);
 *    the reference's own q̃, q̂̃ come from the committee's plain RS at margin κ̃ (margin on s/√Δ(1),
 *    `committeeReference`).
 *  - Large deviations, y → ∞, free reference (large-deviation.ts): the channel depends on the cloud's
 *    overlap q1 and on Δ1 = lim y(q1 − q0); Q(q1) − Q(q0) = Q'(q1)Δ1/y + O(y⁻²), so
 *        ψ_LD^comm(q1, Δ1) = ψ_LD^perc(Q(q1), Q'(q1)Δ1),
 *        ∂/∂q1 = ψ_Q Q'(q1) + ψ_D Q''(q1) Δ1,   ∂/∂Δ1 = ψ_D Q'(q1)   (`committeeLargeDeviationChannel`).
 * Linear units (Q(m) = m) give back the perceptron exactly (tested), the other checks are the perceptron's:
 * stationarity (conjugates = finite-difference derivatives) and max_d S(d) = s_RS of the committee.
 */
import { activationByName, kernelOf, type Activation } from '../replica/activations.js';
import { kernelCommitteeChannel } from '../replica/channels/committee-kernel.js';
import type { GlmSpec } from '../replica/glm.js';
import { priorByName } from '../replica/prior.js';
import { referencedPerceptronChannel, type ReferencedChannel } from '../replica/reference-channel.js';
import { defaultNestedRules, referencedPrior, type NestedRules } from '../replica/reference-prior.js';
import type { ReferenceGroup } from '../replica/reference.js';
import { solvePoint } from '../replica/study.js';
import type { FranzParisiSpec } from './franz-parisi.js';
import { largeDeviationSpec, type LargeDeviationSpec } from './large-deviation.js';
import { largeDeviationChannel, type LDChannelTerms, type LDOverlaps, type LDRules } from './large-deviation-terms.js';

export type ActivationArg = Activation | string;

const actOf = (a: ActivationArg) => (typeof a === 'string' ? activationByName(a) : a);

/** Q(m), Q'(m), Q''(m) of the activation's normalized kernel (Q(m) < 1 for m < 1). */
export function kernelMap(a: ActivationArg): { Q(m: number): number; dQ(m: number): number; d2Q(m: number): number; name: string } {
  const act = actOf(a);
  const k = kernelOf(act);
  const d1 = k.delta(1);
  if (!(d1 > 0 && Number.isFinite(d1))) throw new RangeError(`committee K → ∞: activation '${act.name}' has Var φ = ${d1}; need 0 < Var φ < ∞`);
  return {
    name: act.name,
    Q: (m) => (m === 0 ? 0 : Math.min(k.delta(m) / d1, 1 - 1e-16)),
    dQ: (m) => k.d1(m) / d1,
    d2Q: (m) => k.d2(m) / d1,
  };
}

/** The committee model (K → ∞, activation φ) in storage at margin κ on s/√Δ(1), binary or spherical weights. */
export function committeeMarginModel(prior: 'binary' | 'spherical', a: ActivationArg, kappa: number): GlmSpec {
  return { prior: priorByName(prior), channel: kernelCommitteeChannel({ activation: actOf(a), kappa }), setting: 'storage' };
}

/** The reference group: drawn uniformly among the committee's margin-κ̃ solutions (its plain RS point). */
export function committeeReference(prior: 'binary' | 'spherical', a: ActivationArg, alpha: number, kappaRef: number, opts: { tol?: number } = {}): ReferenceGroup {
  const point = solvePoint(committeeMarginModel(prior, a, kappaRef), alpha, { tol: opts.tol ?? 1e-13 });
  if (!point.converged) {
    throw new RangeError(`reference group: the RS saddle point of the ${prior} committee (K → ∞, ${actOf(a).name}) at α = ${alpha}, κ̃ = ${kappaRef} did not converge (${point.reason ?? 'unknown'})`);
  }
  return { prior, kappa: kappaRef, alpha, q: point.q, qhat: point.qhat, entropy: point.phi, point };
}

/** The committee channel seen from a reference: the perceptron's at kernel-mapped overlaps (header). */
export function committeeReferencedChannel(a: ActivationArg, opts: { kappa?: number; rules?: NestedRules } = {}): ReferencedChannel {
  const Q = kernelMap(a);
  const perc = referencedPerceptronChannel({ kappa: opts.kappa ?? 0, ...(opts.rules ? { rules: opts.rules } : {}) });
  return {
    name: 'committee',
    quadrature: perc.quadrature,
    params: { ...perc.params, architecture: 'tree', k: 'inf', activation: Q.name },
    terms(ref, o) {
      if (!(o.p >= 0 && o.p0 >= 0)) throw new RangeError(`committee reference channel: overlaps with the reference must be ≥ 0 (p = ${o.p}, p0 = ${o.p0}; distances d ≤ 1/2)`);
      const t = perc.terms({ q: Q.Q(ref.q), kappa: ref.kappa }, { q1: Q.Q(o.q1), p: Q.Q(o.p), p0: Q.Q(o.p0) });
      return { psi: t.psi, dq1: t.dq1 * Q.dQ(o.q1), dp: t.dp * Q.dQ(o.p), dp0: t.dp0 * Q.dQ(o.p0) };
    },
  };
}

export interface CommitteeFPOptions {
  activation: ActivationArg;
  alpha: number;
  /** Margin of the reference on s/√Δ(1) (default 0: the equilibrium reference). */
  kappaRef?: number;
  rules?: NestedRules;
}

/** Franz-Parisi spec of the binary committee (K → ∞) at κ = 0: solved by franz-parisi.ts unchanged. */
export function committeeFranzParisiSpec(o: CommitteeFPOptions): FranzParisiSpec {
  const rules = o.rules ?? defaultNestedRules();
  return {
    prior: referencedPrior('binary', rules),
    channel: committeeReferencedChannel(o.activation, { kappa: 0, rules }),
    reference: committeeReference('binary', o.activation, o.alpha, o.kappaRef ?? 0),
    alpha: o.alpha,
    kappa: 0,
  };
}

/** The large-deviation channel of the committee (free reference): the perceptron's at (Q(q1), Q'(q1)Δ1). */
export function committeeLargeDeviationChannel(a: ActivationArg, opts: { rules?: LDRules } = {}): LargeDeviationSpec['channel'] {
  const Q = kernelMap(a);
  const perc = largeDeviationChannel({ kappa: 0, kappaRef: -Infinity, ...(opts.rules ? { rules: opts.rules } : {}) });
  return {
    quadrature: perc.quadrature,
    terms(o: LDOverlaps): LDChannelTerms {
      const dQ = Q.dQ(o.q1);
      const t = perc.terms({ ...o, q1: Q.Q(o.q1), d1: dQ * o.d1 });
      return { ...t, dq1: t.dq1 * dQ + t.dd1 * Q.d2Q(o.q1) * o.d1, dd1: t.dd1 * dQ };
    },
  };
}

/** Large-deviation spec of the binary committee (K → ∞), free reference, κ = 0. */
export function committeeLargeDeviationSpec(o: { activation: ActivationArg; alpha: number; rules?: LDRules }): LargeDeviationSpec {
  const base = largeDeviationSpec({ alpha: o.alpha, kappa: 0, ...(o.rules ? { rules: o.rules } : {}) });
  return { ...base, channel: committeeLargeDeviationChannel(o.activation, { rules: base.rules }) };
}
