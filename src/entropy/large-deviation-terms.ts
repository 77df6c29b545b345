/**
 * The two terms of the large-deviation free entropy in the limit y → ∞ (docs/local-entropy.md §4).
 *
 * References are weighted by e^{yN S(w̃, d)}; with n → 0 outer replicas of (reference + y constrained
 * replicas), RS within that structure, and y → ∞ the references of different outer replicas coincide:
 *     1 − q̃ = Δ̃/y,   p − p0 = Δp/y,   q1 − q0 = Δ1/y,
 * with finite scaled susceptibilities Δ = [[Δ̃, Δp], [Δp, Δ1]], conjugates q̂̃ = y²Q̃, p̂0 = yP̂0,
 * p̂ − p̂0 = π̂, q̂1 − q̂0 = Γ/y, and every Gaussian integral over the fluctuations of one outer replica
 * becomes a maximization (Laplace). Per weight and per y:
 *     S_max(d) = extr [ −Q̃Δ̃/2 − π̂p − P̂0Δp − q̂1Δ1/2 − Γq1/2 − (q̂1/2)(1 − q1) + ψ_P + α ψ_out ].
 *
 * Energetic term (this file, `largeDeviationChannel`): the reference's stability ũ0 ~ N(0, 1) and the
 * cloud's mean stability v0 = p ũ0 + √(q1 − p²) ζ are displaced by (a, b) at a quadratic cost,
 *     ψ_out = E_{ũ0, v0} F,   F = max_{a, b : ũ0 + a ≥ κ̃} [ g(v0 + b) − ½ (a, b) Δ⁻¹ (a, b)ᵀ ],
 * g = ln H((κ − ·)/√(1 − q1)) (channels/perceptron.ts kernel). If the reference's constraint is inactive,
 * F = M_g(v0; Δ1) and a = (Δp/Δ1) b; if active, a = κ̃ − ũ0 and
 *     F = −a²/(2Δ̃) + M_g(v0 + (Δp/Δ̃)a; D/Δ̃),   D = Δ̃Δ1 − Δp²
 * (M the Moreau envelope, envelopes.ts). κ̃ = −∞ is a free reference (not required to be a solution).
 * Gradient: with λ = Δ⁻¹(a*, b*) (λ_b = g'(v0 + b*), λ_a = 0, or (a* − Δp λ_b)/Δ̃ when pinned),
 *     ∂/∂Δ̃ = E[λ_a²]/2, ∂/∂Δp = E[λ_a λ_b], ∂/∂Δ1 = E[λ_b²]/2   (envelope theorem),
 *     ∂/∂q1 = E[−½(g'' + g'²)] + ½E[∂²_{v0}F],   ∂/∂p = E[∂_{ũ0}∂_{v0}F]   (Price's theorem),
 * F is C¹ across the switch between the two cases; its second derivatives are M'' there.
 *
 * Entropic term (binary, `largeDeviationBinaryPrior`): with h ~ N(0, q̂1) and the reference's field
 * ĥ̃ | h ~ N((P̂0/q̂1)h, σ²), σ² = Q̃ − P̂0²/q̂1,
 *     ψ_P = E max_{w̃=±1} [ ĥ̃ w̃ + M_L(h + π̂ w̃; Γ) ],   M_L the envelope of ln 2cosh,
 * and the maximum over w̃ is integrated over ĥ̃ in closed form: with M± = M_L(h ± π̂),
 * c = (M₊ − M₋)/2, m = (P̂0/q̂1)h + c,  E_{ĥ̃} max = (M₊ + M₋)/2 + 2σG(m/σ) + m(1 − 2H(m/σ)).
 */
import { G, GoverH, H } from '../math/special.js';
import { panelNodes, type NodeRule } from '../math/node-rules.js';
import { kernelEnvelope, log2coshEnvelope, newEnvelope } from './envelopes.js';

export interface LDOverlaps {
  q1: number;
  p: number;
  /** Δ̃ = lim y(1 − q̃) */
  dt: number;
  /** Δp = lim y(p − p0) */
  dp: number;
  /** Δ1 = lim y(q1 − q0) */
  d1: number;
}

