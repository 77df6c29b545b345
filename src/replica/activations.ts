/**
 * Hidden-unit activations and their Gaussian kernels (docs/committee.md §3).
 *
 * For unit Gaussians x, y with correlation q, the kernel of an activation φ is
 *     Δ(q) = Cov[φ(x), φ(y)] = E[φ(x)φ(y)] − (Eφ)²,
 * and by Price's theorem (∂_q of a bivariate Gaussian average = E of the mixed derivative)
 *     Δ'(q) = E[φ'(x)φ'(y)],   Δ''(q) = E[φ''(x)φ''(y)].
 * Writing x = √q w + √(1−q) x₁, y = √q w + √(1−q) x₂ (w, x₁, x₂ independent) turns each of these into a
 * nested one-dimensional average, E_w[m(w)²] with m(w) = E_x f(√q w + √(1−q) x), and Stein's lemma
 * removes the derivatives when φ' is not supplied:
 *     E_x φ'(a + √V x) = E_x[φ(a + √V x) x]/√V,   E_x φ''(a + √V x) = E_x[φ(a + √V x)(x² − 1)]/V.
 * That is the generic path (`kernelByQuadrature`, for user-defined activations); the built-ins carry
 * closed forms:
 *     sign:   Δ = (2/π) arcsin q                           (Δ'(1) = ∞)
 *     relu:   Δ = [√(1 − q²) + q(π − arccos q) − 1]/(2π)   (arc-cosine kernel of order 1, centred)
 *     erf:    Δ = (2/π) arcsin(2q/3)                       (φ(x) = erf(x))
 *     linear: Δ = q
 * and tanh uses the generic path with its derivatives.
 */
import { adaptiveGaussian, type GaussianMeasure, type IntegrandHints } from '../math/gauss.js';
import { H } from '../math/special.js';

export interface ActivationKernel {
  /** Δ(q) = Cov[φ(x), φ(y)] for unit Gaussians with correlation q ∈ [0, 1]. */
  delta(q: number): number;
  /** Δ'(q) (may be +∞ at q = 1, e.g. for sign). */
  d1(q: number): number;
  /** Δ''(q), for q ∈ [0, 1). */
  d2(q: number): number;
  /** 'closed form' or the rule behind the nested averages. */
  readonly quadrature: string;
}

export interface Activation {
  readonly name: string;
  phi(x: number): number;
  /** φ' (almost everywhere), if known: used for Δ' and Δ'' instead of Stein's lemma, and needed at q = 1. */
  dphi?(x: number): number;
  /** Points where φ or φ' is not smooth: breakpoints for the nested quadrature. */
  readonly kinks?: readonly number[];
  /** Closed-form kernel (built-ins). Without it the kernel is computed by quadrature. */
  readonly kernel?: ActivationKernel;
}

const TWO_OVER_PI = 2 / Math.PI;
const clampQ = (q: number) => Math.min(1, Math.max(-1, q));

export const signActivation: Activation = {
  name: 'sign',
  phi: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  kinks: [0],
  kernel: {
    quadrature: 'closed form',
    delta: (q) => TWO_OVER_PI * Math.asin(clampQ(q)),
    d1: (q) => (q >= 1 ? Infinity : TWO_OVER_PI / Math.sqrt(1 - q * q)),
    d2: (q) => (TWO_OVER_PI * q) / (1 - q * q) ** 1.5,
  },
};

export const reluActivation: Activation = {
  name: 'relu',
  phi: (x) => (x > 0 ? x : 0),
  dphi: (x) => (x > 0 ? 1 : 0),
  kinks: [0],
  kernel: {
    quadrature: 'closed form',
    delta: (q) => {
      const c = clampQ(q);
      return (Math.sqrt(1 - c * c) + c * (Math.PI - Math.acos(c)) - 1) / (2 * Math.PI);
    },
    d1: (q) => (Math.PI - Math.acos(clampQ(q))) / (2 * Math.PI),
    d2: (q) => 1 / (2 * Math.PI * Math.sqrt(1 - q * q)),
  },
};

/** erf(x) = 1 − 2H(√2 x), through the stable complementary function of special.ts. */
const erf = (x: number) => (x >= 0 ? 1 - 2 * H(x * Math.SQRT2) : 2 * H(-x * Math.SQRT2) - 1);

export const erfActivation: Activation = {
  name: 'erf',
  phi: erf,
  dphi: (x) => (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x),
  kernel: {
    quadrature: 'closed form',
    delta: (q) => TWO_OVER_PI * Math.asin((2 * clampQ(q)) / 3),
    d1: (q) => 4 / (Math.PI * Math.sqrt(9 - 4 * q * q)),
    d2: (q) => (16 * q) / (Math.PI * (9 - 4 * q * q) ** 1.5),
  },
};

export const linearActivation: Activation = {
  name: 'linear',
  phi: (x) => x,
  dphi: () => 1,
  kernel: { quadrature: 'closed form', delta: (q) => q, d1: () => 1, d2: () => 0 },
};

