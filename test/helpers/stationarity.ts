/**
 * The identity every saddle point must satisfy: the free entropy S(state) is stationary in each of its
 * parameters (order parameters and conjugates), checked by central differences. `step(v)` gives the
 * difference step at a parameter value v (default 1e-5).
 */
import { expect } from 'vitest';

export function expectStationary<T extends { [K in keyof T]: number }>(S: (change: Partial<T>) => number, state: T, tol: number, step: (v: number) => number = () => 1e-5): void {
  for (const k of Object.keys(state) as (keyof T & string)[]) {
    const h = step(state[k]);
    const dS = (S({ [k]: state[k] + h } as Partial<T>) - S({ [k]: state[k] - h } as Partial<T>)) / (2 * h);
    expect(Math.abs(dS), `∂S/∂${k}`).toBeLessThan(tol);
  }
}

/** A step relative to the distance of an overlap-like parameter from 0 and from ±1. */
export const overlapStep = (v: number): number => 1e-5 * Math.max(1e-2, Math.min(Math.abs(v), 1 - Math.abs(v) || 1));
