import { describe, expect, it } from 'vitest';
import { aggregate, instanceSeed, type SimConfig, type TaskOutcome } from '../../src/teacher-student/runner.js';

const config: SimConfig = { model: 'perceptron', prior: 'binary', setting: 'storage', algorithm: 'cpr', n: 11, alpha: 0.5, kappa: 0, maxSweeps: 10, runs: 2, sigmas: [0.1, 0.2], noiseSamples: 1, testPatterns: 1 };
const run = (success: boolean, le: number[]) => ({ success, trainError: success ? 0 : 0.2, sweeps: 3, seconds: 0, localEnergy: le });

describe('aggregation', () => {
  it('averages the runs of an instance first: standard errors are over independent instances', () => {
    const outcomes: TaskOutcome[] = [
      { sample: 0, instanceSeed: 1, runs: [run(true, [0.1, 0.3]), run(false, [9, 9])] },
      { sample: 1, instanceSeed: 2, runs: [run(true, [0.2, 0.5]), run(true, [0.4, 0.7])], overlapSolutions: 0.6 },
    ];
    const row = aggregate(config, 5, outcomes);
    expect(row.success_rate).toBe(0.75); // instance means 0.5 and 1
    expect(row.success_rate_se).toBeCloseTo(0.25, 15); // sd of (0.5, 1) / √2
    // local energy only over verified solutions: instance means (0.1, 0.3) at σ = 0.1 and (0.3, 0.6) at σ = 0.2
    expect(row['local_energy_s0.1']).toBeCloseTo(0.2, 15);
    expect(row['local_energy_s0.2']).toBeCloseTo(0.45, 15);
    expect(row.overlap_solutions).toBe(0.6);
    expect(row).toMatchObject({ alpha: 0.5, kappa: 0, n: 11, p: 6, samples: 2, seed: 5, algorithm: 'cpr' });
  });
  it('instances depend on (seed, N, α, sample) and not on the algorithm', () => {
    expect(instanceSeed(1, 101, 0.5, 0)).toBe(instanceSeed(1, 101, 0.5, 0));
    expect(new Set([instanceSeed(1, 101, 0.5, 0), instanceSeed(1, 101, 0.5, 1), instanceSeed(1, 101, 0.6, 0), instanceSeed(2, 101, 0.5, 0), instanceSeed(1, 201, 0.5, 0)]).size).toBe(5);
  });
});

describe('empirical local entropy of a found solution (--neighbourhood)', () => {
  it('counts the solutions at distance 1 and 2 of each verified solution, equal to a direct check of every flip set', async () => {
    const { runTask, instance, instanceSeed, aggregate } = await import('../../src/teacher-student/runner.js');
    const { countErrors } = await import('../../src/teacher-student/data.js');
    const { cpr } = await import('../../src/teacher-student/cpr.js');
    const { childSeed } = await import('../../src/math/rng.js');
    const config = { model: 'perceptron' as const, prior: 'binary' as const, setting: 'storage' as const, algorithm: 'cpr' as const, n: 25, alpha: 0.3, kappa: 0, maxSweeps: 2000, runs: 1, noiseSamples: 1, testPatterns: 1, neighbourhood: 2 };
    const out = runTask({ config, sample: 0, seed: 3 });
    expect(out.runs[0]!.success).toBe(true);
    // the same instance and run, checked flip set by flip set
    const data = instance(config, instanceSeed(3, 25, 0.3, 0));
    const w = cpr(data, { kappa: 0, maxSweeps: 2000, seed: childSeed(instanceSeed(3, 25, 0.3, 0), 1, 0) }).w;
    let n1 = 0;
    let n2 = 0;
    for (let i = 0; i < 25; i++) {
      w[i] = -w[i]!;
      if (countErrors(w, data) === 0) n1++;
      for (let j = i + 1; j < 25; j++) {
        w[j] = -w[j]!;
        if (countErrors(w, data) === 0) n2++;
        w[j] = -w[j]!;
      }
      w[i] = -w[i]!;
    }
    expect(out.runs[0]!.neighbours).toEqual([n1, n2]);
    const row = aggregate(config, 3, [out]);
    expect(row.neighbour_fraction_1).toBeCloseTo(n1 / 25, 12);
    expect(row.neighbour_fraction_2).toBeCloseTo(n2 / 300, 12);
  });
});
