import { describe, expect, it } from 'vitest';
import { hermiteRule, symmetricTridiagonalEigenvalues } from '../../src/math/hermite.js';
import { adaptiveGaussian, correlatedMean, hermite, logMeanExp } from '../../src/math/gauss.js';
import { integrate } from '../../src/math/kronrod.js';
import { logH, H } from '../../src/math/special.js';

const doubleFactorial = (k: number): number => (k <= 0 ? 1 : k * doubleFactorial(k - 2));

describe('Gauss-Hermite rules (Golub-Welsch + Christoffel weights)', () => {
  it('integrate E z^{2k} = (2k−1)!! exactly for 2k ≤ 2n−1, and odd moments vanish', () => {
    for (const n of [3, 8, 21, 60, 201]) {
      const { nodes, weights } = hermiteRule(n);
      for (let k = 0; 2 * k <= 2 * n - 1 && k <= 30; k++) {
        let even = 0;
        let odd = 0;
        for (let i = 0; i < n; i++) {
          even += weights[i]! * nodes[i]! ** (2 * k);
          odd += weights[i]! * nodes[i]! ** (2 * k + 1);
        }
        const exact = doubleFactorial(2 * k - 1);
        expect(Math.abs(even / exact - 1)).toBeLessThan(1e-12);
        expect(Math.abs(odd) / doubleFactorial(2 * k + 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('is not exact beyond degree 2n−1 (the test above can fail)', () => {
    const { nodes, weights } = hermiteRule(3);
    let m6 = 0;
    for (let i = 0; i < 3; i++) m6 += weights[i]! * nodes[i]! ** 6;
    expect(Math.abs(m6 - 15)).toBeGreaterThan(1);
  });

  it('has the known 3-point nodes ±√3 and weights 1/6, 2/3, 1/6', () => {
    const r = hermiteRule(3);
    expect(r.nodes[2]).toBeCloseTo(Math.sqrt(3), 15);
    expect(r.nodes[1]).toBe(0);
    expect(r.weights[0]).toBeCloseTo(1 / 6, 15);
    expect(r.weights[1]).toBeCloseTo(2 / 3, 15);
  });

  it('gives far-tail weights with full relative precision (log-domain Christoffel numbers)', () => {
    // For the n-point rule the largest node's weight equals 1/(n p_{n−1}(x)²); check against the sum
    // Σ_k p_k(x)² form at n = 40, where direct evaluation is still safe.
    const n = 40;
    const r = hermiteRule(n);
    const x = r.nodes[n - 1]!;
    let pPrev = 0;
    let p = 1;
    let sum = 1;
    for (let k = 0; k < n - 1; k++) {
      const next = (x * p - Math.sqrt(k) * pPrev) / Math.sqrt(k + 1);
      pPrev = p;
      p = next;
      sum += p * p;
    }
    expect(Math.abs(r.weights[n - 1]! * sum - 1)).toBeLessThan(1e-12);
  });

  it('tridiagonal eigenvalues of a known matrix', () => {
    // diag 2, off-diag −1 (n = 5): eigenvalues 2 − 2cos(kπ/6).
    const ev = symmetricTridiagonalEigenvalues([2, 2, 2, 2, 2], [-1, -1, -1, -1]);
    const exact = [1, 2, 3, 4, 5].map((k) => 2 - 2 * Math.cos((k * Math.PI) / 6)).sort((a, b) => a - b);
    for (let i = 0; i < 5; i++) expect(ev[i]).toBeCloseTo(exact[i]!, 14);
  });

  it('rejects invalid orders', () => {
    expect(() => hermiteRule(0)).toThrow(/order/);
    expect(() => hermiteRule(2.5)).toThrow(/order/);
  });
});

describe('adaptive Gauss-Kronrod', () => {
  it('is exact for polynomials of degree ≤ 22 on one interval (checks the tabulated constants)', () => {
    for (const deg of [0, 1, 5, 13, 22]) {
      const r = integrate((x) => x ** deg, -1, 1, { maxIntervals: 1 });
      const exact = deg % 2 === 1 ? 0 : 2 / (deg + 1);
      expect(Math.abs(r.value - exact)).toBeLessThan(1e-15);
    }
  });

  it('handles kinks with breakpoints and infinite ranges', () => {
    const r = integrate((x) => Math.abs(x - 0.3), -1, 1, { breakpoints: [0.3] });
    expect(r.value).toBeCloseTo((1.3 ** 2 + 0.7 ** 2) / 2, 14);
    expect(r.converged).toBe(true);
    const g = integrate((x) => Math.exp(-x * x), -Infinity, Infinity);
    expect(Math.abs(g.value - Math.sqrt(Math.PI))).toBeLessThan(1e-13);
    const t = integrate((x) => 1 / (1 + x * x), 0, Infinity);
    expect(Math.abs(t.value - Math.PI / 2)).toBeLessThan(1e-12);
    const l = integrate((x) => Math.exp(x), -Infinity, 0);
    expect(Math.abs(l.value - 1)).toBeLessThan(1e-13);
  });

  it('reports non-convergence instead of hiding it', () => {
    const r = integrate((x) => 1 / Math.sqrt(Math.abs(x - 1 / Math.PI)), -1, 1, { maxIntervals: 10, epsRel: 1e-14 });
    expect(r.converged).toBe(false);
    expect(r.error).toBeGreaterThan(0);
  });
});

describe('Gaussian measures', () => {
  it('E ln Φ(z) = −1 (Φ(z) is uniform) with both rules', () => {
    const f = (z: number) => logH(-z);
    expect(Math.abs(hermite(201).mean(f) + 1)).toBeLessThan(1e-12);
    expect(Math.abs(adaptiveGaussian().mean(f) + 1)).toBeLessThan(1e-12);
  });

  it('the adaptive rule resolves a kink of width 1e-6 that a fixed rule cannot', () => {
    // E[H((a − z)/ε)] → Φ(a) as ε → 0; exact value for any ε: Φ(a/√(1+ε²)).
    const eps = 1e-6;
    const a = 0.37;
    const f = (z: number) => H((z - a) / eps);
    const exact = H(-a / Math.sqrt(1 + eps * eps));
    expect(Math.abs(adaptiveGaussian().mean(f, { breakpoints: [a] }) - exact)).toBeLessThan(1e-12);
    expect(Math.abs(hermite(201).mean(f) - exact)).toBeGreaterThan(1e-6);
  });

  it('logMeanExp: ln E e^{tz} = t²/2 with e^{tz} far beyond double range at the nodes', () => {
    expect(logMeanExp((z) => 3 * z)).toBeCloseTo(4.5, 12);
    expect(logMeanExp((z) => 40 * z + 0.1, 601)).toBeCloseTo(800.1, 9);
    // The rule only sees the Gaussian-weighted mass within its nodes (±27.4 at n = 201): a tilt that
    // moves the mass to z = 40 is out of its reach, and the result says so by being wrong.
    expect(Math.abs(logMeanExp((z) => 40 * z, 201) - 800)).toBeGreaterThan(1);
  });

  it('correlated 2-D means: E[xy] = ρ, E[x²y²] = 1 + 2ρ², P(x>0, y>0) = ¼ + arcsin(ρ)/(2π)', () => {
    for (const rho of [-0.9, 0, 0.4, 0.99]) {
      expect(correlatedMean((x, y) => x * y, rho)).toBeCloseTo(rho, 12);
      expect(correlatedMean((x, y) => x * x * y * y, rho)).toBeCloseTo(1 + 2 * rho * rho, 11);
      // P(x > 0, y > 0) with y integrated out analytically: E_x[Θ(x) H(−ρx/√(1−ρ²))].
      const quadrant = adaptiveGaussian().mean((x) => (x > 0 ? H((-rho * x) / Math.sqrt(1 - rho * rho)) : 0), { breakpoints: [0] });
      expect(quadrant).toBeCloseTo(0.25 + Math.asin(rho) / (2 * Math.PI), 12);
    }
  });
});