export interface LDChannelTerms {
  psi: number;
  dq1: number;
  dp: number;
  ddt: number;
  ddp: number;
  dd1: number;
  /** Fraction of patterns on which the reference's constraint is active (its stability pinned at κ̃). */
  pinned: number;
}

export interface LDConjugates {
  /** Q̃ = lim q̂̃/y² */
  Qt: number;
  /** P̂0 = lim p̂0/y */
  Pt: number;
  qhat1: number;
  /** Γ = lim y(q̂1 − q̂0) */
  Gamma: number;
  /** π̂ = p̂ − p̂0 (the distance constraint's conjugate) */
  pihat: number;
}

export interface LDPriorTerms {
  psi: number;
  dQt: number;
  dPt: number;
  dqhat1: number;
  dGamma: number;
  dPihat: number;
  d2Pihat: number;
}

export interface LDRules {
  outer: NodeRule;
  inner: NodeRule;
}

export function defaultLDRules(order = 8): LDRules {
  const r = panelNodes({ order });
  return { outer: r, inner: r };
}

/** u with G(u)/H(u) = y (the inverse Mills ratio is increasing from 0 to ∞). */
export function inverseGoverH(y: number): number {
  if (!(y > 0)) return -Infinity;
  let u = y > 1 ? y - 1 / y : -Math.sqrt(Math.max(0, -2 * Math.log(y * Math.sqrt(2 * Math.PI))));
  for (let it = 0; it < 100; it++) {
    const r = GoverH(u);
    const du = (r - y) / Math.max(r * (r - u), 1e-300);
    u -= Math.max(-2, Math.min(2, du));
    if (Math.abs(du) < 1e-15 * Math.max(1, Math.abs(u))) break;
  }
  return u;
}

export function checkLDOverlaps(o: LDOverlaps, free = false): void {
  const D = o.dt * o.d1 - o.dp * o.dp;
  if (!(o.q1 < 1 && o.q1 - o.p * o.p >= -1e-14 && o.d1 > 0 && (free || (o.dt > 0 && D > 0)))) {
    throw new RangeError(`large deviations: overlaps outside the domain (q1 = ${o.q1}, p = ${o.p}, Δ̃ = ${o.dt}, Δp = ${o.dp}, Δ1 = ${o.d1})`);
  }
}

