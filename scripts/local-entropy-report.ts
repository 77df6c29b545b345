/**
 * Reproducible study for issue #4 (docs/local-entropy.md): every number of the closing note.
 *   npx tsx scripts/local-entropy-report.ts [--quick]
 * writes out/local-entropy/report.json and prints a summary:
 *  1. binary κ = 0, equilibrium reference, α ∈ {0.3, 0.5, 0.7}: S(d), d0 (S = 0), the end of the RS curve
 *     (constrained replicas frozen, q1 → 1), max S vs s_RS;
 *  2. spherical κ = 0, α ∈ {0.5, 1, 1.5}: S(d) and the log-fraction of the slice S − ½ln(1 − p²);
 *  3. α = 0.5: S_max/H₂ at small d; S_max against equilibrium and margin curves; the best margin;
 *  4. α_LE at κ = 0 for both constructions; α_LE(κ) for κ ∈ [−1, 1] beside α_KM(κ).
 */
import { mkdirSync } from 'node:fs';
import { accessibilityTransition, bestMarginAt, krauthMezard } from '../src/entropy/accessibility.js';
import { franzParisiCurve, franzParisiSpec, freeLocalEntropy, type LocalEntropyPoint } from '../src/entropy/franz-parisi.js';
import { largeDeviationCurve, largeDeviationSpec } from '../src/entropy/large-deviation.js';
import { marginCurve, maxReferenceMargin } from '../src/entropy/margin.js';
import { logGrid } from '../src/entropy/transition.js';
import { writeFileAtomic } from '../src/io/atomic.js';
import { binaryEntropy } from '../src/math/special.js';
import { brent } from '../src/math/roots.js';

const quick = process.argv.includes('--quick');
const out: Record<string, unknown> = {};
const t0 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);
const slim = (p: LocalEntropyPoint) => ({ d: p.d, S: p.localEntropy, slope: p.slope, q1: p.order.q1 });

// 1. Isolation of typical binary solutions.
const isolation: unknown[] = [];
for (const alpha of [0.3, 0.5, 0.7]) {
  const spec = franzParisiSpec({ prior: 'binary', alpha, kappa: 0 });
  const dStar = (1 - spec.reference.q) / 2;
  const c = franzParisiCurve(spec, logGrid(1e-4, dStar, 60));
  const pts = c.points;
  const i = pts.findIndex((p, k) => k > 0 && pts[k - 1]!.localEntropy < 0 && p.localEntropy >= 0);
  let d0 = NaN;
  if (i > 0) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    // S between two solved points by re-solving (Brent on S(d) = 0)
    const { solveFranzParisi, stateOf } = await import('../src/entropy/franz-parisi.js');
    d0 = brent((d) => solveFranzParisi(spec, d, { guess: stateOf(a) }).localEntropy, a.d, b.d, { xtol: 1e-8 }).root;
  }
  const maxS = Math.max(...pts.map((p) => p.localEntropy));
  const row = { alpha, q: spec.reference.q, dStar, sRS: spec.reference.entropy, d0, curveStartsAt: pts[0]!.d, ended: c.ended, maxS, minS: Math.min(...pts.map((p) => p.localEntropy)), points: pts.map(slim) };
  isolation.push(row);
  log(`binary α = ${alpha}: d* = ${dStar.toFixed(6)}, s_RS = ${spec.reference.entropy.toFixed(6)}, max S = ${maxS.toFixed(8)}, d0 = ${d0.toPrecision(6)}, curve from d = ${pts[0]!.d.toPrecision(4)} ${c.ended.length ? '(' + c.ended.join('; ') + ')' : ''}`);
  log(`   S(d): ${pts.filter((_, k) => k % 6 === 0).map((p) => `${p.d.toPrecision(3)}:${p.localEntropy.toFixed(5)}`).join('  ')}`);
}
out.isolation = isolation;

// 2. Spherical: solutions at every distance.
const spherical: unknown[] = [];
for (const alpha of [0.5, 1, 1.5]) {
  const spec = franzParisiSpec({ prior: 'spherical', alpha, kappa: 0 });
  const dStar = (1 - spec.reference.q) / 2;
  const c = franzParisiCurve(spec, logGrid(1e-4, 0.99 * dStar, 30));
  const frac = c.points.map((p) => p.localEntropy - freeLocalEntropy('spherical', p.d));
  const monotone = c.points.every((p, k) => k === 0 || p.localEntropy > c.points[k - 1]!.localEntropy);
  spherical.push({ alpha, dStar, sRS: spec.reference.entropy, monotone, points: c.points.map((p, k) => ({ ...slim(p), logFraction: frac[k] })) });
  log(`spherical α = ${alpha}: ${c.points.length}/30 points, S increasing: ${monotone}, log-fraction of the slice at d = 1e-4: ${frac[0]!.toExponential(3)}, at d = ${c.points[c.points.length - 1]!.d.toPrecision(3)}: ${frac[frac.length - 1]!.toFixed(4)}`);
}
out.spherical = spherical;

