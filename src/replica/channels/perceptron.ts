/**
 * The sign perceptron with margin κ: a student w is accepted on pattern ξ with label y if its stability
 * y w·ξ/√N ≥ κ. With the student's cavity field ω = √q z and residual variance V = 1 − q,
 *     Z_out(ω, V) = H((κ − ω)/√V),   g(ω) = ln Z_out,   g_ω = GoverH(u)/√V,  u = (κ − ω)/√V,
 *     g_ωω = −GoverH(u)(GoverH(u) − u)/V.
 * Labels: storage — y = ±1 at random; teacher-student — y = sign(u*), u* the teacher's field, jointly
 * Gaussian with ω: Var ω = q, Cov(ω, u*) = R, Var u* = 1. Then (REFERENCE.md §1, §2)
 *     ψ_out = E_z[ P(y = 1 | z) · 2 ln H(u) ],   P = H(−R z/√(q − R²))        (storage: P = ½)
 * and, by the heat equation ∂_V Z_out = ½∂²_ω Z_out and Price's theorem,
 *     ∂ψ_out/∂q = −½ E_z[2P g_ω²],   ∂ψ_out/∂R = 2G(0) E_x[g_ω(√(q − R²) x)].
 * Every integral is adaptive Gauss-Kronrod with a breakpoint at the kink z₀ = κ/√q (width √(1 − q)).
 */
import { adaptiveGaussian, type GaussianMeasure } from '../../math/gauss.js';
import { G, GoverH, H, logH } from '../../math/special.js';
import type { Channel } from '../channel.js';

export interface PerceptronOptions {
  kappa?: number;
  measure?: GaussianMeasure;
}

const G0 = G(0);

/**
 * The perceptron's acceptance kernel, the one place its equation lives: a student whose stability has
 * cavity mean ω and residual variance V accepts a pattern with probability
 *     Z_out(ω, V) = H((κ − ω)/√V),   g = ln Z_out,
 *     g_ω = GoverH(u)/√V,   g_ωω = −GoverH(u)(GoverH(u) − u)/V,   u = (κ − ω)/√V,
 *     ∂_V g = ½(g_ωω + g_ω²)   (heat equation ∂_V Z = ½∂²_ω Z).
 * Used by the channel below and by the constructions with a reference replica (replica/reference-channel.ts,
 * entropy/large-deviation-terms.ts). sV is √V (callers usually have it at hand).
 */
export interface PerceptronKernel {
  readonly kappa: number;
  logZ(omega: number, sV: number): number;
  /** g_ω */
  d1(omega: number, sV: number): number;
  /** g_ωω */
  d2(omega: number, sV: number): number;
}

export function perceptronKernel(kappa: number): PerceptronKernel {
  return {
    kappa,
    logZ: (omega, sV) => logH((kappa - omega) / sV),
    d1: (omega, sV) => GoverH((kappa - omega) / sV) / sV,
    d2: (omega, sV) => {
      const u = (kappa - omega) / sV;
      const r = GoverH(u);
      return (-r * (r - u)) / (sV * sV);
    },
  };
}

export interface PerceptronChannel extends Channel {
  dKappa(q: number, R?: number): number;
}

export function perceptronChannel(opts: PerceptronOptions = {}): PerceptronChannel {
  const kappa = opts.kappa ?? 0;
  const measure = opts.measure ?? adaptiveGaussian();
  const kernel = perceptronKernel(kappa);
  // The kink of ln H((κ − √q z)/√(1 − q)) sits at z₀ = κ/√q, smoothed over a width √((1 − q)/q).
  const hintsFor = (q: number) => (q > 0 ? { breakpoints: [kappa / Math.sqrt(q)], widths: [Math.sqrt((1 - q) / q)] } : {});

  /** Probability that the teacher's label is +1 given the student's cavity variable z. */
  const labelWeight = (q: number, R: number | undefined) => {
    if (R === undefined) return (_z: number) => 0.5;
    const c = R / Math.sqrt(Math.max(q - R * R, 0));
    if (!Number.isFinite(c)) return (z: number) => (R * z > 0 ? 1 : R * z < 0 ? 0 : 0.5);
    return (z: number) => H(-c * z);
  };

  const check = (q: number, R: number | undefined) => {
    if (!(q >= 0 && q < 1)) throw new RangeError(`perceptron channel: q must lie in [0, 1), got ${q}`);
    if (R !== undefined && !(R * R <= q)) throw new RangeError(`perceptron channel: need R² ≤ q, got q = ${q}, R = ${R}`);
  };

  return {
    name: 'perceptron',
    params: { kappa },
    quadrature: measure.name,
    terms(q, R) {
      check(q, R);
      const sq = Math.sqrt(q);
      const sV = Math.sqrt(1 - q);
      const P = labelWeight(q, R);
      const psi = measure.mean((z) => 2 * P(z) * kernel.logZ(sq * z, sV), hintsFor(q));
      return { psi, ...this.gradient!(q, R) };
    },
    gradient(q, R) {
      check(q, R);
      const sq = Math.sqrt(q);
      const sV = Math.sqrt(1 - q);
      const P = labelWeight(q, R);
      const hints = hintsFor(q);
      const gw2 = measure.mean((z) => {
        const r = GoverH((kappa - sq * z) / sV);
        return 2 * P(z) * r * r;
      }, hints);
      let dR = 0;
      if (R !== undefined) {
        const s = Math.sqrt(Math.max(q - R * R, 0));
        dR = ((2 * G0) / sV) * measure.mean((x) => GoverH((kappa - s * x) / sV), s > 0 ? { breakpoints: [kappa / s], widths: [sV / s] } : {});
      }
      return { dq: -gw2 / (2 * (1 - q)), dR };
    },
    /** ∂ψ_out/∂κ = −(1/√(1 − q)) E_z[2P(z) GoverH(u)] (for models whose effective margin varies). */
    dKappa(q: number, R?: number) {
      check(q, R);
      const sq = Math.sqrt(q);
      const sV = Math.sqrt(1 - q);
      const P = labelWeight(q, R);
      return -measure.mean((z) => 2 * P(z) * GoverH((kappa - sq * z) / sV), hintsFor(q)) / sV;
    },
    replicon(q, R) {
      check(q, R);
      const sq = Math.sqrt(q);
      const sV = Math.sqrt(1 - q);
      const P = labelWeight(q, R);
      const m = measure.mean((z) => {
        const u = (kappa - sq * z) / sV;
        const r = GoverH(u);
        const gww = (r * (r - u)) / (1 - q);
        return 2 * P(z) * gww * gww;
      }, hintsFor(q));
      return m;
    },
  };
}

/**
 * Gardner's capacity of the spherical perceptron in closed form (REFERENCE.md §1):
 * α_c(κ) = 1 / ∫_{−κ}^∞ Dt (t + κ)² = 1 / [(1 + κ²)Φ(κ) + κ G(κ)].
 */
export function gardnerCapacity(kappa: number): number {
  return 1 / ((1 + kappa * kappa) * H(-kappa) + kappa * G(kappa));
}
