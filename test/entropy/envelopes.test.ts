/**
 * Moreau envelopes M_f(x; Δ) = max_β [f(x + β) − β²/(2Δ)] (entropy/envelopes.ts): M' = f'(x + β*),
 * M'' = f''/(1 − Δf''), ∂_Δ M = β*²/(2Δ²) against finite differences; the maximum is global (a grid search
 * cannot beat it), including ln 2cosh with Δ > 1 where three stationary points exist and M has a kink.
 */
import { describe, expect, it } from 'vitest';
import { kernelEnvelope, log2coshEnvelope, newEnvelope, type Envelope } from '../../src/entropy/envelopes.js';
import { log2cosh, logH } from '../../src/math/special.js';
import { log2coshKink } from '../../src/entropy/large-deviation-terms.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);

function check(env: (x: number, delta: number, out: Envelope) => Envelope, f: (x: number) => number, xs: number[], deltas: number[]) {
  for (const delta of deltas) {
    for (const x of xs) {
      const e = env(x, delta, newEnvelope());
      const M = (y: number) => env(y, delta, newEnvelope()).value;
      expect(rel(e.d1, central(M, x, 1e-6))).toBeLessThan(1e-6);
      expect(rel(e.d2, central((y) => env(y, delta, newEnvelope()).d1, x, 1e-6))).toBeLessThan(1e-5);
      expect(rel((e.shift * e.shift) / (2 * delta * delta), central((dl) => env(x, dl, newEnvelope()).value, delta, 1e-6 * delta))).toBeLessThan(1e-6);
      // global maximum: no β on a fine grid does better
      let best = -Infinity;
      for (let b = -10; b <= 10; b += 1e-3) best = Math.max(best, f(x + b) - (b * b) / (2 * delta));
      expect(e.value).toBeGreaterThanOrEqual(best - 1e-9);
    }
  }
}

describe('Moreau envelopes', () => {
  it('of the perceptron kernel g = ln H((κ − ·)/√V) (concave)', () => {
    const kappa = 0.3;
    const sV = 0.2;
    check((x, d, o) => kernelEnvelope(kappa, sV, x, d, o), (w) => logH((kappa - w) / sV), [-2, -0.3, 0.25, 0.4, 1.5], [0.01, 0.3, 2]);
  });

  it('of ln 2cosh (convex), Δ < 1 and Δ > 1 away from the kink at 0', () => {
    check((x, d, o) => log2coshEnvelope(x, d, o), log2cosh, [-1.5, -0.2, 0.05, 0.7, 3], [0.3, 0.9]);
    check((x, d, o) => log2coshEnvelope(x, d, o), log2cosh, [-1.5, -0.2, 0.05, 0.7, 3], [1.7]);
  });

  it('for Δ > 1, M_L′ jumps at 0 by 2 tanh u0, u0 = Δ tanh u0', () => {
    for (const delta of [1.2, 2, 5]) {
      const jump = log2coshEnvelope(1e-12, delta, newEnvelope()).d1 - log2coshEnvelope(-1e-12, delta, newEnvelope()).d1;
      expect(jump).toBeCloseTo(log2coshKink(delta), 9);
    }
    expect(log2coshKink(0.9)).toBe(0);
  });
});
