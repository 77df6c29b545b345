/**
 * Weight priors: the entropic term of the replica-symmetric free entropy of a generalized linear model.
 *
 * With student-student overlap q, student-teacher overlap R and conjugates q̂, R̂, the RS free entropy is
 *     φ = −(q̂/2)(1 − q) − R̂ R + ψ_P(q̂, R̂) + α ψ_out(q, R)                              (docs/models.md, eq. GLM)
 * where the prior's potential is
 *     ψ_P(q̂, R̂) = E_{w*, z} ln ∫ dP(w) exp( −q̂ (w² − 1)/2 + (√q̂ z + R̂ w*) w ),  z ~ N(0, 1),
 * normalized so that ψ_P(0, 0) is the log-volume per weight of the prior's support relative to the
 * reference measure (binary: ln 2 configurations; spherical: 0, log-fraction of the sphere).
 * The stationarity conditions in q̂ and R̂ give the order parameters:
 *     q = 1 − 2 ∂ψ_P/∂q̂,   R = ∂ψ_P/∂R̂.
 * The teacher's weights w* enter only through R̂ (storage: R̂ = 0).
 */
import { adaptiveGaussian, type GaussianMeasure } from '../math/gauss.js';
import { log2cosh, sech2 } from '../math/special.js';

export type TeacherPrior = 'binary' | 'spherical';

export interface PriorTerms {
  psi: number;
  /** ∂ψ_P/∂q̂ */
  dQhat: number;
  /** ∂ψ_P/∂R̂ */
  dRhat: number;
}

export interface Prior {
  readonly name: 'binary' | 'spherical';
  /** The integration rule behind the prior's averages ('closed form' where there are none). */
  readonly quadrature: string;
  /** ψ_P(q̂, R̂) and its gradient; `teacher` says how w* is distributed (ignored when R̂ = 0). */
  terms(qhat: number, Rhat: number, teacher?: TeacherPrior): PriorTerms;
  /** The gradient alone (the saddle-point map needs no ψ_P): optional, `terms` is used otherwise. */
  gradient?(qhat: number, Rhat: number, teacher?: TeacherPrior): { dQhat: number; dRhat: number };
  /**
   * E_z[(1 − ⟨w⟩²)²]-type susceptibility of the prior at (q̂, R̂): the replicon's entropic factor
   * (the mean squared connected variance of one weight), used by the de Almeida-Thouless test.
   */
  replicon(qhat: number, Rhat: number, teacher?: TeacherPrior): number;
}

/** The field h = scale·z + shift changes sign at z₀ = −shift/scale over a layer of width 1/scale. */
function layerHints(scale: number, shift: number) {
  return scale > 0 ? { breakpoints: [-shift / scale], widths: [1 / scale] } : {};
}

/** q and R from the prior's gradient: q = 1 − 2∂ψ/∂q̂, R = ∂ψ/∂R̂. */
export function overlapsFromPrior(t: PriorTerms): { q: number; R: number } {
  return { q: 1 - 2 * t.dQhat, R: t.dRhat };
}

/**
 * Binary weights w = ±1 (Ising prior). With the local field h = √q̂ z + R̂ w*:
 *     ψ_P = E ln 2cosh h,   ∂ψ/∂q̂ = ½ E[1 − tanh² h] (Stein's lemma),   ∂ψ/∂R̂ = E[w* tanh h],
 * so q = E tanh² h and R = E[w* tanh h]. A binary teacher is w* = 1 by the gauge symmetry w → w*w;
 * a spherical teacher has w* ~ N(0, 1), so h ~ N(0, q̂ + R̂²) as a single Gaussian.
 */
export function binaryPrior(measure: GaussianMeasure = adaptiveGaussian()): Prior {
  const fieldOf = (qhat: number, Rhat: number, teacher: TeacherPrior) => {
    if (teacher === 'spherical') {
      const s = Math.sqrt(qhat + Rhat * Rhat);
      // w* ⟂ z: E[w* g(√q̂ z + R̂ w*)] = R̂ E[g'(h)] with h ~ N(0, q̂ + R̂²) (Stein's lemma).
      return { scale: s, shift: 0, teacherGaussian: true };
    }
    return { scale: Math.sqrt(qhat), shift: Rhat, teacherGaussian: false };
  };
  return {
    name: 'binary',
    quadrature: measure.name,
    terms(qhat, Rhat, teacher = 'binary') {
      const { scale, shift } = fieldOf(qhat, Rhat, teacher);
      const psi = measure.mean((z) => log2cosh(scale * z + shift), layerHints(scale, shift));
      return { psi, ...this.gradient!(qhat, Rhat, teacher) };
    },
    gradient(qhat, Rhat, teacher = 'binary') {
      const { scale, shift, teacherGaussian } = fieldOf(qhat, Rhat, teacher);
      // The integrands sharpen around the zero of h, z₀ = −shift/scale, with width 1/scale.
      const hints = layerHints(scale, shift);
      const oneMinusT2 = measure.mean((z) => sech2(scale * z + shift), hints);
      const dRhat = teacherGaussian ? Rhat * oneMinusT2 : measure.mean((z) => Math.tanh(scale * z + shift), hints);
      return { dQhat: 0.5 * oneMinusT2, dRhat };
    },
    replicon(qhat, Rhat, teacher = 'binary') {
      const { scale, shift } = fieldOf(qhat, Rhat, teacher);
      return measure.mean((z) => sech2(scale * z + shift) ** 2, layerHints(scale, shift));
    },
  };
}

/**
 * Spherical weights |w|² = N. The Gaussian integral over w and the extremum over the self-overlap's
 * conjugate Q̂ (with A = Q̂ + q̂) give, with s = q̂ + R̂² (the teacher normalized as |w*|² = N),
 *     ψ_P = extr_A [ A/2 − ½ ln A + s/(2A) ] − ½,   A = (1 + √(1 + 4s))/2,
 * and by the envelope theorem ∂ψ/∂q̂ = 1/(2A), ∂ψ/∂R̂ = R̂/A, i.e. q = 1 − 1/A, R = R̂/A. Eliminating
 * q̂ in storage reproduces Gardner's entropic term ½ ln(1 − q) + q/(2(1 − q)) (REFERENCE.md §1).
 */
export function sphericalPrior(): Prior {
  const A = (s: number) => 0.5 * (1 + Math.sqrt(1 + 4 * s));
  return {
    name: 'spherical',
    quadrature: 'closed form',
    terms(qhat, Rhat) {
      const s = qhat + Rhat * Rhat;
      const a = A(s);
      return { psi: a / 2 - 0.5 * Math.log(a) + s / (2 * a) - 0.5, dQhat: 1 / (2 * a), dRhat: Rhat / a };
    },
    replicon(qhat, Rhat) {
      // Gaussian posterior of each weight with variance 1/A = 1 − q at every z: E[(1 − q)²].
      const a = A(qhat + Rhat * Rhat);
      return 1 / (a * a);
    },
  };
}

/** The priors by name. */
export function priorByName(name: string, measure?: GaussianMeasure): Prior {
  if (name === 'binary') return binaryPrior(measure);
  if (name === 'spherical') return sphericalPrior();
  throw new RangeError(`unknown prior '${name}' (allowed: binary, spherical)`);
}

