/**
 * Committee local entropy, K → ∞ (issue #6 item 3, docs/committee.md §6): S_max(d)/H₂(d) of the densest
 * regions and d₀ of the typical solutions for sign, relu and linear units at α = 0.6 and 0.7, the curves
 * S(d) (equilibrium, large deviations) on a log grid, and α_LE for both constructions unless --no-transition.
 * Writes out/committee-local-entropy-*.{csv,json}; prints the tables.
 *
 *     npx tsx scripts/committee-local-entropy.ts [--no-transition]     (≈ 1 min; with α_LE ≈ 8 min)
 */
import type { Row } from '../src/io/row.js';
import { writeFileAtomic } from '../src/io/atomic.js';
import { toCSV } from '../src/io/format.js';
import { study } from './study.js';
import { binaryEntropy } from '../src/math/special.js';
import { committeeFranzParisiSpec, committeeLargeDeviationSpec } from '../src/entropy/committee.js';
import { committeeAccessibilityTransition, committeeEntropy } from '../src/entropy/committee-accessibility.js';
import { franzParisiCurve } from '../src/entropy/franz-parisi.js';
import { largeDeviationCurve } from '../src/entropy/large-deviation.js';
import { logGrid } from '../src/entropy/transition.js';

const withTransition = !process.argv.includes('--no-transition');
const { prov, elapsed, write } = study(`npx tsx scripts/committee-local-entropy.ts${withTransition ? '' : ' --no-transition'}`, 6);
const ACTS = ['sign', 'relu', 'linear'] as const;
const DS = [0.005, 0.01, 0.02, 0.05, 0.1];

// 1. Density table and curves.
const density: Row[] = [];
const curves: Row[] = [];
for (const alpha of [0.6, 0.7]) {
  for (const act of ACTS) {
    const ld = largeDeviationCurve(committeeLargeDeviationSpec({ activation: act, alpha }), DS);
    const grid = logGrid(1e-3, 0.3, 60);
    const fp = franzParisiCurve(committeeFranzParisiSpec({ activation: act, alpha }), grid);
    const i0 = fp.points.findIndex((p) => p.localEntropy > 0);
    const [a, b] = [fp.points[i0 - 1], fp.points[i0]];
    const d0 = a && b ? a.d - (a.localEntropy * (b.d - a.d)) / (b.localEntropy - a.localEntropy) : null;
    const row: Row = { alpha, activation: act, entropy_rs: committeeEntropy(act, alpha), d0_typical: d0 };
    for (const p of ld.points) row[`ld_ratio_${p.d}`] = p.localEntropy / binaryEntropy(p.d);
    density.push({ ...row, ...prov });
    const ldc = largeDeviationCurve(committeeLargeDeviationSpec({ activation: act, alpha }), logGrid(1e-3, 0.25, 40));
    for (const [reference, pts] of [['equilibrium', fp.points], ['large-deviation', ldc.points]] as const) {
      for (const p of pts) curves.push({ alpha, activation: act, reference, d: p.d, local_entropy: p.localEntropy, density_ratio: p.localEntropy / binaryEntropy(p.d), dS_dd: p.slope, converged: p.converged });
    }
  }
}
write('committee-local-entropy-density', density, ['alpha', 'activation', 'entropy_rs', ...DS.map((d) => `ld_ratio_${d}`), 'd0_typical']);
writeFileAtomic('out/committee-local-entropy-curves.csv', toCSV(curves));

// 2. α_LE.
if (withTransition) {
  const rows: Row[] = [];
  for (const act of ACTS) {
    for (const construction of ['large-deviation', 'margin'] as const) {
      const t = performance.now();
      const r = committeeAccessibilityTransition({ construction, activation: act });
      rows.push({ activation: act, construction, alpha_le: r.alpha, tolerance: r.tolerance, alpha_extrapolated: r.extrapolated ?? null, alpha_c: r.alphaKM, ratio: r.alpha / r.alphaKM, dip_d: r.dip.d, kappa_ref: r.margin?.kappaRef ?? null, seconds: (performance.now() - t) / 1000, converged: r.converged, criterion: r.criterion, ...prov });
    }
  }
  write('committee-local-entropy-transition', rows, ['activation', 'construction', 'alpha_le', 'tolerance', 'alpha_extrapolated', 'alpha_c', 'ratio', 'dip_d', 'kappa_ref', 'seconds']);
}