const tanhBase: Activation = {
  name: 'tanh',
  phi: Math.tanh,
  dphi: (x) => {
    const t = Math.tanh(x);
    return 1 - t * t;
  },
};

export interface KernelQuadratureOptions {
  measure?: GaussianMeasure;
}

/**
 * Δ, Δ', Δ'' of any activation by nested one-dimensional Gaussian averages (see the header). Breakpoints
 * from `kinks` are passed to both levels (inner: x = (k − √q w)/√V; outer: w = k/√q, layer width √(V/q)).
 * Without `dphi`, Δ' and Δ'' come from Stein's lemma (valid for q < 1) and Δ'(1) is not available.
 */
export function kernelByQuadrature(act: Activation, opts: KernelQuadratureOptions = {}): ActivationKernel {
  const measure = opts.measure ?? adaptiveGaussian({ epsRel: 1e-11, epsAbs: 1e-13 });
  const kinks = act.kinks ?? [];
  const phi = (x: number) => act.phi(x);
  const dphi = act.dphi ? (x: number) => act.dphi!(x) : undefined;
  const mu0 = measure.mean(phi, { breakpoints: kinks });
  const innerHints = (a: number, sV: number): IntegrandHints => ({ breakpoints: kinks.map((k) => (k - a) / sV) });
  const outerHints = (q: number): IntegrandHints => (q > 0 ? { breakpoints: kinks.map((k) => k / Math.sqrt(q)), widths: kinks.map(() => Math.sqrt((1 - q) / q)) } : {});

  /** E_w[(E_x f(√q w + √V x) h(x))²]/scale, the common form of Δ, Δ', Δ'' (with f centred for Δ). */
  const nested = (q: number, f: (x: number) => number, h: (x: number) => number, scale: number) => {
    const sq = Math.sqrt(q);
    const sV = Math.sqrt(1 - q);
    return (
      measure.mean((w) => {
        const a = sq * w;
        const m = measure.mean((x) => f(a + sV * x) * h(x), innerHints(a, sV));
        return m * m;
      }, outerHints(q)) / scale
    );
  };
  const one = () => 1;
  const centred = (x: number) => phi(x) - mu0;
  const check = (q: number) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`kernel of '${act.name}': q must lie in [0, 1], got ${q}`);
  };
  // The RS solver asks for the same q several times (gradient, map, φ): remember recent values.
  const memo = (f: (q: number) => number) => {
    const seen = new Map<number, number>();
    return (q: number) => {
      let v = seen.get(q);
      if (v === undefined) {
        v = f(q);
        if (seen.size >= 32) seen.delete(seen.keys().next().value!);
        seen.set(q, v);
      }
      return v;
    };
  };
  const kernel: ActivationKernel = {
    quadrature: `nested ${measure.name}`,
    delta(q) {
      check(q);
      if (q === 0) return 0;
      if (q === 1) return measure.mean((x) => centred(x) ** 2, { breakpoints: kinks });
      return nested(q, centred, one, 1);
    },
    d1(q) {
      check(q);
      if (dphi) {
        if (q === 1) return measure.mean((x) => dphi(x) ** 2, { breakpoints: kinks });
        if (q === 0) return measure.mean(dphi, { breakpoints: kinks }) ** 2;
        return nested(q, dphi, one, 1);
      }
      if (q === 1) throw new RangeError(`kernel of '${act.name}': Δ'(1) = E[φ'(x)²] needs the derivative dphi`);
      return nested(q, phi, (x) => x, 1 - q);
    },
    d2(q) {
      check(q);
      if (q === 1) throw new RangeError(`kernel of '${act.name}': Δ''(1) is not available`);
      if (dphi) return nested(q, dphi, (x) => x, 1 - q);
      return nested(q, phi, (x) => x * x - 1, (1 - q) * (1 - q));
    },
  };
  return { quadrature: kernel.quadrature, delta: memo(kernel.delta), d1: memo(kernel.d1), d2: memo(kernel.d2) };
}

const kernelCache = new WeakMap<Activation, ActivationKernel>();

/** The activation's kernel: its closed form if it has one, else by quadrature (cached per activation). */
export function kernelOf(act: Activation): ActivationKernel {
  if (act.kernel) return act.kernel;
  let k = kernelCache.get(act);
  if (!k) {
    k = kernelByQuadrature(act);
    kernelCache.set(act, k);
  }
  return k;
}

export const tanhActivation: Activation = tanhBase;

export const ACTIVATIONS = ['sign', 'relu', 'tanh', 'erf', 'linear'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export function activationByName(name: string): Activation {
  switch (name) {
    case 'sign':
      return signActivation;
    case 'relu':
      return reluActivation;
    case 'tanh':
      return tanhActivation;
    case 'erf':
      return erfActivation;
    case 'linear':
      return linearActivation;
  }
  throw new RangeError(`unknown activation '${name}' (allowed: ${ACTIVATIONS.join(', ')})`);
}
