/**
 * The tree committee machine (REFERENCE.md §3, docs/committee.md): a prior (binary or spherical weights,
 * unchanged: α = P/N with N the total number of weights, each of the K units seeing N/K of them) composed
 * with a committee channel — finite K with sign units (channels/committee-sign.ts) or K → ∞ with any
 * activation (channels/committee-kernel.ts) — in storage, solved by the generic RS engine (glm.ts).
 *
 * Capacities (`committeeStorageCapacity`), each with its criterion:
 *  - binary weights: the zero of the RS entropy (frozen 1RSB, as Krauth-Mézard for the perceptron),
 *    located along the branch parametrized by q (transitions.ts `entropyZeroAlongOverlap`); at finite K
 *    the capacity is recomputed with a coarser rule (`coarserRule`) and the change is reported as the
 *    quadrature error (converged only if below 1e-6 relative);
 *  - spherical weights: the q → 1 end of the RS branch, taken analytically. Along the branch
 *    α(q) = q̂_P(q)/(−2∂_qψ_out), spherical q̂_P = q/(1 − q)², and −2∂_qψ_out → E/(1 − q)² with the
 *    channel's q → 1 stiffness E:
 *        finite K (sign):  E_K = E[sum of the r smallest z² among the negative units] (order statistics,
 *                          `signCommitteeStiffnessQ1`);  K → ∞: E = Δ(1)/(2Δ'(1)),
 *    so α_c = 1/E (K = 1: 2; K → ∞: 2Δ'(1)/Δ(1), infinite when Δ'(1) = ∞, e.g. sign units). The fixed
 *    product rule does not resolve the finite-K integrand as q → 1 (its diagonal kinks |z_a| = |z_b|
 *    sharpen), so the branch is not extrapolated numerically at finite K; at K → ∞ it is (branchEndQ1),
 *    as a check of the closed form.
 *  - the RS end for binary weights (Gardner-Derrida's unphysical value): binary q̂_P → 2/(π(1 − q)²), so
 *    α_end = (2/π)/E (4/π for the perceptron).
 */
import type { Row } from '../io/row.js';
import { activationByName, kernelOf, type Activation } from './activations.js';
import type { StorageCapacity } from './capacity.js';
import { kernelCommitteeChannel, type CommitteeChannel } from './channels/committee-kernel.js';
import { defaultSignCommitteeNodes, signCommitteeChannel, signCommitteeStiffnessQ1 } from './channels/committee-sign.js';
import { pointAtOverlap, type GlmSpec } from './glm.js';
import type { PriorName } from './perceptron.js';
import { priorByName } from './prior.js';
import { branchEndQ1, type EndPointResult } from './study.js';
import { entropyZeroAlongOverlap } from './transitions.js';

export interface CommitteeModelOptions {
  prior: PriorName;
  /** Number of hidden units: an odd integer ≤ 9 (sign units) or 'inf'. */
  k: number | 'inf';
  activation?: Activation | string;
  /** Finite K: size of the split Gauss rule per unit. */
  nodes?: number;
}

export function committeeModel(o: CommitteeModelOptions): GlmSpec {
  const act = typeof o.activation === 'string' ? activationByName(o.activation) : (o.activation ?? activationByName('sign'));
  let channel;
  if (o.k === 'inf') {
    if (o.nodes !== undefined) throw new RangeError('committee: the rule size (nodes) applies to finite K only');
    channel = kernelCommitteeChannel({ activation: act });
  } else {
    if (act.name !== 'sign') throw new RangeError(`committee: finite K is implemented for sign units only (got '${act.name}'; use k = 'inf')`);
    channel = signCommitteeChannel({ k: o.k, ...(o.nodes !== undefined ? { nodes: o.nodes } : {}) });
  }
  return { prior: priorByName(o.prior), channel, setting: 'storage' };
}

const isCommittee = (spec: GlmSpec) => (spec.channel as Partial<CommitteeChannel>).committee !== undefined;

/** K (a number or 'inf'), the activation and the rule size of a committee spec. */
function committeeParams(spec: GlmSpec): CommitteeChannel['committee'] {
  const c = (spec.channel as Partial<CommitteeChannel>).committee;
  if (!c) throw new RangeError('not a committee machine');
  return c;
}

export interface Q1Stiffness {
  /** lim (1 − q)²(−2∂_qψ_out)/q; 0 when the energetic term is softer than 1/(1 − q)² (capacity ∞). */
  value: number;
  error: number;
  formula: string;
}

/** The channel's q → 1 stiffness E (see the header), from which both RS ends follow. */
export function committeeStiffnessQ1(spec: GlmSpec): Q1Stiffness {
  const { k, activation } = committeeParams(spec);
  if (k !== 'inf') {
    const s = signCommitteeStiffnessQ1(k);
    return { ...s, formula: `E_K = E[Σ of the r smallest z² of the negative units] (order statistics, K = ${k})` };
  }
  // Custom activations without a closed form would need dphi here; the built-ins all have it.
  const ker = kernelOf(activation);
  const d1 = ker.d1(1);
  return { value: Number.isFinite(d1) ? ker.delta(1) / (2 * d1) : 0, error: 0, formula: "E = Δ(1)/(2Δ'(1)) (K → ∞)" };
}

export interface CommitteeCapacityOptions {
  tol?: number;
  /** Finite K: also solve with a coarser rule and report the change (default true). */
  refine?: boolean;
}

