/**
 * The tree committee machine with K sign hidden units (K odd, majority vote), storage, RS — the energetic
 * term at finite K (docs/committee.md §2).
 *
 * Tree: the N weights split into K groups of N/K; unit l sees its own group, λ_l = w_l·ξ_l/√(N/K), and the
 * output is sign(Σ_l sign λ_l). With one overlap q for every unit (RS, symmetric across units) the cavity
 * fields of the K units are independent, ω_l = √q z_l, with residual variance V = 1 − q each, and
 *     Z_out(ω) = P[ majority of sign(ω_l + √V x_l) is + ] = Σ_{s ≥ m} P(S = s),   m = (K + 1)/2,
 * where S is the number of positive units: a Poisson-binomial variable with unit probabilities
 *     p_l = H(−ω_l/√V) = H(−c z_l),   c = √(q/(1 − q)).
 * Its distribution is a recursion over partial sums, P_j(s) = P_{j−1}(s)(1 − p_j) + P_{j−1}(s − 1) p_j,
 * run in the log domain (p_l underflows for c|z_l| ≳ 38). Labels are random; by the symmetry w → −w of
 * sign units the label can be fixed to +1. Then
 *     ψ_out(q) = E_z ln Z_out(√q z₁, …, √q z_K),   z ~ N(0, I_K).
 * K = 1 is the perceptron channel at κ = 0.
 *
 * Quadrature: the K-fold product of the split Gauss rule (src/math/split-gauss.ts, nodes clustered at
 * the kink z = 0 of every unit), summed over multisets (src/math/multisets.ts). Z_out is multilinear in
 * the p_l, so with the first K − 1 units fixed (a multiset "prefix" with distribution P_{K−1}),
 *     Z_out = A + p_K B,   A = P_{K−1}(S ≥ m),   B = P_{K−1}(S = m − 1) = ∂Z_out/∂p_K,
 * and the last unit runs over all n nodes at O(1) cost each: C(n + K − 2, K − 1)·n terms in all. This is
 * exactly the full product rule, whose exchangeability gives E[Σ_l f_l] = K E[f_K] for the gradients.
 *
 * Gradient: the exact derivative of the quadrature sum at fixed nodes (so that φ is exactly stationary at
 * the solver's saddle point for the rule in use),
 *     ∂ψ/∂q = K E[(B/Z_out) ∂p_K/∂q],   ∂p/∂q = G(cz) z c'(q),   c'(q) = 1/(2√q (1 − q)^{3/2}).
 * In the continuum it equals the heat-equation (Stein) form used by the perceptron channel,
 *     ∂ψ/∂q = −½ Σ_l E[(∂_{ω_l} ln Z_out)²],   ∂_ω p = G(cz)/√V,
 * which is returned as `dqHeat`: the two agree to the accuracy of the rule (a check of both).
 *
 * Replicon: for the tree, the replicon map couples the units' overlaps through the energetic Hessian
 * M_lk = E[(∂_{ω_l}∂_{ω_k} ln Z_out)²]; per unit N/K weights and α = P/N give λ = 1 − α γ_P K λ_max(M).
 * M = (d − o)I + o 11ᵀ by permutation symmetry, so K λ_max(M) = Σ_{lk} M_lk = E‖∇²_ω ln Z_out‖²_F,
 * computed with the last two units on the full product of nodes:
 *     Z = T_m + (1 − (1−p_a)(1−p_b)) P'(m−1) + p_a p_b P'(m−2)        (P' over the other K − 2 units)
 *     ∂_{p_a}Z = (1 − p_b) P'(m−1) + p_b P'(m−2),   ∂_{p_a}∂_{p_b}Z = P'(m−2) − P'(m−1),
 *     ∂²_{ω_a} ln Z = −(u_a/√V) t_a − t_a²,   t_a = ∂_{ω_a} ln Z,   u = cz,
 *     ∂_{ω_a}∂_{ω_b} ln Z = p'_a p'_b ∂_{p_a}∂_{p_b}Z / Z − t_a t_b.
 */
