/**
 * The tree committee machine in the limit of many hidden units, K → ∞ (taken after N → ∞), storage, RS,
 * for a generic activation φ (docs/committee.md §3).
 *
 * Output: sign(s), s = (1/√K) Σ_l c_l φ(λ_l), second-layer weights c_l = ±1 fixed, half of them −1
 * (Σ_l c_l = 0; the convention of Baldassi, Malatesta & Zecchina, PRL 123, 170602 (2019) for ReLU, whose
 * output would otherwise be trivially positive — with c_l = 1 one would have to subtract the threshold
 * K·Eφ instead; both give the same limit). Sign units with c_l = 1 are the majority vote.
 *
 * Derivation: in replica a the unit fields λ_l^a are Gaussian, independent across units, with
 * Cov(λ_l^a, λ_l^b) = q (a ≠ b) and 1 (a = b). By the central limit theorem in K the output fields s^a are
 * jointly Gaussian with mean (1/√K)Σ_l c_l Eφ = 0 and covariance (1/K)Σ_l c_l² Cov[φ(λ^a), φ(λ^b)]:
 *     Cov(s^a, s^b) = Δ(q),   Var s^a = Δ(1),   Δ(q) = Cov[φ(x), φ(y)], corr(x, y) = q.
 * Only the sign of s matters, so s/√Δ(1) is a perceptron field with self-overlap 1 and mutual overlap
 *     Q(q) = Δ(q)/Δ(1),
 * and the energetic term is the perceptron's at κ = 0 (channels/perceptron.ts) evaluated at Q:
 *     ψ_out(q) = ψ_perc(Q(q)),   ∂ψ_out/∂q = ψ'_perc(Q) Q'(q),   Q' = Δ'(q)/Δ(1).
 * The entropic term is unchanged (α = P/N, N the total number of weights).
 * Replicon: with the per-unit Hessian of the finite-K channel (committee-sign.ts), E‖∇²_ω ln Z‖²_F → in
 * the limit E[g̃''²] Q'² + E[g̃'²] Q'' (g̃ the perceptron's ln Z_out at overlap Q; the off-diagonal terms
 * give the first, the diagonal φ'' terms the second), i.e.
 *     γ_out = γ_perc(Q) Q'(q)² − 2 ψ'_perc(Q) Q''(q).
 */
import { activationByName, kernelOf, type Activation } from '../activations.js';
import type { Channel } from '../channel.js';
import { perceptronChannel } from './perceptron.js';

export interface KernelCommitteeOptions {
  activation: Activation | string;
  /** Margin on the normalized output field s/√Δ(1) (default 0; used by the high-margin references of
   *  entropy/committee.ts). */
  kappa?: number;
}

export interface EffectiveOverlap {
  Q: number;
  dQ: number;
  d2Q: number;
}

/** Q(q) = Δ(q)/Δ(1) and its first two derivatives. */
export function effectiveOverlap(act: Activation, q: number): EffectiveOverlap {
  const k = kernelOf(act);
  const d1 = k.delta(1);
  return { Q: k.delta(q) / d1, dQ: k.d1(q) / d1, d2Q: q > 0 ? k.d2(q) / d1 : k.d2(q) / d1 };
}

/** A committee channel says what it is: K, the activation and (finite K) the rule size per unit. */
export interface CommitteeChannel extends Channel {
  readonly committee: { readonly k: number | 'inf'; readonly activation: Activation; readonly nodes?: number };
}

export function kernelCommitteeChannel(opts: KernelCommitteeOptions): CommitteeChannel {
  const act = typeof opts.activation === 'string' ? activationByName(opts.activation) : opts.activation;
  const kernel = kernelOf(act);
  const delta1 = kernel.delta(1);
  if (!(delta1 > 0) || !Number.isFinite(delta1)) throw new RangeError(`committee K → ∞: activation '${act.name}' has Var φ = ${delta1}; need 0 < Var φ < ∞`);
  const kappa = opts.kappa ?? 0;
  const perc = perceptronChannel({ kappa });
  const storageOnly = (R: number | undefined) => {
    if (R !== undefined) throw new RangeError('committee channel (K → ∞): storage only (teacher-student committees are not implemented)');
  };
  const check = (q: number) => {
    if (!(q >= 0 && q < 1)) throw new RangeError(`committee channel (K → ∞): q must lie in [0, 1), got ${q}`);
  };
  // Q(q) < 1 for q < 1 (Δ is increasing); guard against rounding at q ≈ 1.
  const Qof = (q: number) => Math.min(kernel.delta(q) / delta1, 1 - 1e-16);
  return {
    name: 'committee',
    committee: { k: 'inf', activation: act },
    params: { architecture: 'tree', k: 'inf', activation: act.name, ...(kappa !== 0 ? { kappa } : {}) },
    quadrature: kernel.quadrature === 'closed form' ? perc.quadrature : `${perc.quadrature}; kernel: ${kernel.quadrature}`,
    terms(q, R) {
      storageOnly(R);
      check(q);
      const t = perc.terms(Qof(q));
      return { psi: t.psi, dq: (t.dq * kernel.d1(q)) / delta1, dR: 0 };
    },
    gradient(q, R) {
      storageOnly(R);
      check(q);
      return { dq: (perc.gradient!(Qof(q)).dq * kernel.d1(q)) / delta1, dR: 0 };
    },
    replicon(q, R) {
      storageOnly(R);
      check(q);
      const Q = Qof(q);
      const dQ = kernel.d1(q) / delta1;
      const d2Q = kernel.d2(q) / delta1;
      return perc.replicon(Q) * dQ * dQ - 2 * perc.gradient!(Q).dq * d2Q;
    },
  };
}
