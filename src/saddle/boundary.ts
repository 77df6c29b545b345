/**
 * Where a branch runs into the boundary of its domain (e.g. q → 1 at a capacity): continuation towards
 * the boundary with step halving, then polynomial extrapolation of the control parameter in the distance
 * δ to the boundary. Near a regular end point the parameter is smooth in δ, p(δ) = p_c + a₁δ + a₂δ² + …,
 * so Neville's scheme on the last few points gives p_c with an error O(δ^{m}); the spread between the
 * two highest orders is reported as the error estimate.
 */
export interface BoundaryOptions<S> {
  solve: (param: number, guess: S) => { converged: boolean; value: S };
  /** Distance to the boundary, > 0 inside (e.g. 1 − q). */
  distance: (s: S) => number;
  start: { param: number; state: S };
  /** Initial step; its sign is the direction of the approach. */
  step: number;
  /** Stop when the distance falls below this (default 1e-6). */
  minDistance?: number;
  /** Number of closest points used by the extrapolation (default 5). */
  fitPoints?: number;
  maxSteps?: number;
}

export interface BoundaryResult<S> {
  /** Extrapolated parameter where the distance reaches 0. */
  value: number;
  /** |difference| between the extrapolations of the two highest orders. */
  errorEstimate: number;
  /** The branch points used, closest last. */
  points: { param: number; distance: number }[];
  lastState: S;
  converged: boolean;
  reason?: string;
}

/** Neville extrapolation of y(x) to x = 0; returns the two highest-order estimates. */
export function extrapolateToZero(xs: readonly number[], ys: readonly number[]): { value: number; previous: number } {
  const n = xs.length;
  if (n === 0) throw new RangeError('extrapolateToZero: no points');
  const p = [...ys];
  let previous = p[n - 1]!;
  for (let k = 1; k < n; k++) {
    previous = p[n - 1]!;
    for (let i = n - 1; i >= k; i--) {
      p[i] = (xs[i]! * p[i - 1]! - xs[i - k]! * p[i]!) / (xs[i]! - xs[i - k]!);
    }
  }
  return { value: p[n - 1]!, previous };
}

export function approachBoundary<S>(opts: BoundaryOptions<S>): BoundaryResult<S> {
  const minDistance = opts.minDistance ?? 1e-6;
  const fitPoints = opts.fitPoints ?? 5;
  const maxSteps = opts.maxSteps ?? 400;
  let param = opts.start.param;
  let state = opts.start.state;
  let d = opts.distance(state);
  let h = opts.step;
  const points = [{ param, distance: d }];
  let steps = 0;
  while (d > minDistance && steps++ < maxSteps && Math.abs(h) > 1e-15 * Math.max(1, Math.abs(param))) {
    let ok = false;
    let value: S | undefined;
    try {
      const r = opts.solve(param + h, state);
      value = r.value;
      const dn = r.converged ? opts.distance(r.value) : -1;
      // Accept steps that stay inside and do not jump more than a factor 4 closer to the boundary.
      ok = r.converged && dn > 0 && dn < d * 1.5 && dn >= d / 4;
      if (ok) {
        param += h;
        state = value;
        if (dn < d / 2) h /= 2;
        d = dn;
        points.push({ param, distance: d });
      }
    } catch {
      ok = false;
    }
    if (!ok) h /= 2;
  }
  const used = points.slice(-fitPoints);
  if (used.length < 3) {
    return { value: NaN, errorEstimate: Infinity, points, lastState: state, converged: false, reason: 'fewer than 3 points near the boundary' };
  }
  const { value, previous } = extrapolateToZero(
    used.map((p) => p.distance),
    used.map((p) => p.param),
  );
  const reached = d <= minDistance;
  return {
    value,
    errorEstimate: Math.abs(value - previous),
    points,
    lastState: state,
    converged: reached,
    ...(reached ? {} : { reason: `stopped at distance ${d.toExponential(2)} > ${minDistance}` }),
  };
}
