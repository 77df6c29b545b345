/**
 * One-dimensional root finding and minimization: Brent's method on a bracket (inverse quadratic
 * interpolation, secant and bisection, never leaving the bracket), bracket expansion, and Brent's
 * parabolic/golden-section minimizer. Each returns what happened, not just a number.
 */

export interface RootResult {
  root: number;
  /** Final bracket [lo, hi] with a sign change (lo ≤ hi). */
  bracket: [number, number];
  /** f at the returned root. */
  fRoot: number;
  iterations: number;
  converged: boolean;
}

export interface RootOptions {
  /** Absolute tolerance on the root. */
  xtol?: number;
  /** Relative tolerance on the root. */
  rtol?: number;
  maxIter?: number;
}

export class BracketError extends Error {
  constructor(
    message: string,
    readonly a: number,
    readonly b: number,
    readonly fa: number,
    readonly fb: number,
  ) {
    super(message);
    this.name = 'BracketError';
  }
}

/** Brent's zero finder on [a, b] with f(a)·f(b) ≤ 0. */
export function brent(f: (x: number) => number, a: number, b: number, opts: RootOptions = {}): RootResult {
  const xtol = opts.xtol ?? 1e-14;
  const rtol = opts.rtol ?? 4 * Number.EPSILON;
  const maxIter = opts.maxIter ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) throw new BracketError(`brent: f is NaN at a bracket end (f(${a}) = ${fa}, f(${b}) = ${fb})`, a, b, fa, fb);
  if (fa === 0) return { root: a, bracket: [a, a], fRoot: 0, iterations: 0, converged: true };
  if (fb === 0) return { root: b, bracket: [b, b], fRoot: 0, iterations: 0, converged: true };
  if (Math.sign(fa) === Math.sign(fb)) throw new BracketError(`brent: no sign change on [${a}, ${b}] (f = ${fa}, ${fb})`, a, b, fa, fb);
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 1; iter <= maxIter; iter++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * rtol * Math.abs(b) + 0.5 * xtol;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) {
      return { root: b, bracket: [Math.min(b, c), Math.max(b, c)], fRoot: fb, iterations: iter, converged: true };
    }
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Interpolation: secant if only two distinct points, inverse quadratic otherwise.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    if (Number.isNaN(fb)) throw new BracketError(`brent: f is NaN at x = ${b}`, a, b, fa, fb);
  }
  return { root: b, bracket: [Math.min(b, c), Math.max(b, c)], fRoot: fb, iterations: maxIter, converged: false };
}

export interface ExpandOptions {
  factor?: number;
  maxIter?: number;
  /** Hard limits the bracket may not cross (e.g. a parameter's domain). */
  lower?: number;
  upper?: number;
}

/**
 * Grow [a, b] geometrically (moving the end with the smaller |f|) until f changes sign, staying within
 * [lower, upper]. Returns the bracket or throws a BracketError naming the last values seen.
 */
export function expandBracket(f: (x: number) => number, a: number, b: number, opts: ExpandOptions = {}): [number, number] {
  const factor = opts.factor ?? 1.6;
  const maxIter = opts.maxIter ?? 60;
  const lower = opts.lower ?? -Infinity;
  const upper = opts.upper ?? Infinity;
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < maxIter; i++) {
    if (Math.sign(fa) !== Math.sign(fb) || fa === 0 || fb === 0) return [a, b];
    const moveA = (Math.abs(fa) < Math.abs(fb) && a > lower) || b >= upper;
    if (moveA) {
      a = Math.max(lower, a + factor * (a - b));
      fa = f(a);
    } else {
      b = Math.min(upper, b + factor * (b - a));
      fb = f(b);
    }
  }
  throw new BracketError(`expandBracket: no sign change found, last bracket [${a}, ${b}] with f = ${fa}, ${fb}`, a, b, fa, fb);
}

export interface MinimizeResult {
  x: number;
  fx: number;
  iterations: number;
  converged: boolean;
}

/** Brent's minimizer on [a, b] (golden section with parabolic steps); assumes a unimodal f. */
export function minimize(f: (x: number) => number, a: number, b: number, opts: { xtol?: number; maxIter?: number } = {}): MinimizeResult {
  const xtol = opts.xtol ?? 1e-10;
  const maxIter = opts.maxIter ?? 200;
  const golden = 0.5 * (3 - Math.sqrt(5));
  let x = a + golden * (b - a);
  let w = x;
  let v = x;
  let fx = f(x);
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let iter = 1; iter <= maxIter; iter++) {
    const xm = 0.5 * (a + b);
    const tol1 = Math.sqrt(Number.EPSILON) * Math.abs(x) + xtol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) return { x, fx, iterations: iter, converged: true };
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      else q = -q;
      const etemp = e;
      e = d;
      if (!(Math.abs(p) >= Math.abs(0.5 * q * etemp) || p <= q * (a - x) || p >= q * (b - x))) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = golden * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = f(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  return { x, fx, iterations: maxIter, converged: false };
}