export function largeDeviationChannel(opts: { kappa: number; kappaRef: number; rules?: LDRules }) {
  const kappa = opts.kappa;
  const kRef = opts.kappaRef;
  const rules = opts.rules ?? defaultLDRules();
  const env = newEnvelope();
  return {
    quadrature: rules.outer.name === rules.inner.name ? `${rules.outer.name} (outer and inner)` : `outer ${rules.outer.name} × inner ${rules.inner.name}`,
    /**
     * Integration order: the cloud's field v0 = √q1 z outside; the reference's field given it,
     * ũ0 = (p/q1)v0 + √(1 − p²/q1) ξ, inside. The reference is pinned (constraint active) iff
     * ũ0 < u_c(v0) = κ̃ − (Δp/Δ1) b1(v0), b1 the unpinned optimal shift; the unpinned part of F does not
     * depend on ũ0 and is integrated in closed form, P(unpinned | v0) = H((u_c − mean)/sd), and only the
     * pinned part ξ < ξ_c needs nodes.
     */
    /** With a free reference (κ̃ = −∞) only q1 and Δ1 matter (pass dt = 1, dp = 0). */
    terms(o: LDOverlaps): LDChannelTerms {
      checkLDOverlaps(o, !Number.isFinite(kRef));
      const { q1, p, dt, dp, d1 } = o;
      const sV = Math.sqrt(1 - q1);
      const sq = Math.sqrt(q1);
      const cu = p / q1;
      const su = Math.sqrt(Math.max(1 - (p * p) / q1, 0));
      const r = dp / dt;
      const dc = (dt * d1 - dp * dp) / dt;
      const free = !Number.isFinite(kRef);
      const layer = Math.max(Math.min(sV, Math.sqrt(d1)), 1e-10);
      const bps = [kappa / sq];
      const ws = [layer / sq];
      if (!free) {
        bps.push(kRef / (cu * sq));
        ws.push(Math.max(su / (cu * sq), 1e-10));
      }
      const outer = rules.outer.nodes({ breakpoints: bps, widths: ws });
      let psi = 0;
      let dq1 = 0;
      let dpS = 0;
      let ddt = 0;
      let ddp = 0;
      let dd1 = 0;
      let pinned = 0;
      for (let i = 0; i < outer.z.length; i++) {
        const v0 = sq * outer.z[i]!;
        const wo = outer.w[i]!;
        kernelEnvelope(kappa, sV, v0, d1, env);
        const b1 = env.shift;
        // Unpinned: F = M_g(v0; Δ1), λ_a = 0, ∂_{ũ0}F = 0.
        const mean = cu * v0;
        let pFree = 1;
        let xc = Infinity;
        if (!free) {
          const uc = kRef - (dp / d1) * b1;
          if (su > 0) {
            xc = (uc - mean) / su;
            pFree = H(xc);
          } else pFree = mean >= uc ? 1 : 0;
        }
        if (pFree > 0) {
          const w = wo * pFree;
          psi += w * env.value;
          dq1 += w * (-0.5 * (env.f2 + env.d1 * env.d1) + 0.5 * env.d2);
          dd1 += w * 0.5 * env.d1 * env.d1;
        }
        if (free || pFree === 1) continue;
        // Pinned: a = κ̃ − ũ0, F = −a²/(2Δ̃) + M_g(v0 + r a; D/Δ̃).
        const pinnedNode = (u0: number, w: number) => {
          const a = kRef - u0;
          kernelEnvelope(kappa, sV, v0 + r * a, dc, env);
          const lb = env.d1;
          const la = a / dt - r * lb;
          psi += w * (-(a * a) / (2 * dt) + env.value);
          dq1 += w * (-0.5 * (env.f2 + lb * lb) + 0.5 * env.d2);
          dpS += w * -r * env.d2;
          ddt += w * 0.5 * la * la;
          ddp += w * la * lb;
          dd1 += w * 0.5 * lb * lb;
          pinned += w;
        };
        if (su === 0) {
          pinnedNode(mean, wo);
          continue;
        }
        // g's layer as a function of ξ: v0 + r(κ̃ − ũ0) = κ.
        const ib: number[] = [xc];
        const iw: number[] = [0];
        if (r !== 0) {
          ib.push((kRef + (v0 - kappa) / r - mean) / su);
          iw.push(Math.max(layer / (Math.abs(r) * su), 1e-10));
        }
        const inner = rules.inner.nodes({ breakpoints: ib, widths: iw });
        for (let j = 0; j < inner.z.length; j++) {
          const x = inner.z[j]!;
          if (x >= xc) break;
          pinnedNode(mean + su * x, wo * inner.w[j]!);
        }
      }
      return { psi, dq1, dp: dpS, ddt, ddp, dd1, pinned };
    },
  };
}

export function checkLDConjugates(c: LDConjugates): void {
  if (!(c.qhat1 > 0 && c.Gamma > 0 && c.Qt * c.qhat1 - c.Pt * c.Pt > 0)) {
    throw new RangeError(`large deviations: conjugates outside the domain (q̂1 = ${c.qhat1}, Γ = ${c.Gamma}, Q̃ = ${c.Qt}, P̂0 = ${c.Pt})`);
  }
}

