import { describe, expect, it } from 'vitest';
import { branchEnd, broydenUpdate, continuation, crossing, fixedPoint, grid, hessian, NaNError, newton, symmetricEigenvalues, zeroOf } from '../../src/saddle/index.js';
import { brent, expandBracket, minimize, BracketError } from '../../src/math/roots.js';

const DOTTIE = 0.7390851332151607; // the fixed point of cos

describe('fixed-point solver', () => {
  it('finds x = cos x to the requested tolerance', () => {
    const r = fixedPoint((x) => [Math.cos(x[0]!)], [0], { tol: 1e-13 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.value[0]! - DOTTIE)).toBeLessThan(1e-12);
    expect(r.residual).toBeLessThanOrEqual(1e-13);
  });

  it('Anderson acceleration needs far fewer iterations on a slow linear contraction', () => {
    // x ← A x + b with spectral radius 0.99: plain iteration needs thousands of steps.
    const F = (x: Float64Array) => [0.99 * x[0]! + 0.01 * x[1]! + 1, -0.01 * x[0]! + 0.98 * x[1]! + 2];
    const plain = fixedPoint(F, [0, 0], { tol: 1e-10, maxIter: 100_000 });
    const acc = fixedPoint(F, [0, 0], { tol: 1e-10, anderson: 3 });
    expect(plain.converged && acc.converged).toBe(true);
    expect(acc.iterations * 20).toBeLessThan(plain.iterations);
    for (let i = 0; i < 2; i++) expect(acc.value[i]).toBeCloseTo(plain.value[i]!, 7);
  });

  it('reports an oscillation that never converges, and damping cures it', () => {
    const F = (x: Float64Array) => [1 - x[0]!];
    const r = fixedPoint(F, [0], { maxIter: 50 });
    expect(r.converged).toBe(false);
    expect(r.reason).toBe('max-iterations');
    expect(r.residual).toBeCloseTo(1, 12);
    const d = fixedPoint(F, [0], { damping: 0.5 });
    expect(d.converged).toBe(true);
    expect(d.value[0]).toBeCloseTo(0.5, 14);
    // adaptive damping finds its way from an undamped start
    const a = fixedPoint((x) => [2.5 - 1.5 * x[0]!], [0], { adaptive: true, maxIter: 500 });
    expect(a.converged).toBe(true);
    expect(a.value[0]).toBeCloseTo(1, 10);
  });

  it('throws a NaNError naming the parameters that produced it', () => {
    try {
      fixedPoint((x) => [Math.log(x[0]!), 1], [-1, 2], { names: ['q', 'qhat'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(NaNError);
      expect((e as NaNError).message).toMatch(/q/);
      expect((e as NaNError).at).toEqual({ q: -1, qhat: 2 });
    }
  });
});

describe('Newton solver', () => {
  it('solves a coupled nonlinear system quadratically', () => {
    // x² + y² = 4, x·y = 1
    const r = newton((v) => [v[0]! ** 2 + v[1]! ** 2 - 4, v[0]! * v[1]! - 1], [2, 0.3], { tol: 1e-14 });
    expect(r.converged).toBe(true);
    expect(r.iterations).toBeLessThan(10);
    const [x, y] = r.value;
    expect(x! * x! + y! * y!).toBeCloseTo(4, 13);
    expect(x! * y!).toBeCloseTo(1, 13);
  });

  it('reports failure when there is no root', () => {
    const r = newton((v) => [v[0]! * v[0]! + 1], [0.5], { maxIter: 30 });
    expect(r.converged).toBe(false);
    expect(r.reason).toBeDefined();
  });

  it('respects a domain', () => {
    const r = newton((v) => [Math.log(v[0]!) + 2], [3], { inDomain: (v) => v[0]! > 0, tol: 1e-14 });
    expect(r.converged).toBe(true);
    expect(r.value[0]).toBeCloseTo(Math.exp(-2), 14);
  });
});

describe("Broyden's rank-one update", () => {
  it('satisfies the secant equation JΔx = Δf and leaves J unchanged on vectors orthogonal to Δx; a zero step changes nothing', () => {
    const J = [
      [2, 1, 0],
      [0, 3, -1],
      [1, 0, 4],
    ];
    const J0 = J.map((r) => [...r]);
    const dx = [0.3, -0.2, 0.5];
    const df = [1, -0.4, 2.2];
    broydenUpdate(J, dx, df);
    const mul = (M: number[][], v: number[]) => M.map((r) => r.reduce((a, x, k) => a + x * v[k]!, 0));
    mul(J, dx).forEach((v, i) => expect(v).toBeCloseTo(df[i]!, 14));
    const orth = [0.2, 0.3, 0]; // dx·orth = 0
    mul(J, orth).forEach((v, i) => expect(v).toBeCloseTo(mul(J0, orth)[i]!, 14));
    const before = J.map((r) => [...r]);
    broydenUpdate(J, [0, 0, 0], df);
    expect(J).toEqual(before);
  });
  it('recovers a linear map exactly from n steps along orthogonal directions', () => {
    const A = [
      [1, 2],
      [-3, 0.5],
    ];
    const J = [
      [1, 0],
      [0, 1],
    ];
    for (const dx of [
      [1, 1],
      [1, -1],
    ]) broydenUpdate(J, dx, A.map((r) => r[0]! * dx[0]! + r[1]! * dx[1]!));
    J.forEach((r, i) => r.forEach((v, k) => expect(v).toBeCloseTo(A[i]![k]!, 14)));
  });
});

describe('1-D root finding and minimization', () => {
  it('Brent finds roots to full precision and keeps a bracket', () => {
    const r = brent((x) => Math.cos(x) - x, 0, 1);
    expect(Math.abs(r.root - DOTTIE)).toBeLessThan(1e-14);
    expect(r.bracket[0]).toBeLessThanOrEqual(r.root);
    expect(r.bracket[1]).toBeGreaterThanOrEqual(r.root);
    expect(() => brent((x) => x * x + 1, -1, 1)).toThrow(BracketError);
  });

  it('expandBracket grows towards a sign change within limits', () => {
    const [a, b] = expandBracket((x) => x - 10, 0, 1);
    expect((a - 10) * (b - 10)).toBeLessThanOrEqual(0);
    expect(() => expandBracket((x) => x - 10, 0, 1, { upper: 5 })).toThrow(BracketError);
  });

  it('minimize finds the minimum of a smooth unimodal function', () => {
    const r = minimize((x) => (x - 0.3) ** 2 + Math.exp(x), -2, 2, { xtol: 1e-12 });
    // f′(x) = 2(x − 0.3) + e^x = 0; a minimizer resolves x only to ~√ε·|x| (f is flat at its minimum)
    expect(Math.abs(2 * (r.x - 0.3) + Math.exp(r.x))).toBeLessThan(1e-7);
  });
});

describe('continuation, hysteresis and transitions on the fold x³ − x + p = 0', () => {
  // Two stable-looking branches (x > 1/√3 and x < −1/√3) coexist for |p| < 2/(3√3) and end at folds.
  const FOLD = 2 / (3 * Math.sqrt(3));
  const solve = (p: number, guess: Float64Array | undefined) =>
    newton((v) => [v[0]! ** 3 - v[0]! + p], guess ?? [p < 0 ? 1.2 : -1.2], { tol: 1e-13, maxIter: 50 });
  // The upper branch is x > 1/√3; Newton can jump to the other branch past the fold: that is "beyond".
  const upperEnded = (v: Float64Array) => (v[0]! < 1 / Math.sqrt(3) ? 'jumped off the upper branch' : undefined);
  const lowerEnded = (v: Float64Array) => (v[0]! > -1 / Math.sqrt(3) ? 'jumped off the lower branch' : undefined);

  it('a sweep up follows the upper branch and stops at the fold, a sweep down the lower one', () => {
    const ps = grid(-0.6, 0.6, 0.01);
    const up = continuation({ params: ps, solve, start: Float64Array.of(1.2), ended: upperEnded });
    expect(up.ended).toBeDefined();
    expect(up.ended!.lastConverged!).toBeLessThanOrEqual(FOLD);
    expect(up.ended!.at).toBeGreaterThan(FOLD);
    const down = continuation({ params: [...ps].reverse(), solve, start: Float64Array.of(-1.2), ended: lowerEnded });
    expect(down.ended!.at).toBeLessThan(-FOLD);
    // Coexistence: at p = 0 both branches were found, with different x.
    const atZero = (b: typeof up) => b.points.find((pt) => Math.abs(pt.param) < 1e-12)!.value[0]!;
    expect(atZero(up)).toBeCloseTo(1, 12);
    expect(atZero(down)).toBeCloseTo(-1, 12);
  });

  it('branchEnd locates the spinodal by bisection on existence', () => {
    const t = branchEnd<Float64Array>({
      solve: (p, g) => solve(p, g),
      beyond: (v) => upperEnded(v) !== undefined,
      inside: 0,
      insideState: Float64Array.of(1),
      outside: 0.6,
      tol: 1e-9,
    });
    // Near a fold Newton's basin shrinks like √(p_c − p): the located end lies just below the fold.
    expect(Math.abs(t.value - FOLD)).toBeLessThan(1e-4);
    expect(t.bracket[1] - t.bracket[0]).toBeLessThanOrEqual(1e-9);
  });

  it('zeroOf and crossing return the location with criterion and tolerance', () => {
    const z = zeroOf((x) => x * x - 2, [0, 2], { tol: 1e-14, criterion: 'x² = 2' });
    expect(z.value).toBeCloseTo(Math.SQRT2, 14);
    expect(z.criterion).toBe('x² = 2');
    const c = crossing((x) => 2 * x, (x) => 1 + x * x / 4, [0, 1], { criterion: 'lines cross' });
    expect(2 * c.value).toBeCloseTo(1 + (c.value * c.value) / 4, 10);
  });

  it('grid includes both ends and rejects steps that point the wrong way', () => {
    expect(grid(0, 1, 0.25)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(grid(1, 0, -0.5)).toEqual([1, 0.5, 0]);
    expect(() => grid(0, 1, -0.1)).toThrow(/does not lead/);
    expect(() => grid(0, 1, 0)).toThrow(/non-zero/);
  });
});

describe('stability', () => {
  it('Hessian eigenvalues of a known quadratic form', () => {
    const f = (x: Float64Array) => 2 * x[0]! ** 2 + x[0]! * x[1]! + 0.5 * x[1]! ** 2;
    const ev = symmetricEigenvalues(hessian(f, [0.3, -0.2]));
    // [[4, 1], [1, 1]]: eigenvalues (5 ± √13)/2
    expect(ev[0]).toBeCloseTo((5 - Math.sqrt(13)) / 2, 6);
    expect(ev[1]).toBeCloseTo((5 + Math.sqrt(13)) / 2, 6);
  });
});
