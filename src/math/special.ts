/**
 * Gaussian special functions in the forms replica computations need (REFERENCE.md §0):
 * G(x) = exp(-x²/2)/√(2π), H(x) = ∫_x^∞ Dz = erfc(x/√2)/2, their logarithms and the ratio G/H.
 * Everything that can underflow is computed in the log domain through erfcx, never as log(erfc).
 */
import erfc from '@stdlib/math-base-special-erfc';
import erfcx from '@stdlib/math-base-special-erfcx';

export const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
export const LN2 = Math.LN2;
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** log G(x) = -x²/2 - ln √(2π). */
export function logG(x: number): number {
  return -0.5 * x * x - LOG_SQRT_2PI;
}

/** Standard normal density G(x). */
export function G(x: number): number {
  return Math.exp(logG(x));
}

/** Gaussian tail H(x) = P(z > x), relative accuracy ~1e-15 until it underflows (x ≳ 38). */
export function H(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/** Φ(x) = 1 − H(x) = H(−x). */
export function Phi(x: number): number {
  return H(-x);
}

/**
 * ln H(x) for every finite x. Right tail: erfc(t) = erfcx(t)·e^{−t²}, so ln H = ln(erfcx(x/√2)/2) − x²/2
 * (no cancellation: both terms are negative). Left tail: ln(1 − H(−x)) by log1p.
 */
export function logH(x: number): number {
  if (x > 0) return Math.log(0.5 * erfcx(x / Math.SQRT2)) - 0.5 * x * x;
  return Math.log1p(-0.5 * erfc(-x / Math.SQRT2));
}

/** ln Φ(x) = ln H(−x). */
export function logPhi(x: number): number {
  return logH(-x);
}

/**
 * G(x)/H(x) = −d ln H/dx (the inverse Mills ratio). For x ≥ 0 it equals √(2/π)/erfcx(x/√2), exact to the
 * last bits for any x (≈ x at large x); for x < 0, H ∈ [½, 1] and the plain ratio is stable.
 */
export function GoverH(x: number): number {
  if (x >= 0) return SQRT_2_OVER_PI / erfcx(x / Math.SQRT2);
  return G(x) / H(x);
}

/**
 * ln H(x) and G(x)/H(x) together (hot loops that need both), from one erfcx evaluation, erfc(t) = erfcx(t)e^{−t²}:
 * x > 0 as in `logH` and `GoverH`; x ≤ 0: H = 1 − ½erfcx(−x/√2)e^{−x²/2} ∈ [½, 1] and G share e^{−x²/2}.
 * Returns ln H(x); the ratio G/H is written to mills[0].
 */
export function logHAndMills(x: number, mills: Float64Array): number {
  if (x > 0) {
    const ex = erfcx(x / Math.SQRT2);
    mills[0] = SQRT_2_OVER_PI / ex;
    return Math.log(0.5 * ex) - 0.5 * x * x;
  }
  const g = Math.exp(-0.5 * x * x);
  const hc = 0.5 * erfcx(-x / Math.SQRT2) * g; // H(−x) = 1 − H(x)
  mills[0] = (INV_SQRT_2PI * g) / (1 - hc);
  return Math.log1p(-hc);
}

/** ln 2cosh(x) = |x| + ln(1 + e^{−2|x|}), stable for every x. */
export function log2cosh(x: number): number {
  const a = Math.abs(x);
  return a + Math.log1p(Math.exp(-2 * a));
}

/** sech²x = 1 − tanh²x = 4e^{−2|x|}/(1 + e^{−2|x|})², with full relative precision in the tails. */
export function sech2(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  return (4 * e) / ((1 + e) * (1 + e));
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** ln Σ exp(v_i) without overflow; −∞ for an empty list. */
export function logSumExp(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  if (m === -Infinity || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += Math.exp(values[i]! - m);
  return m + Math.log(s);
}

/** Binary entropy H₂(d) = −d ln d − (1−d) ln(1−d) in nats (the log-count per weight at Hamming distance Nd). */
export function binaryEntropy(d: number): number {
  if (d <= 0 || d >= 1) return 0;
  return -d * Math.log(d) - (1 - d) * Math.log1p(-d);
}
