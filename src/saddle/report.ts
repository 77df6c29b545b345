/** What a solver reports: the answer and how it was reached. Non-convergence is data, never hidden. */
export interface SolveReport {
  converged: boolean;
  iterations: number;
  /** Max-norm of the last change (fixed point) or of the residual vector (Newton). */
  residual: number;
  /** Why the solver stopped when it did not converge (e.g. 'max-iterations', 'nan', 'left-domain'). */
  reason?: string;
}

export interface SolveResult<S> extends SolveReport {
  value: S;
}

/** Thrown when a NaN appears in the iteration; carries the parameters that produced it. */
export class NaNError extends Error {
  constructor(
    message: string,
    readonly at: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'NaNError';
  }
}

export function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

export function describeVector(x: ArrayLike<number>, names?: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < x.length; i++) out[names?.[i] ?? `x${i}`] = x[i]!;
  return out;
}