import { logBinomial, walkMultisets } from '../../math/multisets.js';
import { splitGaussRule } from '../../math/split-gauss.js';
import { H, logAddExp, logG, logH } from '../../math/special.js';
import { integrate } from '../../math/kronrod.js';
import { signActivation } from '../activations.js';
import type { CommitteeChannel } from './committee-kernel.js';

export const MAX_SIGN_K = 9;
/** The q → 1 stiffness is a sum of one-dimensional integrals: cheap for any K up to this. */
export const MAX_STIFFNESS_K = 1001;

/** Default size of the one-dimensional split rule per K (one evaluation ≲ 0.5 s up to K = 9; see docs/committee.md §2 for its accuracy). */
export function defaultSignCommitteeNodes(k: number): number {
  if (k === 1) return 200;
  if (k === 3) return 96;
  if (k === 5) return 32;
  if (k === 7) return 20;
  return 16;
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k % 2 === 0 || k > MAX_SIGN_K) throw new RangeError(`sign committee: K must be an odd integer in [1, ${MAX_SIGN_K}], got ${k}`);
}

function checkQ(q: number): void {
  if (!(q >= 0 && q < 1)) throw new RangeError(`sign committee channel: q must lie in [0, 1), got ${q}`);
}

/** Terms whose weight (multiplicity × Π w) is below this are skipped (at most ~1e8 of them, |ln Z| ≲ 1e5). */
const LOG_PRUNE = Math.log(1e-30);

interface NodeTables {
  n: number;
  logW: Float64Array;
  /** ln p, ln(1 − p) at each node. */
  lp: Float64Array;
  lq: Float64Array;
  /** ln ∂_ω p = ln G(cz) − ½ ln V. */
  lpw: Float64Array;
  u: Float64Array;
}

function nodeTables(q: number, n: number): NodeTables {
  const rule = splitGaussRule(n);
  const c = Math.sqrt(q / (1 - q));
  const halfLogV = 0.5 * Math.log1p(-q);
  const lp = new Float64Array(n);
  const lq = new Float64Array(n);
  const lpw = new Float64Array(n);
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ui = c * rule.nodes[i]!;
    u[i] = ui;
    lp[i] = logH(-ui);
    lq[i] = logH(ui);
    lpw[i] = logG(ui) - halfLogV;
  }
  return { n, logW: rule.logWeights as Float64Array, lp, lq, lpw, u };
}

/** Log-domain Poisson-binomial step: out[s] = ln(e^{prev[s]}(1−p) + e^{prev[s−1]} p), s = 0…d. */
function pbStep(prev: Float64Array, out: Float64Array, d: number, lp: number, lq: number): void {
  // prev holds s = 0…d−1.
  out[0] = prev[0]! + lq;
  for (let s = 1; s < d; s++) out[s] = logAddExp(prev[s]! + lq, prev[s - 1]! + lp);
  out[d] = prev[d - 1]! + lp;
}

function logTail(L: Float64Array, from: number, to: number): number {
  let r = -Infinity;
  for (let s = from; s <= to; s++) r = logAddExp(r, L[s]!);
  return r;
}

/**
 * ln P(S = s), s = 0…K, for S = Σ_l Bernoulli(p_l), from ln p_l and ln(1 − p_l) (the recursion over
 * partial sums in the log domain). The majority probability Z_out = Σ_{s ≥ (K+1)/2} P(S = s): the building
 * block for other committee constructions (e.g. local entropy with several replica groups).
 */
export function logPoissonBinomial(logP: ArrayLike<number>, logQ: ArrayLike<number>): Float64Array {
  let prev = Float64Array.of(0);
  for (let j = 0; j < logP.length; j++) {
    const next = new Float64Array(j + 2);
    pbStep(prev, next, j + 1, logP[j]!, logQ[j]!);
    prev = next;
  }
  return prev;
}

/**
 * Walk the multisets of `depth` units (the prefix), keeping the log-domain distribution of the number of
 * positive units among them. `free` more units follow (each of weight ≤ the largest), which sets the
 * pruning bound. visit(P, logWeight): P[s] = ln P_depth(S = s), logWeight = ln(multiplicity × Π w).
 */
