/**
 * Franz-Parisi S(d) of the random-features model around a high-margin reference (docs/random-features.md §5c):
 *   npx tsx scripts/random-features-margin.ts [γ …] [--alpha-d 1] [--fraction 1] [--points 12] [--d-min 0.005]
 * Sign features, counted students at κ = 0, reference margin κ̃ = fraction · κ_max(α_D, γ). For each γ: κ_max
 * (the margin where the references' RS entropy vanishes), the anchor d*(0) = (1 − q(κ = 0))/2, then the curve
 * on log-spaced distances from the anchor down to d-min (one JSON line per point: S, S/H₂(d), dS/dd), and a
 * summary: the smallest slope met (its sign says whether S(d) is monotone), min S, S/H₂ at the smallest d.
 */
import { rfMarginCurve, rfMaxReferenceMargin } from '../src/entropy/random-features-margin.js';
import { activationByName } from '../src/replica/activations.js';
import { featureMap, solveRandomFeatures } from '../src/replica/random-features.js';
import { binaryEntropy } from '../src/math/special.js';

const args = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const alphaD = flag('alpha-d', 1);
const fraction = flag('fraction', 1);
const points = flag('points', 12);
const dMin = flag('d-min', 0.005);
const gammas = args.map(Number);
const f = featureMap(activationByName('sign'));
for (const gamma of gammas.length ? gammas : [2]) {
  const t0 = performance.now();
  const { kappaMax } = rfMaxReferenceMargin(f, alphaD, gamma);
  const kappaRef = fraction * kappaMax;
  const typical = solveRandomFeatures({ features: f, alphaD, gamma }, undefined, { tol: 1e-12 });
  const anchor = (1 - typical.q) / 2;
  const ds = Array.from({ length: points }, (_, k) => anchor * Math.exp((-(k + 1) * Math.log(anchor / dMin)) / points));
  console.log(JSON.stringify({ gamma, alpha_d: alphaD, kappa_max: kappaMax, kappa_ref: kappaRef, d_anchor: anchor, phi_rs: typical.phi }));
  const c = rfMarginCurve({
    features: f,
    alphaD,
    gamma,
    kappaRef,
    ds,
    onPoint: (p) => console.log(JSON.stringify({ d: p.d, S: p.localEntropy, ratio: p.localEntropy / binaryEntropy(p.d), slope: p.slope, iterations: p.iterations, residual: p.residual, seconds: (performance.now() - t0) / 1000 })),
  });
  const pts = c.points;
  const minSlope = pts.reduce((m, p) => Math.min(m, p.slope), Infinity);
  const minS = pts.reduce((m, p) => Math.min(m, p.localEntropy), Infinity);
  const last = pts[0];
  console.log(JSON.stringify({ gamma, reference_entropy: c.spec.entropy, min_slope: minSlope, min_S: minS, smallest_d: last?.d, ratio_at_smallest_d: last ? last.localEntropy / binaryEntropy(last.d) : null, ended: c.ended, seconds: (performance.now() - t0) / 1000 }));
}
