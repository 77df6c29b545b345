/**
 * Exact enumeration (issue #5 item 3) against brute force: every w ∈ {±1}^N checked with countErrors from
 * data.ts (row-major patterns, stabilities from scratch: independent of the column-major traversal), for
 * the solution sets, the distance profile around the reference, the version-space statistics and the
 * neighbourhood counts. Physics: the instance average of the count is the annealed value 2^N H(κ)^P.
 */
import { describe, expect, it } from 'vitest';
import { H } from '../../src/math/special.js';
import { countErrors, preActivation, storageData, teacherStudentData, testSet, type Dataset } from '../../src/teacher-student/data.js';
import {
  analyzeInstance,
  columnsOf,
  enumerateStudy,
  forEachSolution,
  forEachSolutionGray,
  maskOf,
  neighbourhoodCounts,
  popcount,
  weightsOf,
} from '../../src/teacher-student/enumeration.js';

/** All solutions by the definition: w with no pattern at stability ≤ κ. */
function bruteForce(data: Dataset, kappa: number): number[] {
  const out: number[] = [];
  for (let m = 0; m < 2 ** data.n; m++) if (countErrors(weightsOf(m, data.n), data, kappa) === 0) out.push(m);
  return out;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const collect = (f: typeof forEachSolution, data: Dataset, kappa: number, innerBits?: number) => {
  const out: number[] = [];
  const s = f(columnsOf(data), kappa, (m) => out.push(m), innerBits === undefined ? {} : { innerBits });
  expect(s.count).toBe(out.length);
  expect(s.configurations).toBe(2 ** data.n);
  return sorted(out);
};

describe('enumeration of {±1}^N', () => {
  it('finds exactly the brute-force solution set (storage and teacher-student, κ < 0, = 0, > 0; N = 1 … 13; inner tables of 2^12 and 2^3)', () => {
    for (const n of [1, 2, 3, 5, 8, 11, 13]) {
      for (const kappa of [-0.4, 0, 0.25]) {
        for (const data of [storageData(100 + n, n, Math.max(1, Math.round(0.6 * n))), teacherStudentData(200 + n, n, Math.max(1, Math.round(0.8 * n)), { prior: 'binary' })]) {
          const ref = bruteForce(data, kappa);
          expect(collect(forEachSolution, data, kappa)).toEqual(ref);
          expect(collect(forEachSolutionGray, data, kappa)).toEqual(ref);
          expect(collect(forEachSolution, data, kappa, 3)).toEqual(ref); // long outer Gray-code walk
        }
      }
    }
  });

  it('N = 19: the plain Gray code (resynchronized every 2^16 steps) and the split traversal (inner 2^12, and 2^1: 2^17 outer steps, resynchronized) agree', () => {
    const data = storageData(19, 19, 9);
    const ref = collect(forEachSolutionGray, data, 0.05);
    expect(ref.length).toBeGreaterThan(10);
    expect(collect(forEachSolution, data, 0.05)).toEqual(ref);
    expect(collect(forEachSolution, data, 0.05, 1)).toEqual(ref);
  });

  it('κ: counts fall monotonically with κ, from 2^N (κ below every stability) to 0 (above every one)', () => {
    const data = storageData(5, 12, 6);
    const counts = [-100, -1, -0.5, 0, 0.3, 0.6, 100].map((k) => forEachSolution(columnsOf(data), k).count);
    expect(counts[0]).toBe(2 ** 12);
    expect(counts.at(-1)).toBe(0);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeLessThanOrEqual(counts[i - 1]!);
    // κ < 0: w and −w can both be solutions (the symmetric half-space is decided for both signs).
    const loose = new Set(bruteForce(data, -1));
    const both = [...loose].filter((m) => loose.has((~m & 0xfff) >>> 0));
    expect(both.length).toBeGreaterThan(0);
  });

  it('masks, weights and popcount are consistent', () => {
    for (const m of [0, 1, 5, 0xabc, 2 ** 30 - 1]) expect(maskOf(weightsOf(m, 30))).toBe(m);
    expect(popcount(0)).toBe(0);
    expect(popcount(2 ** 30 - 1)).toBe(30);
    expect(popcount(0b1011001)).toBe(4);
  });
});

describe('exact quantities of an instance', () => {
  it('distance profile around the reference = histogram of brute-force distances; the reference is a solution', () => {
    for (const seed of [1, 2, 3]) {
      const data = storageData(seed, 12, 5);
      const sols = bruteForce(data, 0);
      const r = analyzeInstance(data, { kappa: 0, localEntropy: true, referenceSeed: seed, keepSolutions: true });
      expect(r.count).toBe(sols.length);
      expect(r.entropy).toBeCloseTo(Math.log(sols.length) / 12, 14);
      expect(sols).toContain(r.reference);
      const hist = new Array<number>(13).fill(0);
      for (const m of sols) {
        let d = 0;
        for (let i = 0; i < 12; i++) if (((m >>> i) & 1) !== ((r.reference! >>> i) & 1)) d++;
        hist[d]!++;
      }
      expect(r.distanceCounts).toEqual(hist);
      expect(sorted(Array.from(r.solutions!))).toEqual(sols);
      // A cap below the count: the profile comes from further passes, and is the same.
      const capped = analyzeInstance(data, { kappa: 0, localEntropy: true, referenceSeed: seed, maxStored: 3 });
      expect(capped.reference).toBe(r.reference);
      expect(capped.distanceCounts).toEqual(hist);
    }
  });

  it('the reference is uniform over the solutions (χ² over 4000 seeds)', () => {
    // The first seeded instance with 3 … 30 solutions.
    let seed = 0;
    while (!((n) => n >= 3 && n <= 30)(bruteForce(storageData(seed, 10, 5), 0.3).length)) seed++;
    const data = storageData(seed, 10, 5);
    const sols = bruteForce(data, 0.3);
    const seen = new Map<number, number>();
    const draws = 4000;
    for (let s = 0; s < draws; s++) {
      const r = analyzeInstance(data, { kappa: 0.3, localEntropy: true, referenceSeed: s });
      seen.set(r.reference!, (seen.get(r.reference!) ?? 0) + 1);
    }
    const e = draws / sols.length;
    const chi2 = sols.reduce((c, m) => c + ((seen.get(m) ?? 0) - e) ** 2 / e, 0);
    // χ² with k − 1 dof: mean k − 1, sd √(2(k − 1)); 5 sd is a generous bound.
    expect(chi2).toBeLessThan(sols.length - 1 + 5 * Math.sqrt(2 * (sols.length - 1)));
  });

  it('version space: size, overlap histogram, Gibbs, majority-vote and barycenter errors equal the brute-force sums', () => {
    for (const [seed, n, p] of [[4, 11, 6], [5, 13, 13], [6, 9, 3]] as const) {
      const data = teacherStudentData(seed, n, p, { prior: 'binary' });
      const test = testSet(data, 300, seed + 50);
      const V = bruteForce(data, 0);
      const t = data.teacher!;
      const r = analyzeInstance(data, { kappa: 0, test });
      expect(r.count).toBe(V.length);
      const ws = V.map((m) => weightsOf(m, n));
      const R = ws.map((w) => w.reduce((s, wi, i) => s + wi * t[i]!, 0) / n);
      expect(r.teacher!.overlapMean).toBeCloseTo(R.reduce((a, b) => a + b, 0) / V.length, 13);
      expect(r.teacher!.epsGibbs).toBeCloseTo(R.reduce((a, b) => a + Math.acos(b) / Math.PI, 0) / V.length, 13);
      const hist = new Array<number>(n + 1).fill(0);
      for (const x of R) hist[Math.round(((1 - x) * n) / 2)]!++;
      expect(r.teacher!.teacherDistanceCounts).toEqual(hist);
      expect(hist[0]).toBe(1); // the teacher itself (κ = 0)
      let errors = 0;
      for (let nu = 0; nu < test.p; nu++) {
        const vote = ws.reduce((s, w) => s + (preActivation(w, test.x, nu, n) > 0 ? 1 : -1), 0);
        errors += vote === 0 ? 0.5 : Math.sign(vote) === test.y[nu] ? 0 : 1;
      }
      expect(r.teacher!.epsBayes).toBeCloseTo(errors / test.p, 14);
      const m = new Float64Array(n);
      for (const w of ws) for (let i = 0; i < n; i++) m[i]! += w[i]! / V.length;
      const mt = m.reduce((s, mi, i) => s + mi * t[i]!, 0);
      const mm = m.reduce((s, mi) => s + mi * mi, 0);
      expect(r.teacher!.epsBarycenter).toBeCloseTo(Math.acos(mt / Math.sqrt(mm * n)) / Math.PI, 13);
    }
  });
});

describe('neighbourhoodCounts', () => {
  it('equals the full enumeration profile for k ≤ K, around a solution and around any w', () => {
    const data = storageData(12, 13, 5);
    const sols = bruteForce(data, 0.1);
    const dist = (a: number, b: number) => popcount(a ^ b);
    for (const center of [sols[0]!, sols[sols.length >> 1]!, 0x0f0f, 0]) {
      const c = neighbourhoodCounts(weightsOf(center, 13), data, 0.1, 4);
      const expected = [0, 1, 2, 3, 4].map((k) => sols.filter((m) => dist(m, center) === k).length);
      expect(c).toEqual(expected);
    }
  });

  it('larger N (N = 40, K = 2): every flip set checked from scratch', () => {
    // Around the teacher (a solution at κ = 0) and a configuration 3 flips away from it.
    const data = teacherStudentData(13, 40, 8, { prior: 'binary' });
    for (const w of [data.teacher!, weightsOf(maskOf(data.teacher!) ^ 0b10011, 40)]) {
    const ok = (v: Float64Array) => countErrors(v, data, 0) === 0;
    const expected = [ok(w) ? 1 : 0, 0, 0];
    for (let i = 0; i < 40; i++) {
      const v = Float64Array.from(w);
      v[i] = -v[i]!;
      if (ok(v)) expected[1]!++;
      for (let j = i + 1; j < 40; j++) {
        const u = v.slice();
        u[j] = -u[j]!;
        if (ok(u)) expected[2]!++;
      }
    }
    expect(neighbourhoodCounts(w, data, 0, 2)).toEqual(expected);
    expect(expected[1]! + expected[2]!).toBeGreaterThan(0);
    }
  });

  it('rejects a non-±1 w, a wrong length and an out-of-range distance', () => {
    const data = storageData(1, 5, 2);
    expect(() => neighbourhoodCounts([1, 1, 1, 1, 0.5], data, 0, 1)).toThrow(/±1/);
    expect(() => neighbourhoodCounts([1, 1], data, 0, 1)).toThrow(/entries/);
    expect(() => neighbourhoodCounts([1, 1, 1, 1, 1], data, 0, 6)).toThrow(/maxDistance/);
  });
});

describe('averages over instances', () => {
  it('the mean count is the annealed 2^N H(κ)^P (storage) and Σ_k C(N,k)(1 − arccos(1 − 2k/N)/π)^P (teacher-student)', async () => {
    const n = 12;
    const p = 6;
    for (const kappa of [0, 0.3]) {
      const s = await enumerateStudy({ setting: 'storage', n, alpha: p / n, kappa, samples: 300, seed: 3 });
      const annealed = 2 ** n * H(kappa) ** p;
      expect(Math.abs(s.meanCount.mean - annealed)).toBeLessThan(4 * s.meanCount.se);
    }
    const t = await enumerateStudy({ setting: 'teacher-student', n, alpha: 1, samples: 300, seed: 4, testSize: 50 });
    let annealed = 0;
    let binom = 1;
    for (let k = 0; k <= n; k++) {
      annealed += binom * (1 - Math.acos(1 - (2 * k) / n) / Math.PI) ** n; // P = αN = N patterns
      binom = (binom * (n - k)) / (k + 1);
    }
    expect(Math.abs(t.meanCount.mean - annealed)).toBeLessThan(4 * t.meanCount.se);
    expect(t.noSolution).toBe(0); // the teacher is always in its version space
    const fr = t.teacher!.overlapDistribution.reduce((a, b) => a + b.fraction, 0);
    expect(fr).toBeCloseTo(1, 12);
    expect(t.teacher!.teacherWeight.mean).toBeCloseTo(t.teacher!.overlapDistribution[0]!.fraction, 12);
    // One instance: the teacher has ε = 0, so ε_G·|V| = ε_G(V without the teacher)·(|V| − 1).
    const one = await enumerateStudy({ setting: 'teacher-student', n: 10, alpha: 0.5, samples: 1, seed: 6, testSize: 10 });
    const c = one.meanCount.mean;
    expect(c).toBeGreaterThan(1);
    expect(one.teacher!.epsGibbsOthers.mean * (c - 1)).toBeCloseTo(one.teacher!.epsGibbs.mean * c, 12);
  });

  it('instances without a solution are counted, not averaged; seeded runs are reproducible (--jobs: enumeration-cli.test.ts)', async () => {
    const req = { setting: 'storage' as const, n: 10, alpha: 1.2, samples: 24, seed: 8, localEntropy: true };
    const a = await enumerateStudy(req);
    expect(a.noSolution).toBeGreaterThan(0);
    expect(a.entropy.n).toBe(24 - a.noSolution);
    const b = await enumerateStudy(req);
    const strip = (s: typeof a) => ({ ...s, cpuSeconds: 0, configurationsPerSecond: 0 });
    expect(strip(b)).toEqual(strip(a));
  });
});
