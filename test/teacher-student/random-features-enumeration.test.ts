/**
 * Exact enumeration of the random-features version space (issue #8) against brute force: every w ∈ {±1}^N
 * decided by countErrors/preActivation of data.ts (row-major, fields from scratch: independent of the
 * column-major traversal and of the byte lookup tables), for the solution set, the Gibbs and majority-vote
 * test errors, with smooth (erf) and lattice (sign, even N: exact zero fields) features. Identities: the
 * Gibbs error is 1 − E_ν #V(P+ν)/#V(P); V shrinks when examples are added. Physics: typical students beat
 * chance and the majority vote beats them; the entropy per weight grows with γ (RS: 0.26, 0.37, 0.49 at
 * γ = 1.5, 2, 3 for erf, α_D = 1).
 */
import { describe, expect, it } from 'vitest';
import { activationByName } from '../../src/replica/activations.js';
import { featureMap } from '../../src/replica/random-features.js';
import { countErrors, preActivation, type Dataset } from '../../src/teacher-student/data.js';
import { columnsOf, forEachSolution, weightsOf } from '../../src/teacher-student/enumeration.js';
import { randomFeaturesData, randomFeaturesTestSet } from '../../src/teacher-student/random-features-data.js';
import {
  enumerateRandomFeatures,
  rfVersionSpace,
  runRFEnumeration,
  TIE,
  type RFEnumerationTask,
} from '../../src/teacher-student/random-features-enumeration.js';

const erf = featureMap(activationByName('erf'));
const sign = featureMap(activationByName('sign'));

/** Version space and test errors by the definitions, every configuration from scratch. */
function bruteForce(data: Dataset, test: Dataset) {
  const sols: number[] = [];
  let errSum = 0;
  const votes = new Float64Array(test.p);
  let trainTies = 0;
  for (let m = 0; m < 2 ** data.n; m++) {
    const w = weightsOf(m, data.n);
    for (let mu = 0; mu < data.p; mu++) if (Math.abs(preActivation(w, data.x, mu, data.n)) <= TIE) trainTies++;
    if (countErrors(w, data, TIE) > 0) continue;
    sols.push(m);
    for (let nu = 0; nu < test.p; nu++) {
      const h = preActivation(w, test.x, nu, test.n);
      if (Math.abs(h) <= TIE) errSum += 0.5;
      else {
        votes[nu]! += Math.sign(h);
        if (Math.sign(h) !== test.y[nu]) errSum++;
      }
    }
  }
  let bayes = 0;
  for (let nu = 0; nu < test.p; nu++) bayes += votes[nu] === 0 ? 0.5 : Math.sign(votes[nu]!) === test.y[nu] ? 0 : 1;
  return { sols, gibbs: sols.length ? errSum / (sols.length * test.p) : null, bayes: sols.length ? bayes / test.p : null, trainTies };
}

