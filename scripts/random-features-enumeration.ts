/**
 * Issue #8 acceptance, "simulations and theory agree where they must": exact enumeration of the version space
 * of binary students on random features (src/teacher-student/random-features-enumeration.ts) against the RS
 * theory of typical zero-error students (src/replica/random-features.ts) at the same (α_D, γ):
 *   npx tsx scripts/random-features-enumeration.ts [--quick] [--jobs J]
 * For each (activation, α_D, γ) and sizes D with N = γD ≤ 24: E[ln|V|]/N, ε_Gibbs (version-space mean of the
 * test error on fresh examples), ε_Bayes (majority vote of V), ± standard errors over instances, then a
 * weighted 1/N extrapolation (all sizes, and the largest three) beside the RS φ, ε_G, ε_B.
 * Writes out/random-features/enumeration.{csv,json} (…-quick with --quick). Seed 808.
 */
import { writeFileAtomic } from '../src/io/atomic.js';
import { serialize } from '../src/io/format.js';
import { provenance, setCommandLine } from '../src/io/provenance.js';
import type { Row } from '../src/io/row.js';
import { activationByName } from '../src/replica/activations.js';
import { featureMap, solveRandomFeatures } from '../src/replica/random-features.js';
import { fitInverseN, type InverseNFit, type MeanSe } from '../src/teacher-student/enumeration/average.js';
import { enumerateRandomFeatures, type RFEnumerationSummary } from '../src/teacher-student/random-features-enumeration.js';

const args = process.argv.slice(2);
setCommandLine(`npx tsx scripts/random-features-enumeration.ts ${args.join(' ')}`.trim());
const quick = args.includes('--quick');
const jobs = Number(args[args.indexOf('--jobs') + 1] ?? 1) || 1;
const seed = 808;
const defaultTestSize = 2000;
const alphaD = 1;
const t0 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);

interface Plan {
  activation: string;
  gamma: number;
  /** Fresh test examples per instance (default 2000). */
  testSize?: number;
  sizes: { d: number; samples: number }[];
}
const plans: Plan[] = quick
  ? [{ activation: 'erf', gamma: 2, sizes: [{ d: 4, samples: 30 }, { d: 5, samples: 30 }, { d: 6, samples: 30 }] }]
  : [
      { activation: 'erf', gamma: 2, sizes: [{ d: 6, samples: 300 }, { d: 8, samples: 300 }, { d: 10, samples: 200 }, { d: 12, samples: 100 }] },
      { activation: 'erf', gamma: 1.5, sizes: [{ d: 8, samples: 300 }, { d: 10, samples: 300 }, { d: 12, samples: 200 }, { d: 14, samples: 120 }, { d: 16, samples: 60 }] },
      // γ = 3: |V| ~ e^{0.49N}, the test-error pass dominates; N ≤ 21 and 1000 test examples keep the CPU bounded.
      { activation: 'erf', gamma: 3, testSize: 1000, sizes: [{ d: 4, samples: 300 }, { d: 5, samples: 300 }, { d: 6, samples: 200 }, { d: 7, samples: 100 }] },
      // Sign features: w·φ is an integer, fields vanish exactly at even N (a lattice effect absent from the theory).
      { activation: 'sign', gamma: 2, sizes: [{ d: 6, samples: 200 }, { d: 8, samples: 200 }, { d: 10, samples: 120 }, { d: 12, samples: 50 }] },
    ];
// Sign features at odd N = 2D + 1 (no exact zero field): γ_N = N/D varies with D, so each size is compared with
// RS at its own γ_N and the deviation (enumeration − RS) is extrapolated in 1/N towards 0.
const oddSign = quick ? [] : [{ d: 6, samples: 200 }, { d: 8, samples: 150 }, { d: 10, samples: 100 }, { d: 11, samples: 60 }];

