/**
 * The two new terms of the densest-region (large deviations, y → ∞) local entropy of the binary student on
 * random features (docs/random-features.md §5; the perceptron's construction is docs/local-entropy.md §4).
 *
 * Replica structure: n → 0 outer replicas a, each a free reference w̃^a and y constrained replicas w^{a,c}
 * (solutions of the RF problem at distance d from w̃^a). The RF student's field depends on w through
 * s = Fᵀw/√N (replica/random-features.ts). The references never enter the energetic term, so only the s
 * of the constrained replicas matter: given the w's they are Gaussian with covariance Q ⊗ I_D, Q the
 * constrained replicas' weight-overlap matrix (the references' s integrate out: a marginal of a Gaussian).
 *
 * 1. `rfInteractionLD`: the Gaussian large-deviation rate of the s's (replica/random-features.ts RF-LD,
 *    ½ ln det(P − mmᵀ) − ½ tr(Q⁻¹P) − ½ ln det Q + n/2 per D) for block matrices with n blocks of y:
 *    Q: diagonal 1, q1 in a block, q0 = q1 − Δ1/y between blocks; P: diagonal p_d, p1 in a block,
 *    p0 = p1 − Δs/y between blocks; m_a = m. Eigenvalues of such a matrix (a_d, a1, a0): a_d − a1
 *    (multiplicity n(y − 1)), λ = a_d − a1 + y(a1 − a0) (n − 1), λ + n y a0 (1), hence at order n
 *        ln det A / n = (y − 1) ln(a_d − a1) + ln λ + y a0/λ,
 *        tr(Q⁻¹P) / n = (y − 1)(p_d − p1)/(1 − q1) + Λ_P/Λ_Q + y(p0/Λ_Q − Λ_P q0/Λ_Q²).
 *    Divided by y, y → ∞ (a = p_d − p1, A = a + Δs, b = p1 − m², c = 1 − q1, C = c + Δ1):
 *        G_LD = ½[ln a + b/A] − ½[a/c + p1/C − A q1/C²] − ½[ln c + q1/C] + ½                  (RF-LD∞)
 *    At Δs = Δ1 = 0 it is G_RF(q1, p_d, p1, m); it vanishes with its gradient at p_d = 1, p1 = q1,
 *    Δs = Δ1, m = 0 (tested).
 * 2. `teacherLargeDeviationChannel`: the y → ∞ energetic term of a perceptron with teacher labels, in the
 *    effective overlaps (q1, Δ1, R) and margin κ of the RF channel. The cloud's mean field v0 ~ N(0, q1)
 *    and the teacher's field u (Cov(u, v0) = R, Var u = 1) are common to a block; the label is sign u:
 *        ψ_out = E_{u, v0} M_g(sign(u) v0; Δ1) = E_z W(z) M_g(√q1 z; Δ1),   W = 2H(−c z), c = R/√(q1 − R²),
 *    g(ω) = ln H((κ − ω)/√(1 − q1)), M the Moreau envelope (envelopes.ts `kernelEnvelope`). R = 0 is the
 *    storage channel of large-deviation-terms.ts (W = 1). Gradient:
 *        ∂/∂Δ1 = E[W M'²]/2 (envelope theorem),  ∂/∂q1 = E[W(−½(g'' + g'²) + ½M'')] (Price + heat eq.),
 *        ∂/∂R = E[∂_R W · M] with ∂_R W = 2G(cz) z q1/(q1 − R²)^{3/2},  ∂/∂κ = −E[W M'].
 */
import { G, H } from '../math/special.js';
import { panelNodes, type NodeRule } from '../math/node-rules.js';
import { kernelEnvelope, newEnvelope } from './envelopes.js';

export interface RFInteractionLD {
  G: number;
  dq1: number;
  dd1: number;
  dpd: number;
  dp1: number;
  dds: number;
  dm: number;
}

/** (RF-LD∞) and its gradient in (q1, Δ1, p_d, p1, Δs, m). */
export function rfInteractionLD(q1: number, d1: number, pd: number, p1: number, ds: number, m: number): RFInteractionLD {
  const a = pd - p1;
  const A = a + ds;
  const b = p1 - m * m;
  const c = 1 - q1;
  const C = c + d1;
  const G_ = 0.5 * (Math.log(a) + b / A) - 0.5 * (a / c + p1 / C - (A * q1) / (C * C)) - 0.5 * (Math.log(c) + q1 / C) + 0.5;
  return {
    G: G_,
    dq1: -0.5 * (a / (c * c) + p1 / (C * C) - A / (C * C) - (2 * A * q1) / (C * C * C)) - 0.5 * (-1 / c + 1 / C + q1 / (C * C)),
    dd1: 0.5 * (p1 + q1) / (C * C) - (A * q1) / (C * C * C),
    dpd: 0.5 * (1 / a - b / (A * A)) - 0.5 * (1 / c - q1 / (C * C)),
    dp1: 0.5 * (-1 / a + 1 / A + b / (A * A)) - 0.5 * (-1 / c + 1 / C + q1 / (C * C)),
    dds: -0.5 * (b / (A * A)) + 0.5 * (q1 / (C * C)),
    dm: -m / A,
  };
}

export interface TeacherLDChannelTerms {
  psi: number;
  dq1: number;
  dd1: number;
  dR: number;
  dKappa: number;
}

export function teacherLargeDeviationChannel(opts: { rule?: NodeRule } = {}) {
  const rule = opts.rule ?? panelNodes({ order: 8 });
  const env = newEnvelope();
  return {
    quadrature: rule.name,
    terms(q1: number, d1: number, R: number, kappa: number): TeacherLDChannelTerms {
      if (!(q1 > 0 && q1 < 1 && d1 > 0 && R * R < q1)) throw new RangeError(`random-features large deviations: channel overlaps outside the domain (q1 = ${q1}, Δ1 = ${d1}, R = ${R})`);
      const sV = Math.sqrt(1 - q1);
      const sq = Math.sqrt(q1);
      const r2 = q1 - R * R;
      const c = R / Math.sqrt(r2);
      const dc = q1 / (r2 * Math.sqrt(r2));
      const layer = Math.max(Math.min(sV, Math.sqrt(d1)), 1e-10);
      const bps = [kappa / sq];
      const ws = [layer / sq];
      if (R !== 0) bps.push(0), ws.push(Math.min(1, 1 / Math.abs(c)));
      const nodes = rule.nodes({ breakpoints: bps, widths: ws });
      let psi = 0;
      let dq1 = 0;
      let dd1 = 0;
      let dR = 0;
      let dK = 0;
      for (let i = 0; i < nodes.z.length; i++) {
        const z = nodes.z[i]!;
        const w = nodes.w[i]!;
        kernelEnvelope(kappa, sV, sq * z, d1, env);
        const W = 2 * H(-c * z);
        psi += w * W * env.value;
        dq1 += w * W * (-0.5 * (env.f2 + env.d1 * env.d1) + 0.5 * env.d2);
        dd1 += w * W * 0.5 * env.d1 * env.d1;
        dR += w * 2 * G(c * z) * z * dc * env.value;
        dK -= w * W * env.d1;
      }
      return { psi, dq1, dd1, dR, dKappa: dK };
    },
  };
}
