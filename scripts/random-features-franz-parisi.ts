/**
 * Franz-Parisi S(d) of the random-features model with an equilibrium reference (docs/random-features.md §5b):
 *   npx tsx scripts/random-features-franz-parisi.ts [γ …]        (sign features, α_D = 1; default γ = 1.1)
 * For each γ: the curve on 16 log-spaced distances from d* = (1 − q̃)/2 down to 0.002 (one JSON line per
 * point), and d0, the zero of S(d) (isolation: S < 0 on (0, d0)), from the cubic Hermite interpolant (S and
 * its slope dS/dd = 2(p̂ − ∂_pF)) on the bracketing grid interval, refined by one solve at that estimate.
 */
import { rfFranzParisiCurve, rfFranzParisiSpec, solveRFFranzParisi } from '../src/entropy/random-features-franz-parisi.js';
import { activationByName } from '../src/replica/activations.js';
import { featureMap } from '../src/replica/random-features.js';

const gammas = process.argv.slice(2).map(Number);
const f = featureMap(activationByName('sign'));
for (const gamma of gammas.length ? gammas : [1.1]) {
  const t0 = performance.now();
  const spec = rfFranzParisiSpec({ features: f, alphaD: 1, gamma });
  const dStar = (1 - spec.reference.q) / 2;
  console.log(JSON.stringify({ gamma, alpha_d: 1, d_star: dStar, phi_rs: spec.entropy }));
  const ds = Array.from({ length: 16 }, (_, k) => dStar * Math.exp((-(k + 1) * Math.log(dStar / 0.002)) / 16));
  const c = rfFranzParisiCurve(spec, ds, { tol: 1e-9, onPoint: (p) => console.log(JSON.stringify({ d: p.d, S: p.localEntropy, slope: p.slope, iterations: p.iterations, residual: p.residual, q1: p.order.q1, m: p.order.m })) });
  const pts = c.points;
  let d0: number | undefined;
  let check: number | undefined;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[i + 1]!;
    if (a.localEntropy < 0 && b.localEntropy >= 0) {
      const h = b.d - a.d;
      const H = (t: number) => (2 * t ** 3 - 3 * t ** 2 + 1) * a.localEntropy + (t ** 3 - 2 * t ** 2 + t) * h * a.slope + (-2 * t ** 3 + 3 * t ** 2) * b.localEntropy + (t ** 3 - t ** 2) * h * b.slope;
      let lo = 0;
      let hi = 1;
      for (let k = 0; k < 60; k++) (H(0.5 * (lo + hi)) < 0 ? (lo = 0.5 * (lo + hi)) : (hi = 0.5 * (lo + hi)));
      d0 = a.d + lo * h;
      const near = Math.abs(d0 - a.d) < Math.abs(d0 - b.d) ? a : b;
      check = solveRFFranzParisi(spec, d0, { guess: (near as never as { state: never }).state, ...(near.jacobian ? { jacobian: near.jacobian } : {}) }).localEntropy;
    }
  }
  const negativeBelow = d0 !== undefined && pts.filter((p) => p.d < d0!).every((p) => p.localEntropy < 0);
  console.log(JSON.stringify({ gamma, d0, S_at_d0: check, negative_below_d0: negativeBelow, ended: c.ended, seconds: (performance.now() - t0) / 1000 }));
}
