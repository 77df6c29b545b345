/**
 * Averages over instances (mean ± standard error of the mean) and the extrapolation N → ∞ by weighted least
 * squares in 1/N: y(N) = a + b/N (+ c/N²), weights 1/se², the intercept a with its standard error from the
 * covariance (XᵀWX)⁻¹, and χ²/dof to judge the fit (when χ²/dof > 1 the errors are also given scaled by √(χ²/dof)).
 */
import { Matrix, inverse } from 'ml-matrix';

export interface MeanSe {
  mean: number;
  /** Standard error of the mean (sample standard deviation / √n); NaN for n < 2. */
  se: number;
  n: number;
}

export function meanSe(xs: readonly number[]): MeanSe {
  const n = xs.length;
  if (n === 0) return { mean: NaN, se: NaN, n };
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / n;
  if (n < 2) return { mean, se: NaN, n };
  let v = 0;
  for (const x of xs) v += (x - mean) * (x - mean);
  return { mean, se: Math.sqrt(v / (n - 1) / n), n };
}

export interface SizePoint {
  n: number;
  mean: number;
  se: number;
}

export interface InverseNFit {
  /** Polynomial degree in 1/N (1: straight line). */
  degree: number;
  /** Coefficients a, b (, c) of a + b/N (+ c/N²). */
  coefficients: number[];
  /** Their standard errors (from the stated se of the points). */
  errors: number[];
  /** Extrapolated value a and its standard error. */
  intercept: number;
  interceptSe: number;
  /** interceptSe × max(1, √(χ²/dof)): inflated when the model does not fit within the error bars. */
  interceptSeScaled: number;
  chi2: number;
  dof: number;
  sizes: number[];
}

export function fitInverseN(points: readonly SizePoint[], degree = 1): InverseNFit {
  const k = degree + 1;
  if (points.length < k) throw new RangeError(`fitInverseN: ${points.length} sizes for ${k} coefficients`);
  for (const pt of points) if (!(pt.se > 0) || !Number.isFinite(pt.mean)) throw new RangeError(`fitInverseN: point at N = ${pt.n} needs a finite mean and se > 0`);
  const X = new Matrix(points.length, k);
  const yw: number[] = [];
  points.forEach((pt, r) => {
    const w = 1 / pt.se;
    for (let j = 0; j < k; j++) X.set(r, j, w * (1 / pt.n) ** j);
    yw.push(w * pt.mean);
  });
  const XtX = X.transpose().mmul(X);
  const cov = inverse(XtX);
  const Xty = X.transpose().mmul(Matrix.columnVector(yw));
  const beta = cov.mmul(Xty).getColumn(0);
  let chi2 = 0;
  points.forEach((pt, r) => {
    let f = 0;
    for (let j = 0; j < k; j++) f += beta[j]! * (1 / pt.n) ** j;
    chi2 += ((pt.mean - f) / pt.se) ** 2;
  });
  const dof = points.length - k;
  const errors = beta.map((_, j) => Math.sqrt(cov.get(j, j)));
  const scale = dof > 0 ? Math.max(1, Math.sqrt(chi2 / dof)) : 1;
  return {
    degree,
    coefficients: beta,
    errors,
    intercept: beta[0]!,
    interceptSe: errors[0]!,
    interceptSeScaled: errors[0]! * scale,
    chi2,
    dof,
    sizes: points.map((p) => p.n),
  };
}