function walkPrefixes(T: NodeTables, depth: number, free: number, visit: (P: Float64Array, logWeight: number) => void): void {
  const L: Float64Array[] = [Float64Array.of(0)];
  for (let d = 1; d <= depth; d++) L.push(new Float64Array(d + 1));
  const logWAt = new Float64Array(depth + 1);
  // A completed multiset's weight is at most the partial one × depth! (multiplicity growth) × max w^free.
  let logFactorial = 0;
  for (let j = 2; j <= depth; j++) logFactorial += Math.log(j);
  const bound = LOG_PRUNE - free * Math.max(...T.logW) - logFactorial;
  walkMultisets(
    T.n,
    depth,
    (d, i, logCount) => {
      const lw = logWAt[d]! + T.logW[i]!;
      logWAt[d + 1] = lw;
      if (lw + logCount < bound) return false;
      pbStep(L[d]!, L[d + 1]!, d + 1, T.lp[i]!, T.lq[i]!);
      return true;
    },
    (logCount) => visit(L[depth]!, logWAt[depth]! + logCount),
  );
}

export interface SignCommitteeAverages {
  psi: number;
  /** ∂ψ/∂q of the quadrature sum (exact for the rule). */
  dq: number;
  /**
   * −½ Σ_l E[(∂_{ω_l} ln Z_out)²] (with `heat: true`, else NaN): equals dq in the continuum (heat equation);
   * differs by the rule's error.
   */
  dqHeat: number;
  /** Number of (prefix multiset, last node) terms summed. */
  terms: number;
}

/** ψ_out(q) and its gradient for K sign units with the n-node split rule per unit. */
export function signCommitteeAverages(k: number, q: number, n: number = defaultSignCommitteeNodes(k), opts: { heat?: boolean } = {}): SignCommitteeAverages {
  checkK(k);
  checkQ(q);
  const m = (k + 1) / 2;
  const withHeat = opts.heat ?? false;
  if (q === 0) {
    // p_l = ½: Z_out = ½; the gradient from the closed form (see test), ∂ψ/∂q(0) = −(K/π)·[C(K−1, m−1)/2^{K−1}]².
    return { psi: -Math.LN2, dq: NaN, dqHeat: NaN, terms: 0 };
  }
  const T = nodeTables(q, n);
  const c = Math.sqrt(q / (1 - q));
  const logDc = -Math.log(2 * Math.sqrt(q)) - 1.5 * Math.log1p(-q); // ln c'(q)
  // ln|∂p/∂q| and its sign at each node: ∂p/∂q = G(cz) z c'(q).
  const rule = splitGaussRule(n);
  const ldp = new Float64Array(n);
  const sdp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = rule.nodes[i]!;
    ldp[i] = logG(c * z) + Math.log(Math.abs(z)) + logDc;
    sdp[i] = Math.sign(z);
  }
  const depth = k - 1;
  let psi = 0;
  let dq = 0;
  let heat = 0;
  let terms = 0;
  walkPrefixes(T, depth, 1, (P, lw0) => {
    const lnA = logTail(P, m, depth);
    const lnB = P[m - 1]!;
    for (let i = 0; i < n; i++) {
      const lw = lw0 + T.logW[i]!;
      if (lw < LOG_PRUNE) continue;
      const w = Math.exp(lw);
      const lnZ = logAddExp(lnA, T.lp[i]! + lnB);
      psi += w * lnZ;
      const r = lnB - lnZ; // ln(B/Z) = ln ∂ ln Z/∂p_K
      dq += w * sdp[i]! * Math.exp(r + ldp[i]!);
      if (withHeat) {
        const t = Math.exp(r + T.lpw[i]!);
        heat += w * t * t;
      }
      terms++;
    }
  });
  return { psi, dq: k * dq, dqHeat: withHeat ? -0.5 * k * heat : NaN, terms };
}