// 3. Dense regions at α = 0.5.
{
  const alpha = 0.5;
  const ds = [1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 0.1];
  const ld = largeDeviationCurve(largeDeviationSpec({ alpha, kappa: 0 }), ds).points;
  const eq = franzParisiCurve(franzParisiSpec({ prior: 'binary', alpha, kappa: 0 }), ds).points;
  const { kappaMax } = maxReferenceMargin(alpha, 0);
  const margins = [0.1, 0.2, 0.3, kappaMax].map((k) => ({ kappaRef: k, points: marginCurve({ prior: 'binary', alpha, kappa: 0, kappaRef: k, ds }).points }));
  const best = bestMarginAt(alpha, 0, 0.005);
  out.dense = { alpha, kappaMax, best, ds, ld: ld.map(slim), eq: eq.map(slim), margins: margins.map((m) => ({ kappaRef: m.kappaRef, points: m.points.map(slim) })) };
  log(`α = 0.5 dense regions: κ_max = ${kappaMax.toFixed(6)}, best κ̃ at d_s = 0.005: ${best.kappaRef.toFixed(6)} (boundary: ${best.atBoundary})`);
  log(`   d        S_max/H₂     S_eq/H₂     ${margins.map((m) => `S(κ̃=${m.kappaRef.toFixed(3)})/H₂`).join('  ')}`);
  const at = (pts: LocalEntropyPoint[], d: number) => {
    const p = pts.find((q) => Math.abs(q.d - d) < 1e-12 * d);
    return p ? (p.localEntropy / binaryEntropy(d)).toFixed(6) : '   —    ';
  };
  ds.forEach((d) => log(`   ${d.toExponential(1)}  ${at(ld, d)}  ${at(eq, d)}   ${margins.map((m) => at(m.points, d)).join('          ')}`));
}

// 4. Accessibility transitions.
const kappas = quick ? [0] : [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1];
const table: unknown[] = [];
for (const kappa of kappas) {
  const km = krauthMezard(kappa);
  const ld = accessibilityTransition({ construction: 'large-deviation', kappa });
  log(`κ = ${kappa}: α_KM = ${km.toFixed(7)}, α_LE(LD) = ${ld.alpha.toFixed(5)} ± ${ld.tolerance.toExponential(1)} (extrapolated ${ld.extrapolated?.toFixed(5)}), dip at d = ${ld.dip.d.toPrecision(3)}, S_dip = ${ld.dip.localEntropy.toFixed(5)} (s_RS = ${ld.totalEntropy.toFixed(5)})`);
  let mg: ReturnType<typeof accessibilityTransition> | undefined;
  if (!quick || kappa === 0) {
    try {
      mg = accessibilityTransition({ construction: 'margin', kappa });
      log(`          α_LE(margin) = ${mg.alpha.toFixed(5)} ± ${mg.tolerance.toExponential(1)}, κ̃* = ${mg.margin?.kappaRef.toFixed(5)} (κ_max: ${mg.margin?.atBoundary}), dip at d = ${mg.dip.d.toPrecision(3)}, S_dip = ${mg.dip.localEntropy.toFixed(5)} (s_RS = ${mg.totalEntropy.toFixed(5)})`);
    } catch (err) {
      log(`          α_LE(margin) failed: ${(err as Error).message}`);
    }
  }
  table.push({ kappa, alphaKM: km, ld: { alpha: ld.alpha, tolerance: ld.tolerance, extrapolated: ld.extrapolated, dip: ld.dip, criterion: ld.criterion }, ...(mg ? { margin: { alpha: mg.alpha, tolerance: mg.tolerance, extrapolated: mg.extrapolated, dip: mg.dip, kappaRef: mg.margin?.kappaRef, criterion: mg.criterion } } : {}) });
}
out.transitions = table;
mkdirSync('out/local-entropy', { recursive: true });
writeFileAtomic('out/local-entropy/report.json', JSON.stringify(out, null, 2));
log('wrote out/local-entropy/report.json');
