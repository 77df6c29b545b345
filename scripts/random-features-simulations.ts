/**
 * Issue #8 item 5: binary students on random features trained by the lab's algorithms across the
 * interpolation (γ_interp) and local-entropy (γ_LE) transitions of the RS theory, at several sizes D.
 *
 *     npx tsx scripts/random-features-simulations.ts [--quick]      (JOBS=2 for two worker threads)
 *
 * Writes out/random-features/simulations.{csv,json} (one row per (D, γ, algorithm)), theory.{csv,json}
 * (typical, densest-region and barycenter test errors along γ) and onsets.{csv,json} (the γ where each
 * algorithm's success probability crosses ½, by linear interpolation, per D, beside γ_interp and γ_LE).
 */
import { availableParallelism } from 'node:os';
import { writeFileAtomic } from '../src/io/atomic.js';
import { toCSV, toJSON, toTable } from '../src/io/format.js';
import { provenance, setCommandLine } from '../src/io/provenance.js';
import type { Row } from '../src/io/row.js';
import { activationByName } from '../src/replica/activations.js';
import { featureMap } from '../src/replica/random-features.js';
import { rfGeneralization } from '../src/entropy/random-features.js';
import { rfLocalEntropyTransition } from '../src/entropy/random-features-transition.js';
import { simulateRandomFeatures, type RFSimConfig } from '../src/teacher-student/random-features-lab.js';

const quick = process.argv.includes('--quick');
const jobs = Number(process.env.JOBS ?? Math.min(2, availableParallelism()));
const alphaD = 1;
const activation = 'sign';
const seed = 2026;
const sizes = quick ? [{ d: 50, samples: 6 }] : [{ d: 50, samples: 24 }, { d: 100, samples: 20 }, { d: 200, samples: 12 }];
const gammas = quick ? [1.0, 1.3, 1.8] : [0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.6, 1.8, 2.2];
const algs = [{ algorithm: 'cpr', maxSweeps: 5000 }, { algorithm: 'fbp', maxSweeps: 400 }] as const;

setCommandLine(`npx tsx scripts/random-features-simulations.ts${quick ? ' --quick' : ''}`);
const t0 = performance.now();
const features = featureMap(activationByName(activation));
const le = rfLocalEntropyTransition(features, alphaD);
const gInterp = le.interpolation.gamma;
const gLE = le.gamma;
process.stderr.write(`theory (RS, α_D = ${alphaD}, ${activation}): γ_interp = ${gInterp.toFixed(5)}, γ_LE = ${gLE.toFixed(5)}\n`);

const theory: Row[] = gammas.filter((g) => g > gInterp).map((gamma) => {
  const g = rfGeneralization(features, alphaD, gamma);
  return { model: 'random-features', activation, alpha_d: alphaD, gamma, eps_gibbs: g.epsGibbs, eps_bayes: g.epsBayes, eps_dense: g.epsDense, eps_barycenter_best: g.epsBarycenterBest, d_best: g.dBest };
});

const configs: RFSimConfig[] = sizes.flatMap(({ d }) =>
  gammas.flatMap((gamma) => algs.map((a) => ({ ...a, activation, alphaD, gamma, d, kappa: 0, testPatterns: 4000, sigmas: [0.2, 0.5], noiseSamples: 20 }))),
);
const rows: Row[] = [];
for (const { d, samples } of sizes) {
  const part = configs.filter((c) => c.d === d);
  let last = 0;
  rows.push(...(await simulateRandomFeatures(part, samples, seed, {
    jobs,
    onResult: (k, t) => {
      if (Date.now() - last > 30_000 || k === t) {
        last = Date.now();
        process.stderr.write(`D = ${d}: ${k}/${t}\n`);
      }
    },
  })));
}

const onsets: Row[] = sizes.flatMap(({ d }) =>
  algs.map(({ algorithm }) => {
    const pts = rows.filter((r) => r.d === d && r.algorithm === algorithm).map((r) => [r.gamma as number, r.success_rate as number] as const);
    let onset: number | null = null;
    for (let i = 1; i < pts.length; i++) {
      const [g0, s0] = pts[i - 1]!;
      const [g1, s1] = pts[i]!;
      if (s0 < 0.5 && s1 >= 0.5) {
        onset = g0 + ((0.5 - s0) * (g1 - g0)) / (s1 - s0);
        break;
      }
    }
    return { algorithm, d, gamma_onset: onset, gamma_interp: gInterp, gamma_le: gLE, criterion: 'success probability crosses 1/2 (linear interpolation between grid points)' };
  }),
);

const prov = provenance();
const out = (name: string, r: Row[]) => {
  writeFileAtomic(`out/random-features/${name}.csv`, toCSV(r.map((x) => ({ ...x, ...prov }))));
  writeFileAtomic(`out/random-features/${name}.json`, toJSON(r.map((x) => ({ ...x, ...prov }))));
};
out(quick ? 'simulations-quick' : 'simulations', rows);
out(quick ? 'theory-quick' : 'theory', theory);
out(quick ? 'onsets-quick' : 'onsets', onsets);
process.stdout.write(toTable(rows, ['d', 'algorithm', 'gamma', 'n', 'p', 'success_rate', 'success_rate_se', 'test_error', 'test_error_se', 'local_energy_0', 'local_energy_0_se', 'local_energy_1', 'sweeps'], 4));
process.stdout.write('\n' + toTable(theory, ['gamma', 'eps_gibbs', 'eps_bayes', 'eps_dense', 'eps_barycenter_best'], 4));
process.stdout.write('\n' + toTable(onsets, ['algorithm', 'd', 'gamma_onset', 'gamma_interp', 'gamma_le'], 5));
process.stdout.write(`\n${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