describe('random-features version space by enumeration', () => {
  it('equals brute force: solution set, Gibbs and majority-vote test errors (erf and sign features, N = 7 … 17: one to three lookup bytes, several solution batches)', () => {
    let tiesSeen = 0;
    let nonEmpty = 0;
    let maxCount = 0;
    for (const [act, features] of [['erf', erf], ['sign', sign]] as const) {
      for (const [d, n, p] of [
        [3, 7, 3],
        [4, 8, 4],
        [4, 10, 5],
        [5, 12, 4],
        [6, 14, 6],
        [4, 17, 1], // > 8192 solutions: the buffered batches are flushed mid-traversal
      ] as const) {
        for (let k = 0; k < 2; k++) {
          const data = randomFeaturesData(100 * n + k, { d, n, p, activation: activationByName(act), features });
          const test = randomFeaturesTestSet(data, n > 16 ? 10 : 150, 7 + k);
          const found: number[] = [];
          const r = rfVersionSpace(data, test, (m) => found.push(m));
          const b = bruteForce(data, test);
          expect([...found].sort((x, y) => x - y)).toEqual(b.sols);
          expect(r.count).toBe(b.sols.length);
          maxCount = Math.max(maxCount, r.count);
          if (b.sols.length > 0) {
            nonEmpty++;
            expect(r.entropy).toBeCloseTo(Math.log(b.sols.length) / n, 14);
            expect(Math.abs(r.epsGibbs! - b.gibbs!)).toBeLessThan(1e-12);
            expect(r.epsBayes).toBe(b.bayes);
          } else expect([r.entropy, r.epsGibbs, r.epsBayes]).toEqual([null, null, null]);
          if (act === 'sign' && n % 2 === 0) tiesSeen += b.trainTies;
          if (act === 'erf') expect(b.trainTies).toBe(0);
        }
      }
    }
    // The sign cases exercise exact zero fields (counted as training errors), the tests are not vacuous.
    expect(tiesSeen).toBeGreaterThan(0);
    expect(nonEmpty).toBeGreaterThan(12);
    expect(maxCount).toBeGreaterThan(8192);
  });

  it('Gibbs error = 1 − mean over test examples of #V(P ∪ {ν}) / #V(P) (traversal against lookup tables)', () => {
    const data = randomFeaturesData(5, { d: 8, n: 16, p: 6, activation: activationByName('erf'), features: erf });
    const test = randomFeaturesTestSet(data, 60, 11);
    const r = rfVersionSpace(data, test);
    expect(r.count).toBeGreaterThan(50);
    let ratio = 0;
    for (let nu = 0; nu < test.p; nu++) {
      const x = new Float64Array((data.p + 1) * data.n);
      x.set(data.x);
      x.set(test.x.subarray(nu * data.n, (nu + 1) * data.n), data.p * data.n);
      const y = Float64Array.of(...data.y, test.y[nu]!);
      ratio += forEachSolution(columnsOf({ ...data, p: data.p + 1, x, y }), TIE).count / r.count;
    }
    expect(Math.abs(r.epsGibbs! - (1 - ratio / test.p))).toBeLessThan(1e-12);
  });

  it('V(P) ⊆ V(P′) for P′ < P (randomFeaturesData: the first P′ examples of a seed are those of the smaller draw)', () => {
    const sets = [2, 4, 7].map((p) => {
      const data = randomFeaturesData(3, { d: 6, n: 14, p, activation: activationByName('erf'), features: erf });
      const s = new Set<number>();
      rfVersionSpace(data, randomFeaturesTestSet(data, 10, 1), (m) => s.add(m));
      return s;
    });
    expect(sets[0]!.size).toBeGreaterThan(sets[1]!.size);
    expect(sets[1]!.size).toBeGreaterThan(sets[2]!.size);
    for (const m of sets[2]!) expect(sets[1]!.has(m)).toBe(true);
    for (const m of sets[1]!) expect(sets[0]!.has(m)).toBe(true);
  });

  it('is reproducible from the seed; instances differ by index', async () => {
    const t: RFEnumerationTask = { activation: 'sign', features: sign, d: 5, n: 10, p: 5, seed: 9, index: 4, testSize: 300 };
    const a = runRFEnumeration(t);
    const b = runRFEnumeration(t);
    expect({ ...a, seconds: 0 }).toEqual({ ...b, seconds: 0 });
    const c = runRFEnumeration({ ...t, index: 5 });
    expect(c.dataSeed).not.toBe(a.dataSeed);
    const req = { activation: 'sign', alphaD: 1, gamma: 2, d: 5, samples: 6, seed: 9, testSize: 300, features: sign };
    const s1 = await enumerateRandomFeatures(req);
    const s2 = await enumerateRandomFeatures(req);
    expect({ ...s1, cpuSeconds: 0 }).toEqual({ ...s2, cpuSeconds: 0 });
    await expect(enumerateRandomFeatures({ ...req, d: 16 })).rejects.toThrow(/N = round/);
  });

  it('physics: typical students beat chance, their majority vote beats them, and ln|V|/N grows with γ (erf, α_D = 1, D = 5)', async () => {
    const at = (gamma: number) => enumerateRandomFeatures({ activation: 'erf', alphaD: 1, gamma, d: 5, samples: 30, seed: 21, testSize: 400, features: erf });
    const lo = await at(1.6);
    const hi = await at(3);
    // RS at γ = 3: ε_G = 0.359, ε_B = 0.284 (chance 0.5); finite D only lowers them (docs/random-features.md).
    expect(hi.noSolution).toBe(0);
    expect(hi.epsGibbs.mean).toBeLessThan(0.5 - 5 * hi.epsGibbs.se);
    const diff = hi.epsGibbs.mean - hi.epsBayes.mean;
    expect(diff).toBeGreaterThan(0.02);
    // RS entropies 0.256 (γ = 1.5) and 0.486 (γ = 3): N = 8 and 15 here.
    expect(hi.entropy.mean - lo.entropy.mean).toBeGreaterThan(4 * Math.hypot(hi.entropy.se, lo.entropy.se));
  });
});