/**
 * E‖∇²_ω ln Z_out‖²_F = K E[(∂²_{ω_a} ln Z)²] + K(K − 1) E[(∂_{ω_a}∂_{ω_b} ln Z)²] (the replicon's
 * energetic factor, see the header), with the last two units on the full n × n product of nodes.
 */
export function signCommitteeReplicon(k: number, q: number, n: number = defaultSignCommitteeNodes(k)): number {
  checkK(k);
  checkQ(q);
  const T = nodeTables(q, n);
  const sV = Math.sqrt(1 - q);
  if (k === 1) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const t = Math.exp(T.lpw[i]! - T.lp[i]!);
      const d2 = -(T.u[i]! / sV) * t - t * t;
      s += Math.exp(T.logW[i]!) * d2 * d2;
    }
    return s;
  }
  const m = (k + 1) / 2;
  const depth = k - 2;
  const maxLogW = Math.max(...T.logW);
  let diag = 0;
  let off = 0;
  walkPrefixes(T, depth, 2, (P, lw0) => {
    const lT = logTail(P, m, depth);
    const P1 = m - 1 <= depth ? P[m - 1]! : -Infinity;
    const P2 = P[m - 2]!;
    for (let a = 0; a < n; a++) {
      const lwa = lw0 + T.logW[a]!;
      if (lwa + maxLogW < LOG_PRUNE) continue;
      for (let b = a; b < n; b++) {
        const lw = lwa + T.logW[b]!;
        if (lw < LOG_PRUNE) continue;
        const w = (a === b ? 1 : 2) * Math.exp(lw);
        // ln(1 − (1−p_a)(1−p_b)) = ln(p_a + (1−p_a)p_b)
        const lOne = logAddExp(T.lp[a]!, T.lq[a]! + T.lp[b]!);
        const lnZ = logAddExp(logAddExp(lT, lOne + P1), T.lp[a]! + T.lp[b]! + P2);
        const lZa = logAddExp(T.lq[b]! + P1, T.lp[b]! + P2);
        const lZb = logAddExp(T.lq[a]! + P1, T.lp[a]! + P2);
        const ta = Math.exp(T.lpw[a]! + lZa - lnZ);
        const tb = Math.exp(T.lpw[b]! + lZb - lnZ);
        const daa = -(T.u[a]! / sV) * ta - ta * ta;
        const dbb = -(T.u[b]! / sV) * tb - tb * tb;
        const lpp = T.lpw[a]! + T.lpw[b]! - lnZ;
        const dab = Math.exp(lpp + P2) - Math.exp(lpp + P1) - ta * tb;
        diag += w * 0.5 * (daa * daa + dbb * dbb);
        off += w * dab * dab;
      }
    }
  });
  return k * diag + k * (k - 1) * off;
}

/**
 * ∂ψ/∂q at q = 0 in closed form: all p_l = ½, ∂_ω p = G(0), ∂Z/∂p_l = P(Bin(K−1, ½) = m − 1), Z = ½:
 *     ∂ψ/∂q(0) = −½ K (2 G(0) C(K−1, m−1)/2^{K−1})² = −(K/π) [C(K−1, m−1)/2^{K−1}]².
 */
export function signCommitteeSlopeAtZero(k: number): number {
  checkK(k);
  const m = (k + 1) / 2;
  let c = 1;
  for (let i = 1; i <= m - 1; i++) c = (c * (k - 1 - (m - 1) + i)) / i;
  const b = c / 2 ** (k - 1);
  return -(k / Math.PI) * b * b;
}

/**
 * The q → 1 limit of the energetic stiffness, E_K = lim (1 − q)²(−2∂ψ/∂q)/q. As V = 1 − q → 0,
 * ln Z_out → −(1/2V) Σ_{j ≤ r} ω²_(j): the cheapest way to a majority flips the r = n₋ − (K − 1)/2 negative
 * units (n₋ of K) with the smallest |ω|, so −2∂ψ/∂q = Σ_l E(∂_l ln Z)² → (q/V²) E[Σ_{j≤r} z²_(j)]:
 *     E_K = Σ_{n=m}^{K} C(K, n) 2^{−K} Σ_{j=1}^{n−m+1} E[X_(j:n)],   X = z² (χ²₁ order statistics),
 *     Σ_{j≤r} E[X_(j:n)] = ∫_0^∞ 2t Σ_{j=1}^{r} Σ_{i<j} C(n, i) F(t)^i (1 − F(t))^{n−i} dt,   F(t) = 1 − 2H(t).
 * K = 1: E_1 = ½ (Gardner). The spherical RS capacity is 1/E_K (q̂ = q/(1 − q)² for spherical weights).
 */
