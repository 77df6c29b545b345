/**
 * The perceptron channel seen from a reference: the energetic term of the constrained group of a
 * Franz-Parisi computation (docs/local-entropy.md §2, eq. FP-E).
 *
 * On one pattern the stabilities of the reference replicas (ũ¹, ũᵇ) and the cavity mean ω of a
 * constrained replica are jointly Gaussian; with z0 the field common to all reference replicas,
 *     Var z0 = 1, Cov(z0, ũ¹) = √q̃, Var ũ¹ = 1, Cov(z0, ω) = p0/√q̃, Cov(ũ¹, ω) = p, Var ω = q1,
 * and the constrained replica keeps a residual variance 1 − q1. The reference (s → 0 replicas) accepts the
 * pattern if ũ¹ ≥ κ̃, the constrained replica with probability Z_out(ω, 1 − q1) = H((κ − ω)/√(1 − q1))
 * (channels/perceptron.ts `perceptronKernel`, g = ln Z_out). Averaging over the reference's measure,
 *     ψ_out = E[θ(ũ¹ ≥ κ̃) g(ω) / H̃(z0)],   H̃(z0) = H(τ),   τ = (κ̃ − √q̃ z0)/√(1 − q̃).
 * Computed as E_{z0} E_t[(W/H̃) g(A z0 + s t)] with A = p0/√q̃, s² = q1 − A², and the reference's
 * acceptance given the constrained field, W = P(ũ¹ ≥ κ̃ | z0, t) = H((sτ − Bt)/C),
 * B = (p − p0)/√(1 − q̃), C² = s² − B². The gradient (Price's theorem on the three covariances that carry
 * q1, p and p0, and ∂_V g = ½(g'' + g'²) for the residual variance):
 *     ∂ψ/∂q1 = −½ E[(W/H̃) g'²],
 *     ∂ψ/∂p  =  E_{z0}[ G(τ)/(H̃ √(1 − q̃)) · E_η g'(A z0 + Bτ + Cη) ]          (reference on its boundary),
 *     ∂ψ/∂p0 = −E_{z0}[ G(τ)/(H̃ √(1 − q̃)) · E_t[(W/H̃) g'(A z0 + s t)] ]       (reference anywhere).
 * Special cases: q̃ = 0, κ̃ = 0, p0 = 0 is the teacher-student channel (reference = teacher, W/H̃ = 2P(label));
 * p = p0 = 0 is storage (tested against channels/perceptron.ts).
 */
import type { IntegrandHints } from '../math/gauss.js';
import { GoverH, logH } from '../math/special.js';
import { perceptronKernel } from './channels/perceptron.js';
import type { ReferenceGroup } from './reference.js';
import { defaultNestedRules, describeNested, type NestedRules } from './reference-prior.js';

export interface CoupledOverlaps {
  q1: number;
  p: number;
  p0: number;
}

export interface CoupledChannelTerms {
  psi: number;
  dq1: number;
  dp: number;
  dp0: number;
}

export interface ReferencedChannel {
  readonly name: string;
  readonly quadrature: string;
  readonly params: Readonly<Record<string, number | string>>;
  terms(ref: Pick<ReferenceGroup, 'q' | 'kappa'>, o: CoupledOverlaps): CoupledChannelTerms;
}

/** Gaussian coefficients of the constrained field given the reference (throws outside the PSD domain). */
export function channelCoefficients(qRef: number, o: CoupledOverlaps): { A: number; B: number; s: number; C: number } {
  if (!(o.q1 >= 0 && o.q1 < 1)) throw new RangeError(`reference channel: q1 must lie in [0, 1), got ${o.q1}`);
  if (!(qRef >= 0 && qRef < 1)) throw new RangeError(`reference channel: the reference overlap q̃ must lie in [0, 1), got ${qRef}`);
  let A = 0;
  if (qRef > 0) A = o.p0 / Math.sqrt(qRef);
  else if (o.p0 !== 0) throw new RangeError(`reference channel: an uninformative reference (q̃ = 0) needs p0 = 0, got ${o.p0}`);
  const B = (o.p - o.p0) / Math.sqrt(1 - qRef);
  const s2 = o.q1 - A * A;
  const C2 = s2 - B * B;
  const tol = 1e-12;
  if (s2 < -tol || C2 < -tol) throw new RangeError(`reference channel: overlaps outside the positive-semidefinite domain (q1 = ${o.q1}, p = ${o.p}, p0 = ${o.p0}, q̃ = ${qRef})`);
  return { A, B, s: Math.sqrt(Math.max(s2, 0)), C: Math.sqrt(Math.max(C2, 0)) };
}

