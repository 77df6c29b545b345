/**
 * Reproducible study for issue #8 (docs/random-features.md §9): every number of its tables.
 *   npx tsx scripts/random-features-report.ts [lines] [generalization] [activations]
 * writes out/random-features/report.json and prints a summary:
 *  lines: γ_interp(α_D) and γ_LE(α_D) (sign features) for α_D ∈ {0.05, 0.1, 0.5, 1, 2, 3}, with α = α_D/γ;
 *  generalization: at α_D = 1 along γ, the test errors of typical solutions (Gibbs), of their majority vote,
 *    of the densest region's members (d = 0.01) and barycenter, and of the barycenter optimized over d;
 *  activations: γ_interp and γ_LE at α_D = 1 for relu, tanh, erf.
 */
import { mkdirSync } from 'node:fs';
import { rfGeneralization } from '../src/entropy/random-features.js';
import { rfLocalEntropyTransition } from '../src/entropy/random-features-transition.js';
import { writeFileAtomic } from '../src/io/atomic.js';
import { activationByName } from '../src/replica/activations.js';
import { featureMap, interpolationThreshold } from '../src/replica/random-features.js';

const parts = process.argv.slice(2);
const want = (p: string) => parts.length === 0 || parts.includes(p);
const out: Record<string, unknown> = {};
const t0 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);
const sign = featureMap(activationByName('sign'));

if (want('lines')) {
  const lines: unknown[] = [];
  for (const aD of [0.05, 0.1, 0.5, 1, 2, 3]) {
    const s = performance.now();
    const t = rfLocalEntropyTransition(sign, aD);
    const row = { alphaD: aD, gammaInterp: t.interpolation.gamma, alphaInterp: t.interpolation.alpha, gammaLE: t.gamma, gammaLETol: t.gammaTolerance, alphaLE: t.alpha, alphaLETol: t.tolerance, dipD: t.dip.d, seconds: (performance.now() - s) / 1000 };
    lines.push(row);
    log(`α_D = ${aD}: γ_interp = ${t.interpolation.gamma.toFixed(5)} (α = ${t.interpolation.alpha.toFixed(5)}), γ_LE = ${t.gamma.toFixed(5)} ± ${t.gammaTolerance.toExponential(1)} (α_LE = ${t.alpha.toFixed(5)}), dip at d = ${t.dip.d.toFixed(4)}`);
  }
  out.lines = lines;
}

if (want('generalization')) {
  const gen: unknown[] = [];
  for (const gamma of [1.2, 1.3, 1.5, 2, 3, 5]) {
    const g = rfGeneralization(sign, 1, gamma);
    gen.push(g);
    log(`α_D = 1, γ = ${gamma}: ε_Gibbs = ${g.epsGibbs.toFixed(4)}, ε_Bayes(typical) = ${g.epsBayes.toFixed(4)}, ε_dense(d = 0.01) = ${g.epsDense?.toFixed(4)}, ε_barycenter(d = 0.01) = ${g.epsBarycenterDense?.toFixed(4)}, best barycenter ${g.epsBarycenterBest?.toFixed(4)} at d = ${g.dBest?.toFixed(4)} ${g.reason ?? ''}`);
  }
  out.generalization = gen;
}

if (want('activations')) {
  const acts: unknown[] = [];
  for (const name of ['relu', 'tanh', 'erf']) {
    const f = featureMap(activationByName(name));
    const i = interpolationThreshold(f, 1);
    const t = rfLocalEntropyTransition(f, 1, { interpolation: i });
    acts.push({ activation: name, mu1: f.mu1, muStar: f.muStar, gammaInterp: i.gamma, gammaLE: t.gamma, gammaLETol: t.gammaTolerance });
    log(`${name} (μ₁ = ${f.mu1.toFixed(4)}, μ* = ${f.muStar.toFixed(4)}), α_D = 1: γ_interp = ${i.gamma.toFixed(5)}, γ_LE = ${t.gamma.toFixed(5)}`);
  }
  out.activations = acts;
}

mkdirSync('out/random-features', { recursive: true });
writeFileAtomic(`out/random-features/report${parts.length ? '-' + parts.join('-') : ''}.json`, JSON.stringify(out, null, 2));
log('done');
