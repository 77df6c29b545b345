import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { G, GoverH, H, logAddExp, logG, logH, logHAndMills, logSumExp, log2cosh, binaryEntropy, Phi } from '../../src/math/special.js';

/** Asymptotic series ln H(x) = ln G(x) − ln x + ln(1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − 945/x¹⁰), x → ∞. */
function logHAsymptotic(x: number): number {
  const y = 1 / (x * x);
  const series = 1 - y * (1 - 3 * y * (1 - 5 * y * (1 - 7 * y * (1 - 9 * y))));
  return logG(x) - Math.log(x) + Math.log(series);
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('Gaussian tail H and ln H', () => {
  it('matches tabulated values', () => {
    // H(1) = 0.15865525393145705, H(3) = 1.3498980316300946e-3, H(10) = 7.619853024160527e-24
    expect(rel(H(1), 0.15865525393145705)).toBeLessThan(1e-15);
    expect(rel(H(3), 1.3498980316300946e-3)).toBeLessThan(1e-14);
    expect(rel(H(10), 7.619853024160527e-24)).toBeLessThan(1e-14);
    expect(rel(logH(10), Math.log(7.619853024160527e-24))).toBeLessThan(1e-15);
  });

  it('follows the asymptotic series far in the right tail, to 1e-14 relative, up to x = 1e4', () => {
    for (const x of [20, 50, 100, 300, 1000, 3000, 1e4]) {
      expect(rel(logH(x), logHAsymptotic(x))).toBeLessThan(x >= 50 ? 1e-14 : 1e-12);
    }
    // ln H(x) is finite where H itself underflows.
    expect(H(40)).toBe(0);
    expect(Number.isFinite(logH(1e4))).toBe(true);
  });

  it('is accurate far in the left tail: ln H(−x) = ln(1 − H(x)) = −h − h²/2 − h³/3 − …, h = H(x)', () => {
    for (const x of [5, 10, 20, 38]) {
      const h = H(x);
      expect(rel(logH(-x), -h - (h * h) / 2 - (h * h * h) / 3)).toBeLessThan(1e-14);
    }
    expect(logH(-1e4)).toBe(-0);
  });

  it('satisfies H(x) + H(−x) = 1 and Φ(x) = H(−x)', () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), (x) => {
        expect(Math.abs(H(x) + H(-x) - 1)).toBeLessThan(2e-16);
        expect(Phi(x)).toBe(H(-x));
      }),
    );
  });

  it('is strictly decreasing, with ln H increasing towards 0 from the right', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 1e-6, max: 10, noNaN: true }), (x, dx) => {
        expect(logH(x + dx)).toBeLessThan(logH(x) + 1e-300);
      }),
    );
  });
});

describe('G/H (inverse Mills ratio)', () => {
  it('equals −d ln H/dx (central differences)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 200, noNaN: true }), (x) => {
        const h = 1e-5;
        const fd = -(logH(x + h) - logH(x - h)) / (2 * h);
        expect(rel(GoverH(x), fd)).toBeLessThan(1e-6);
      }),
    );
  });

  it('is continuous at 0 and grows like x + 1/x − 2/x³ at large x', () => {
    expect(rel(GoverH(0), Math.sqrt(2 / Math.PI))).toBeLessThan(1e-15);
    expect(rel(GoverH(-1e-300), GoverH(1e-300))).toBeLessThan(1e-15);
    for (const x of [100, 1000, 1e4]) {
      const asym = x + 1 / x - 2 / x ** 3 + 10 / x ** 5;
      expect(rel(GoverH(x), asym)).toBeLessThan(1e-14);
    }
  });

  it('equals G(x)/H(x) where both are representable', () => {
    for (const x of [-5, -1, 0.5, 2, 7, 20]) expect(rel(GoverH(x), G(x) / H(x))).toBeLessThan(1e-13);
  });
});

describe('ln 2cosh and log-sum-exp', () => {
  it('ln 2cosh is even, ≥ ln 2, and exact at extremes', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        expect(log2cosh(x)).toBe(log2cosh(-x));
        expect(log2cosh(x)).toBeGreaterThanOrEqual(Math.LN2 - 1e-16);
      }),
    );
    expect(log2cosh(0)).toBe(Math.LN2);
    expect(log2cosh(1e4)).toBe(1e4);
    expect(rel(log2cosh(1.3), Math.log(2 * Math.cosh(1.3)))).toBeLessThan(1e-15);
  });

  it('logSumExp does not overflow and reduces to ln Σ e^v', () => {
    expect(logSumExp([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(rel(logSumExp([0.1, -0.3, 2]), Math.log(Math.exp(0.1) + Math.exp(-0.3) + Math.exp(2)))).toBeLessThan(1e-15);
    expect(logSumExp([])).toBe(-Infinity);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 12);
  });

  it('binary entropy: H₂(½) = ln 2, symmetric, zero at the ends', () => {
    expect(binaryEntropy(0.5)).toBe(Math.LN2);
    expect(binaryEntropy(0)).toBe(0);
    expect(rel(binaryEntropy(0.1), binaryEntropy(0.9))).toBeLessThan(1e-15);
  });
});

describe('logHAndMills', () => {
  it('equals logH and GoverH (one erfcx instead of two) from the far left tail to the far right tail', () => {
    const m = new Float64Array(1);
    for (let x = -40; x <= 40; x += 0.37) {
      for (const y of [x, x / 100]) {
        const l = logHAndMills(y, m);
        expect(Math.abs(l - logH(y))).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(logH(y))));
        // left tail: both roundings of e^{−x²/2} carry a relative error ~ x²ε; G is subnormal below x ≈ −37
        expect(Math.abs(m[0]! - GoverH(y))).toBeLessThanOrEqual(1e-15 * (1 + y * y) * GoverH(y) + 1e-300);
      }
    }
    expect(logHAndMills(0, m)).toBeCloseTo(-Math.LN2, 15);
    expect(m[0]).toBeCloseTo(Math.sqrt(2 / Math.PI), 15);
  });
});