export function referencedPerceptronChannel(opts: { kappa?: number; rules?: NestedRules } = {}): ReferencedChannel {
  const kappa = opts.kappa ?? 0;
  const rules = opts.rules ?? defaultNestedRules();
  const g = perceptronKernel(kappa);
  return {
    name: 'perceptron',
    quadrature: describeNested(rules),
    params: { kappa },
    terms(ref, o) {
      const { A, B, s, C } = channelCoefficients(ref.q, o);
      const sq = Math.sqrt(ref.q);
      const sr = Math.sqrt(1 - ref.q);
      const sV = Math.sqrt(1 - o.q1);
      const kRef = ref.kappa;
      // Outer: z0; the reference's acceptance H̃(z0) varies on the scale √((1 − q̃)/q̃) around τ = 0.
      const outer = rules.outer.nodes(sq > 0 ? { breakpoints: [kRef / sq], widths: [sr / sq] } : undefined);
      let psi = 0;
      let dq1 = 0;
      let dp = 0;
      let dp0 = 0;
      for (let i = 0; i < outer.z.length; i++) {
        const z0 = outer.z[i]!;
        const wo = outer.w[i]!;
        const tau = (kRef - sq * z0) / sr;
        const lHt = logH(tau);
        const boundary = GoverH(tau) / sr; // G(τ)/(H̃ √(1 − q̃))
        const az = A * z0;
        // E_t[(W/H̃) (g, g'², g')]
        let e0 = 0;
        let e2 = 0;
        let e1 = 0;
        if (s === 0) {
          e0 = g.logZ(az, sV);
          const d = g.d1(az, sV);
          e2 = d * d;
          e1 = d;
        } else {
          const bps: number[] = [(kappa - az) / s];
          const ws: number[] = [sV / s];
          if (B !== 0) {
            bps.push((s * tau) / B);
            ws.push(C / Math.abs(B));
          }
          const inner = rules.inner.nodes({ breakpoints: bps, widths: ws });
          for (let j = 0; j < inner.z.length; j++) {
            const t = inner.z[j]!;
            const ratio = C > 0 ? Math.exp(logH((s * tau - B * t) / C) - lHt) : B * t >= s * tau ? Math.exp(-lHt) : 0;
            if (ratio === 0) continue;
            const wr = inner.w[j]! * ratio;
            const omega = az + s * t;
            const d = g.d1(omega, sV);
            e0 += wr * g.logZ(omega, sV);
            e2 += wr * d * d;
            e1 += wr * d;
          }
        }
        psi += wo * e0;
        dq1 += wo * e2;
        dp0 += wo * boundary * e1;
        // E_η g'(A z0 + Bτ + Cη): the constrained field when the reference sits on its boundary ũ¹ = κ̃.
        const m = az + B * tau;
        let eb = 0;
        if (C === 0) eb = g.d1(m, sV);
        else {
          const inner = rules.inner.nodes(layerOf(kappa - m, C, sV));
          for (let j = 0; j < inner.z.length; j++) eb += inner.w[j]! * g.d1(m + C * inner.z[j]!, sV);
        }
        dp += wo * boundary * eb;
      }
      return { psi, dq1: -0.5 * dq1, dp, dp0: -dp0 };
    },
  };
}

/** The layer of g(m + Cη) at η = (κ − m)/C, of width √V/C. */
function layerOf(offset: number, C: number, sV: number): IntegrandHints {
  return { breakpoints: [offset / C], widths: [sV / C] };
}

