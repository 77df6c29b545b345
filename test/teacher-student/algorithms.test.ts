/** Each lab algorithm solves a small easy instance; solutions are verified against every pattern. */
import { describe, expect, it } from 'vitest';
import { algorithms } from '../../src/teacher-student/algorithms.js';
import { countErrors, storageData, teacherStudentData } from '../../src/teacher-student/data.js';
import { focusField } from '../../src/teacher-student/fbp.js';
import { verifySolution } from '../../src/teacher-student/observables.js';
import { runTask, type SimConfig } from '../../src/teacher-student/runner.js';

describe('binary perceptron algorithms (storage, well below α_KM = 0.833)', () => {
  const data = storageData(11, 101, 30); // α ≈ 0.3
  for (const name of ['cpr', 'sbpi', 'sa', 'fbp'] as const) {
    it(`${name} finds a verified solution at α = 0.3, N = 101`, () => {
      const r = algorithms[name].train(data, { kappa: 0, maxSweeps: algorithms[name].maxSweeps, seed: 3 }, 'binary');
      expect(verifySolution(r.w, data, { kappa: 0 }, 'binary')).toBe(true);
      expect(r.errors).toBe(0);
    });
  }
  it('with a margin κ = 0.2 the solutions have every stability above κ (cpr, sbpi, fbp)', () => {
    const d = storageData(12, 101, 20);
    for (const name of ['cpr', 'sbpi', 'fbp'] as const) {
      const r = algorithms[name].train(d, { kappa: 0.2, maxSweeps: algorithms[name].maxSweeps, seed: 1 }, 'binary');
      expect(countErrors(r.w, d, 0.2)).toBe(0);
    }
  });
  it('a claimed solution that is not ±1 or misses a pattern is rejected by the verifier', () => {
    const r = algorithms.cpr.train(data, { kappa: 0, maxSweeps: 5000, seed: 3 }, 'binary');
    const bad = Float64Array.from(r.w);
    bad[0] = 0.5;
    expect(verifySolution(bad, data, { kappa: 0 }, 'binary')).toBe(false);
    const flipped = r.w.map((v) => -v); // −w misclassifies every pattern
    expect(verifySolution(flipped, data, { kappa: 0 }, 'binary')).toBe(false);
  });
  it('fBP focusing field: zero for one replica, (y − 1)H at tanh γ = 1, odd in H', () => {
    expect(focusField(0.7, 0.5, 1)).toBe(0);
    expect(focusField(0.7, 1, 4)).toBeCloseTo(2.1, 14);
    expect(focusField(-0.7, 0.6, 4)).toBeCloseTo(-focusField(0.7, 0.6, 4), 14);
    // weak coupling: f ≈ tanh²γ (y − 1) H for small H and γ
    expect(focusField(1e-3, 0.1, 3) / (0.01 * 2 * 1e-3)).toBeCloseTo(1, 3);
  });
});

describe('spherical perceptron and committee algorithms', () => {
  it('hinge (perceptron rule) separates α = 1 < α_c = 2, also with margin κ = 0.3 < κ_c(1) ≈ 0.4', () => {
    const d = storageData(5, 101, 101);
    for (const kappa of [0, 0.3]) {
      const r = algorithms.hinge.train(d, { kappa, maxSweeps: 20000, seed: 2 }, 'spherical');
      expect(verifySolution(r.w, d, { kappa }, 'spherical')).toBe(true);
      expect(r.w.reduce((s, v) => s + v * v, 0)).toBeCloseTo(101, 8);
    }
  });
  it('least-action learns a tree committee K = 3 (binary and spherical weights) at α = 0.3, storage', () => {
    const d = storageData(8, 99, 30);
    for (const prior of ['binary', 'spherical'] as const) {
      const r = algorithms['least-action'].train(d, { kappa: 0, maxSweeps: 5000, seed: 4, k: 3 }, prior);
      expect(verifySolution(r.w, d, { kappa: 0, k: 3 }, prior)).toBe(true);
    }
  });
  it('gibbs returns a point of the version space (teacher-student, α = 2)', () => {
    const d = teacherStudentData(9, 60, 120, { prior: 'spherical' });
    const r = algorithms.gibbs.train(d, { kappa: 0, maxSweeps: 1000, seed: 1, params: { burnin: 5 } }, 'spherical');
    expect(verifySolution(r.w, d, { kappa: 0 }, 'spherical')).toBe(true);
  });
});

describe('reproducibility', () => {
  const config: SimConfig = { model: 'perceptron', prior: 'binary', setting: 'teacher-student', algorithm: 'cpr', n: 61, alpha: 0.5, kappa: 0, maxSweeps: 2000, runs: 2, sigmas: [0.2], noiseSamples: 20, testPatterns: 500 };
  it('a seeded task gives the same outcome bit for bit (all algorithms share the instance)', () => {
    const strip = (o: ReturnType<typeof runTask>) => ({ ...o, runs: o.runs.map(({ seconds: _s, ...r }) => r) });
    const a = strip(runTask({ config, sample: 3, seed: 42 }));
    const b = strip(runTask({ config, sample: 3, seed: 42 }));
    expect(a).toEqual(b);
    const c = runTask({ config: { ...config, algorithm: 'sbpi' }, sample: 3, seed: 42 });
    expect(c.instanceSeed).toBe(a.instanceSeed);
    for (const name of ['cpr', 'sbpi', 'sa', 'fbp'] as const) {
      const d = storageData(1, 41, 10);
      const r1 = algorithms[name].train(d, { kappa: 0, maxSweeps: 200, seed: 9 }, 'binary');
      const r2 = algorithms[name].train(d, { kappa: 0, maxSweeps: 200, seed: 9 }, 'binary');
      expect(Array.from(r1.w)).toEqual(Array.from(r2.w));
      expect(r1.sweeps).toBe(r2.sweeps);
    }
  });
});