export function largeDeviationBinaryPrior(opts: { rules?: LDRules } = {}) {
  const rules = opts.rules ?? defaultLDRules();
  const ep = newEnvelope();
  const em = newEnvelope();
  return {
    quadrature: rules.outer.name,
    terms(c: LDConjugates): LDPriorTerms {
      checkLDConjugates(c);
      const { Qt, Pt, qhat1, Gamma, pihat } = c;
      const sq = Math.sqrt(qhat1);
      const mu = Pt / qhat1;
      const sigma = Math.sqrt(Qt - (Pt * Pt) / qhat1);
      // m(h) = μh + (M₊ − M₋)/2 is increasing: its zero (where the reference's sign flips) is a layer of
      // width σ/m'(h0) in h.
      const mOf = (h: number) => {
        log2coshEnvelope(h + pihat, Gamma, ep);
        log2coshEnvelope(h - pihat, Gamma, em);
        return mu * h + 0.5 * (ep.value - em.value);
      };
      let lo = -1;
      let hi = 1;
      while (mOf(lo) > 0 && lo > -1e6) lo *= 2;
      while (mOf(hi) < 0 && hi < 1e6) hi *= 2;
      for (let it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(lo)); it++) {
        const mid = 0.5 * (lo + hi);
        if (mOf(mid) > 0) hi = mid;
        else lo = mid;
      }
      const h0 = 0.5 * (lo + hi);
      mOf(h0);
      const slope = mu + 0.5 * (ep.d1 - em.d1);
      const bps = [h0 / sq, -pihat / sq, pihat / sq];
      const wPeak = envelopePeakWidth(Gamma) / sq;
      const ws = [Math.max(sigma / Math.max(slope, 1e-300) / sq, 1e-12), wPeak, wPeak];
      const nodes = rules.outer.nodes({ breakpoints: bps, widths: ws });
      let psi = 0;
      let dQt = 0;
      let dPt = 0;
      let dq = 0;
      let dG = 0;
      let dPi = 0;
      let d2Pi = 0;
      for (let i = 0; i < nodes.z.length; i++) {
        const h = sq * nodes.z[i]!;
        const w = nodes.w[i]!;
        const m = mOf(h);
        const x = m / sigma;
        const dens = G(x) / sigma;
        const Pp = H(-x);
        const Pm = H(x);
        const tp = ep.d1;
        const tm = em.d1;
        psi += w * (0.5 * (ep.value + em.value) + 2 * sigma * G(x) + m * (1 - 2 * Pm));
        dQt += w * dens;
        dPt += w * (tp - tm) * dens;
        dq += w * 0.5 * (Pp * ep.d2 + Pm * em.d2 + 0.5 * (tp - tm) * (tp - tm) * dens);
        dG += (w * (Pp * ep.shift * ep.shift + Pm * em.shift * em.shift)) / (2 * Gamma * Gamma);
        dPi += w * (Pp * tp - Pm * tm);
        d2Pi += w * (Pp * ep.d2 + Pm * em.d2 + 0.5 * (tp + tm) * (tp + tm) * dens);
      }
      // Γ > 1: M_L' jumps by J at 0, so M₊ = M_L(h + π̂) has a delta J δ(h + π̂) in its second derivative
      // (and M₋ at h = π̂), weighted by the probability that w̃* selects that branch there.
      const J = log2coshKink(Gamma);
      if (J > 0) {
        const dens = G(pihat / sq) / sq;
        const pSel = (h: number, sign: 1 | -1) => {
          const m = mOf(h);
          return sign > 0 ? H(-m / sigma) : H(m / sigma);
        };
        const extra = J * dens * (pSel(-pihat, 1) + pSel(pihat, -1));
        dq += 0.5 * extra;
        d2Pi += extra;
      }
      return { psi, dQt, dPt, dqhat1: dq, dGamma: dG, dPihat: dPi, d2Pihat: d2Pi };
    },
  };
}



/**
 * Width of the peak of M_L''(x) = sech²u/(1 − Γ sech²u) around x = 0: near 0, u ≈ x/(1 − Γ) and the peak
 * has height 1/(1 − Γ) and width ~(1 − Γ)^{3/2} (a kink with smooth sides when Γ > 1).
 */