/** One row per (activation, γ, D): the instance averages beside the RS values at the same (α_D, γ). */
function enumerationRow(method: string, activation: string, gamma: number, d: number, s: RFEnumerationSummary, th: { phi: number; epsGibbs: number; epsBayes: number }, testSize: number): Row {
  return {
    model: 'random-features',
    method,
    activation,
    alpha_d: alphaD,
    gamma,
    alpha: alphaD / gamma,
    kappa: 0,
    d,
    n: s.n,
    p: s.p,
    samples: s.samples,
    no_solution: s.noSolution,
    entropy: s.entropy.mean,
    entropy_se: s.entropy.se,
    eps_gibbs: s.epsGibbs.mean,
    eps_gibbs_se: s.epsGibbs.se,
    eps_bayes: s.epsBayes.mean,
    eps_bayes_se: s.epsBayes.se,
    mean_count: s.meanCount.mean,
    mean_count_se: s.meanCount.se,
    rs_entropy: th.phi,
    rs_eps_gibbs: th.epsGibbs,
    rs_eps_bayes: th.epsBayes,
    test_size: testSize,
    seed,
    cpu_seconds: s.cpuSeconds,
    fit: null,
  };
}

const fmt = (m: MeanSe) => `${m.mean.toFixed(4)} ± ${m.se.toFixed(4)}`;
const rows: Row[] = [];
const results: unknown[] = [];
for (const plan of plans) {
  const features = featureMap(activationByName(plan.activation));
  const testSize = plan.testSize ?? defaultTestSize;
  const th = solveRandomFeatures({ features, alphaD, gamma: plan.gamma });
  if (!th.converged) throw new Error(`RS point not converged at α_D = ${alphaD}, γ = ${plan.gamma}: ${th.reason}`);
  log(`${plan.activation}, α_D = ${alphaD}, γ = ${plan.gamma} (α = ${(alphaD / plan.gamma).toFixed(4)}): RS φ = ${th.phi.toFixed(4)}, ε_G = ${th.epsGibbs.toFixed(4)}, ε_B = ${th.epsBayes.toFixed(4)}`);
  const theory = { entropy: th.phi, eps_gibbs: th.epsGibbs, eps_bayes: th.epsBayes };
  const sums: RFEnumerationSummary[] = [];
  for (const { d, samples } of plan.sizes) {
    const s = await enumerateRandomFeatures({ activation: plan.activation, alphaD, gamma: plan.gamma, d, samples, seed, testSize, jobs, features });
    sums.push(s);
    log(`  D = ${d}, N = ${s.n}, P = ${s.p}, ${s.samples} instances (${s.noSolution} without solution): E ln|V|/N = ${fmt(s.entropy)}, ε_G = ${fmt(s.epsGibbs)}, ε_B = ${fmt(s.epsBayes)}, E|V| = ${s.meanCount.mean.toFixed(0)} (${s.cpuSeconds.toFixed(0)} s CPU)`);
    rows.push(enumerationRow('exact enumeration', plan.activation, plan.gamma, d, s, th, testSize));
  }
  const fits: Record<string, { all: InverseNFit; largest3: InverseNFit }> = {};
  for (const key of ['entropy', 'eps_gibbs', 'eps_bayes'] as const) {
    const get = (s: RFEnumerationSummary) => (key === 'entropy' ? s.entropy : key === 'eps_gibbs' ? s.epsGibbs : s.epsBayes);
    const pts = sums.map((s) => ({ n: s.n, mean: get(s).mean, se: get(s).se }));
    if (pts.length < 3) continue;
    const all = fitInverseN(pts, 1);
    const largest3 = fitInverseN(pts.slice(-3), 1);
    fits[key] = { all, largest3 };
    const dev = (f: InverseNFit) => ((f.intercept - theory[key]) / f.interceptSeScaled).toFixed(1);
    log(
      `  1/N extrapolation of ${key}: all N ${all.intercept.toFixed(4)} ± ${all.interceptSeScaled.toFixed(4)} (χ²/dof ${(all.chi2 / all.dof).toFixed(2)}, ${dev(all)} σ from RS), ` +
        `largest 3 N ${largest3.intercept.toFixed(4)} ± ${largest3.interceptSeScaled.toFixed(4)} (${dev(largest3)} σ); RS ${theory[key].toFixed(4)}`,
    );
    for (const [name, f] of [['all', all], ['largest3', largest3]] as const) {
      rows.push({
        model: 'random-features',
        method: `1/N extrapolation (${name} sizes)`,
        activation: plan.activation,
        alpha_d: alphaD,
        gamma: plan.gamma,
        alpha: alphaD / plan.gamma,
        kappa: 0,
        quantity: key,
        n: null,
        extrapolated: f.intercept,
        extrapolated_se: f.interceptSeScaled,
        slope: f.coefficients[1]!,
        chi2: f.chi2,
        dof: f.dof,
        rs_value: theory[key],
        fit: `a + b/N over N = ${f.sizes.join(',')}`,
      });
    }
  }
  results.push({ activation: plan.activation, alphaD, gamma: plan.gamma, testSize, theory: { ...theory, qEff: th.qEff, REff: th.REff }, summaries: sums, fits });
}
if (oddSign.length > 0) {
  const features = featureMap(activationByName('sign'));
  log(`sign, α_D = ${alphaD}, odd N = 2D + 1, each size against RS at γ_N = N/D`);
  const dev: Record<'entropy' | 'eps_gibbs' | 'eps_bayes', { n: number; mean: number; se: number }[]> = { entropy: [], eps_gibbs: [], eps_bayes: [] };
  const sums: unknown[] = [];
  for (const { d, samples } of oddSign) {
    const gamma = (2 * d + 1) / d;
    const th = solveRandomFeatures({ features, alphaD, gamma });
    if (!th.converged) throw new Error(`RS point not converged at γ = ${gamma}`);
    const s = await enumerateRandomFeatures({ activation: 'sign', alphaD, gamma, d, samples, seed, testSize: defaultTestSize, jobs, features });
    sums.push({ ...s, theory: { entropy: th.phi, eps_gibbs: th.epsGibbs, eps_bayes: th.epsBayes } });
    log(
      `  D = ${d}, N = ${s.n}, P = ${s.p}, γ_N = ${gamma.toFixed(4)}, ${s.samples} instances (${s.noSolution} without solution): E ln|V|/N = ${fmt(s.entropy)} (RS ${th.phi.toFixed(4)}), ` +
        `ε_G = ${fmt(s.epsGibbs)} (RS ${th.epsGibbs.toFixed(4)}), ε_B = ${fmt(s.epsBayes)} (RS ${th.epsBayes.toFixed(4)})`,
    );
    rows.push(enumerationRow('exact enumeration (odd N)', 'sign', gamma, d, s, th, defaultTestSize));
    dev.entropy.push({ n: s.n, mean: s.entropy.mean - th.phi, se: s.entropy.se });
    dev.eps_gibbs.push({ n: s.n, mean: s.epsGibbs.mean - th.epsGibbs, se: s.epsGibbs.se });
    dev.eps_bayes.push({ n: s.n, mean: s.epsBayes.mean - th.epsBayes, se: s.epsBayes.se });
  }
  const fits: Record<string, InverseNFit> = {};
  for (const key of ['entropy', 'eps_gibbs', 'eps_bayes'] as const) {
    const f = fitInverseN(dev[key], 1);
    fits[key] = f;
    log(`  1/N extrapolation of ${key} − RS: ${f.intercept.toFixed(4)} ± ${f.interceptSeScaled.toFixed(4)} (χ²/dof ${(f.chi2 / f.dof).toFixed(2)})`);
    rows.push({ model: 'random-features', method: '1/N extrapolation of enumeration − RS (odd N)', activation: 'sign', alpha_d: alphaD, kappa: 0, quantity: key, n: null, extrapolated: f.intercept, extrapolated_se: f.interceptSeScaled, slope: f.coefficients[1]!, chi2: f.chi2, dof: f.dof, rs_value: 0, fit: `a + b/N over N = ${f.sizes.join(',')}` });
  }
  results.push({ activation: 'sign', alphaD, oddN: true, summaries: sums, deviationFits: fits });
}
const base = `out/random-features/enumeration${quick ? '-quick' : ''}`;
writeFileAtomic(`${base}.csv`, serialize(rows, 'csv'));
writeFileAtomic(`${base}.json`, JSON.stringify({ provenance: provenance({ seed }), seed, results }, null, 1));
log(`wrote ${base}.json and .csv`);