export function signCommitteeStiffnessQ1(k: number): { value: number; error: number } {
  if (!Number.isInteger(k) || k < 1 || k % 2 === 0 || k > MAX_STIFFNESS_K) throw new RangeError(`sign committee q → 1 stiffness: K must be an odd integer in [1, ${MAX_STIFFNESS_K}], got ${k}`);
  const m = (k + 1) / 2;
  // Σ_{j≤r} P(X_(j:n) > t²) = Σ_{i<r} (r − i) C(n, i) F^i T^{n−i}, T = P(|z| > t) = 2H(t), in logs.
  let value = 0;
  let error = 0;
  for (let nNeg = m; nNeg <= k; nNeg++) {
    const r = nNeg - m + 1;
    const lb = Float64Array.from({ length: r }, (_, i) => logBinomial(nNeg, i));
    const f = (t: number) => {
      const lT = Math.LN2 + logH(t);
      const lF = Math.log(-Math.expm1(lT));
      let s = 0;
      for (let i = 0; i < r; i++) s += (r - i) * Math.exp(lb[i]! + (i > 0 ? i * lF : 0) + (nNeg - i) * lT);
      return 2 * t * s;
    };
    // The integrand lives at t ~ r/n (the r smallest of n half-normal magnitudes): breakpoints there.
    const scale = r / nNeg;
    const res = integrate(f, 0, Infinity, { epsRel: 1e-13, epsAbs: 1e-17, breakpoints: [scale / 4, scale, 4 * scale].filter((x) => x < 8) });
    const p = Math.exp(logBinomial(k, nNeg) - k * Math.LN2);
    value += p * res.value;
    error += p * res.error;
  }
  return { value, error };
}

export interface SignCommitteeOptions {
  k: number;
  /** Size of the split Gauss rule per unit (even); default by K, see defaultSignCommitteeNodes. */
  nodes?: number;
}

/** The finite-K sign committee as a Channel (storage only). */
export function signCommitteeChannel(opts: SignCommitteeOptions): CommitteeChannel {
  const k = opts.k;
  checkK(k);
  const n = opts.nodes ?? defaultSignCommitteeNodes(k);
  splitGaussRule(n); // validates n
  // The solver asks for the same q several times (map, α(q), φ): remember the last few evaluations.
  const memo = new Map<number, SignCommitteeAverages>();
  const averages = (q: number) => {
    let a = memo.get(q);
    if (!a) {
      a = signCommitteeAverages(k, q, n);
      if (memo.size >= 16) memo.delete(memo.keys().next().value!);
      memo.set(q, a);
    }
    return a;
  };
  const storageOnly = (R: number | undefined) => {
    if (R !== undefined) throw new RangeError('sign committee channel: storage only (teacher-student committees are not implemented)');
  };
  return {
    name: 'committee',
    committee: { k, activation: signActivation, nodes: n },
    params: { architecture: 'tree', k, activation: 'sign' },
    quadrature: `split-gauss(n=${n})^${k} over multisets`,
    terms(q, R) {
      storageOnly(R);
      checkQ(q);
      if (q === 0) return { psi: -Math.LN2, dq: signCommitteeSlopeAtZero(k), dR: 0 };
      const a = averages(q);
      return { psi: a.psi, dq: a.dq, dR: 0 };
    },
    gradient(q, R) {
      const t = this.terms(q, R);
      return { dq: t.dq, dR: 0 };
    },
    replicon(q, R) {
      storageOnly(R);
      checkQ(q);
      return signCommitteeReplicon(k, q, n);
    },
  };
}