export interface CommitteeCapacity extends StorageCapacity {
  /** Finite K, binary: α_c with the coarser rule, and |difference| (the quadrature error estimate). */
  coarse?: { nodes: number; alpha_c: number };
  quadratureError?: number;
  /** Spherical, K → ∞: the numerically extrapolated q → 1 end of the branch (a check of the closed form). */
  branchCheck?: EndPointResult;
}

/** The analytic q → 1 end of the RS branch for the spec's prior. */
function analyticEnd(spec: GlmSpec): EndPointResult {
  const E = committeeStiffnessQ1(spec);
  const factor = spec.prior.name === 'spherical' ? 1 : 2 / Math.PI;
  const alpha = E.value > 0 ? factor / E.value : Infinity;
  const error = E.value > 0 ? (alpha * E.error) / E.value : 0;
  const prefix = spec.prior.name === 'spherical' ? 'α = 1/E' : 'α = (2/π)/E (binary: q̂ → 2/(π(1 − q)²); not the physical capacity)';
  return {
    alpha,
    errorEstimate: error,
    criterion: `q → 1 end of the RS branch, limit taken analytically: ${prefix}, ${E.formula}${alpha === Infinity ? "; Δ'(1) = ∞: α(q) → ∞ as q → 1, the RS branch never ends" : ''}`,
    points: [],
    converged: Number.isFinite(error) && error <= 1e-9 * Math.max(1, Number.isFinite(alpha) ? alpha : 1),
  };
}

/** The rule compared against in the refinement check: 4 nodes fewer up to n = 24, else about 2n/3. */
export function coarserRule(n: number): number {
  return n <= 24 ? Math.max(2, n - 4) : 2 * Math.round(n / 3);
}

export function committeeStorageCapacity(spec: GlmSpec, opts: CommitteeCapacityOptions = {}): CommitteeCapacity {
  if (spec.setting !== 'storage') throw new RangeError('a capacity is defined in the storage setting');
  const { k, nodes } = committeeParams(spec);
  const rsEnd = analyticEnd(spec);
  if (spec.prior.name === 'spherical') {
    let branchCheck: EndPointResult | undefined;
    let agree = true;
    if (k === 'inf' && Number.isFinite(rsEnd.alpha)) {
      branchCheck = branchEndQ1(spec);
      agree = Math.abs(branchCheck.alpha - rsEnd.alpha) < 1e-5 * rsEnd.alpha;
    }
    return {
      alpha_c: rsEnd.alpha,
      criterion: rsEnd.criterion,
      tolerance: rsEnd.errorEstimate,
      converged: rsEnd.converged && agree,
      ...(agree ? {} : { reason: `closed form ${rsEnd.alpha} and the extrapolated branch end ${branchCheck!.alpha} disagree` }),
      rsEnd,
      ...(branchCheck ? { branchCheck } : {}),
    };
  }
  const tol = opts.tol ?? 1e-10;
  const z = entropyZeroAlongOverlap(spec, { tol });
  const result: CommitteeCapacity = {
    alpha_c: z.value,
    criterion: z.criterion,
    tolerance: z.tolerance,
    converged: z.converged,
    ...(z.reason ? { reason: z.reason } : {}),
    rsEnd,
    point: z.point,
  };
  if (k !== 'inf' && (opts.refine ?? true) && z.converged) {
    const n = nodes ?? defaultSignCommitteeNodes(k);
    const nc = coarserRule(n);
    const coarse = entropyZeroAlongOverlap({ ...spec, channel: signCommitteeChannel({ k, nodes: nc }) }, { tol });
    const err = Math.abs(coarse.value - z.value);
    result.coarse = { nodes: nc, alpha_c: coarse.value };
    result.quadratureError = err;
    result.tolerance = Math.max(z.tolerance, err);
    if (!(err <= 1e-6 * z.value)) {
      result.converged = false;
      result.reason = `the rule is not converged: α_c = ${z.value} with ${n} nodes per unit, ${coarse.value} with ${nc}`;
    }
  }
  return result;
}

export { isCommittee };

/** Extra output fields of a committee capacity: rule refinement, branch check, divergence. */
export function committeeCapacityFields(spec: GlmSpec, c: StorageCapacity): Row {
  if (!isCommittee(spec)) return {};
  const cc = c as CommitteeCapacity;
  return {
    quadrature: spec.channel.quadrature,
    ...(c.alpha_c === Infinity ? { diverges: true } : {}),
    ...(cc.coarse ? { alpha_c_coarse_rule: cc.coarse.alpha_c, coarse_rule_nodes: cc.coarse.nodes, quadrature_error: cc.quadratureError ?? null } : {}),
    ...(cc.branchCheck ? { alpha_branch_check: cc.branchCheck.alpha, branch_check_error: cc.branchCheck.errorEstimate, branch_check_criterion: cc.branchCheck.criterion } : {}),
  };
}

/**
 * Finite K: the quadrature error indicator of a solved point — the relative change of α(q) at the
 * point's overlap when the rule is coarsened (`coarserRule`). Small (≲ 1e-8) at moderate q; it grows as
 * q → 1, where the product rule stops resolving the integrand (docs/committee.md §2).
 */
export function committeeRuleCheck(spec: GlmSpec, q: number, alpha: number): Row {
  if (!isCommittee(spec)) return {};
  const { k, nodes } = committeeParams(spec);
  if (k === 'inf' || nodes === undefined || spec.setting !== 'storage') return {};
  const nc = coarserRule(nodes);
  const coarse = pointAtOverlap({ ...spec, channel: signCommitteeChannel({ k, nodes: nc }) }, q).alpha;
  return { rule_check_nodes: nc, alpha_rule_change: Math.abs(coarse - alpha) / alpha };
}
