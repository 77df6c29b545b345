/**
 * Study (d), issue #5: local energy δE(σ) = E_z[E_train(w ⊙ (1 + σz))] − E_train(w) (REFERENCE.md §4) of
 * verified solutions found by the dense-region algorithm (fbp) and by plain ones (cpr, sbpi, sa) on the same
 * instances: storage, κ = 0, α = 0.6, N = 401. Mean ± standard error over instances (each instance's δE is
 * itself a mean over 100 noise draws), and the paired difference fbp − cpr on instances both solved.
 *
 *     npx tsx scripts/lab-local-energy.ts
 */
import type { Row } from '../src/io/row.js';
import type { AlgorithmName } from '../src/teacher-student/algorithms.js';
import { meanSe } from '../src/teacher-student/observables.js';
import { simulate, type SimConfig } from '../src/teacher-student/runner.js';
import { base, jobs, start, write } from './lab-common.js';

const { elapsed } = start('lab-local-energy.ts');
const SAMPLES = Number(process.env.SAMPLES ?? 10);
const N = Number(process.env.N ?? 401);
const ALPHA = Number(process.env.ALPHA ?? 0.6);
const sigmas = [0.1, 0.2, 0.3, 0.5, 0.7];
const algos: [AlgorithmName, number][] = [['fbp', 250], ['cpr', 2000], ['sbpi', 2000], ['sa', 3000]];
const configs: SimConfig[] = algos.map(([algorithm, maxSweeps]) => ({ model: 'perceptron', prior: 'binary', setting: 'storage', algorithm, n: N, alpha: ALPHA, kappa: 0, maxSweeps, ...base, sigmas }) as SimConfig);
const { rows, outcomes } = await simulate(configs, SAMPLES, 3, { jobs, onResult: (d, t) => process.stderr.write(`local-energy: ${d}/${t}\n`) });
write('local-energy', rows, ['algorithm', 'n', 'alpha', 'samples', 'success_rate', ...sigmas.flatMap((s) => [`local_energy_s${s}`, `local_energy_s${s}_se`])]);

// paired differences against fbp on the instances both solved
const paired: Row[] = [];
const fb = outcomes[0]!;
for (let a = 1; a < algos.length; a++) {
  const other = outcomes[a]!;
  sigmas.forEach((sigma, j) => {
    const diffs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const x = fb[i]!.runs[0]!;
      const y = other[i]!.runs[0]!;
      if (x.success && y.success) diffs.push(y.localEnergy![j]! - x.localEnergy![j]!);
    }
    const m = meanSe(diffs);
    paired.push({ pair: `${algos[a]![0]} − fbp`, sigma, instances: diffs.length, difference: diffs.length ? m.mean : null, difference_se: diffs.length ? m.se : null, z: diffs.length > 1 ? m.mean / m.se : null });
  });
}
write('local-energy-paired', paired, ['pair', 'sigma', 'instances', 'difference', 'difference_se', 'z']);
console.log(`\n${elapsed()}`);
