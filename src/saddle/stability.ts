/**
 * Local stability of a saddle point: finite-difference Hessians of a free entropy in its parameters and
 * their eigenvalues (ml-matrix EVD). Model-specific stability (the replicon) lives with the models.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export function hessian(f: (x: Float64Array) => number, x0: ArrayLike<number>, rel = 1e-4): number[][] {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const h = Array.from(x, (v) => rel * Math.max(1e-2, Math.abs(v)));
  const at = (di: number, si: number, dj: number, sj: number): number => {
    const y = Float64Array.from(x);
    y[di] = y[di]! + si * h[di]!;
    y[dj] = y[dj]! + sj * h[dj]!;
    return f(y);
  };
  const H: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const f0 = f(x);
  for (let i = 0; i < n; i++) {
    const yp = Float64Array.from(x);
    const ym = Float64Array.from(x);
    yp[i] = yp[i]! + h[i]!;
    ym[i] = ym[i]! - h[i]!;
    H[i]![i] = (f(yp) - 2 * f0 + f(ym)) / (h[i]! * h[i]!);
    for (let j = 0; j < i; j++) {
      const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h[i]! * h[j]!);
      H[i]![j] = v;
      H[j]![i] = v;
    }
  }
  return H;
}

/** Eigenvalues of a symmetric matrix, ascending. */
export function symmetricEigenvalues(m: number[][]): number[] {
  const evd = new EigenvalueDecomposition(new Matrix(m), { assumeSymmetric: true });
  return [...evd.realEigenvalues].sort((a, b) => a - b);
}