export function envelopePeakWidth(Gamma: number): number {
  return Gamma < 1 ? Math.max(Math.pow(1 - Gamma, 1.5), 1e-8) : Math.min(0.5, Math.max(Math.pow(Gamma - 1, 1.5), 1e-8));
}

/** Jump of M_L' at x = 0 when Γ > 1 (the two outer stationary points ±u0, u0 = Γ tanh u0, exchange). */
export function log2coshKink(Gamma: number): number {
  if (!(Gamma > 1)) return 0;
  let u = Gamma;
  for (let it = 0; it < 100; it++) {
    const t = Math.tanh(u);
    const du = (u - Gamma * t) / (1 - Gamma * (1 - t * t));
    u -= du;
    if (Math.abs(du) < 1e-15 * u) break;
  }
  return 2 * Math.tanh(u);
}

export interface LDFreePriorTerms {
  psi: number;
  dqhat1: number;
  dGamma: number;
  dPihat: number;
  d2Pihat: number;
  /** σ → 0 limits of the reference's susceptibilities: Δ̃ = 2φ_h(0)/M'(π̂), Δp = 2φ_h(0). */
  dt: number;
  dp: number;
}

/**
 * The entropic term of a free reference (not required to be a solution): Q̃ = P̂0 = 0 exactly (the
 * reference's constraint never acts on the channel), the reference is the clipped centre of the cloud,
 * w̃ = sign h, and ψ_P = E_h M_L(|h| + π̂; Γ), h ~ N(0, q̂1). M(|h| + π̂) has a kink at h = 0 (jump 2M'(π̂)
 * of its slope) and, for Γ > 1 and π̂ < 0, kinks where |h| + π̂ = 0 (jump `log2coshKink(Γ)`): both enter the
 * second derivatives as delta terms.
 */
export function largeDeviationFreePrior(opts: { rules?: LDRules } = {}) {
  const rules = opts.rules ?? defaultLDRules();
  const e = newEnvelope();
  return {
    quadrature: rules.outer.name,
    terms(c: Pick<LDConjugates, 'qhat1' | 'Gamma' | 'pihat'>): LDFreePriorTerms {
      if (!(c.qhat1 > 0 && c.Gamma > 0)) throw new RangeError(`large deviations (free reference): need q̂1 > 0 and Γ > 0 (got q̂1 = ${c.qhat1}, Γ = ${c.Gamma})`);
      const { qhat1, Gamma, pihat } = c;
      const sq = Math.sqrt(qhat1);
      // Layers: the kink of |h| at 0, and the peak of M_L'' where |h| + π̂ = 0 (π̂ < 0).
      const wPeak = envelopePeakWidth(Gamma) / sq;
      const bps = [0];
      const ws = [wPeak];
      const J = pihat < 0 ? log2coshKink(Gamma) : 0;
      if (pihat < 0) bps.push(pihat / sq, -pihat / sq), ws.push(wPeak, wPeak);
      const nodes = rules.outer.nodes({ breakpoints: bps, widths: ws });
      let psi = 0;
      let d2 = 0;
      let t2 = 0;
      let t1 = 0;
      let b2 = 0;
      for (let i = 0; i < nodes.z.length; i++) {
        const w = nodes.w[i]!;
        log2coshEnvelope(Math.abs(sq * nodes.z[i]!) + pihat, Gamma, e);
        psi += w * e.value;
        d2 += w * e.d2;
        t1 += w * e.d1;
        t2 += w * e.d1 * e.d1;
        b2 += w * e.shift * e.shift;
      }
      const phi0 = G(0) / sq;
      log2coshEnvelope(pihat, Gamma, e);
      const m1 = e.d1;
      const kinks = J > 0 ? 2 * J * (G(pihat / sq) / sq) : 0;
      return {
        psi,
        dqhat1: 0.5 * (d2 + 2 * m1 * phi0 + kinks),
        dGamma: b2 / (2 * Gamma * Gamma),
        dPihat: t1,
        d2Pihat: d2 + kinks,
        dt: (2 * phi0) / m1,
        dp: 2 * phi0,
      };
    },
  };
}
