/**
 * Issue #8 benchmarks: γ_interp at one α_D, one densest-region curve, γ_LE, and the (α_D, γ) diagram; one
 * Franz-Parisi point (equilibrium reference) and one margin-reference anchor.
 */
import { rfLargeDeviationCurve, rfLargeDeviationSpec } from '../src/entropy/random-features.js';
import { rfFranzParisiSpec, solveRFFranzParisi } from '../src/entropy/random-features-franz-parisi.js';
import { rfMarginAnchor } from '../src/entropy/random-features-margin.js';
import { rfLocalEntropyTransition } from '../src/entropy/random-features-transition.js';
import { logGrid } from '../src/entropy/transition.js';
import { activationByName } from '../src/replica/activations.js';
import { randomFeaturesDiagram } from '../src/replica/random-features-diagram.js';
import { featureMap, interpolationThreshold } from '../src/replica/random-features.js';
import type { BenchCase } from './harness.js';

const sign = featureMap(activationByName('sign'));
let fpSpec: ReturnType<typeof rfFranzParisiSpec> | undefined;
const fpSpecOnce = () => (fpSpec ??= rfFranzParisiSpec({ features: sign, alphaD: 1, gamma: 1.1 }));
const grid20 = (from: number, to: number) => Array.from({ length: 20 }, (_, i) => from + ((to - from) * i) / 19);

export const benchmarks: BenchCase[] = [
  { name: 'γ_interp(α_D = 1), sign features, tol 1e-10', fn: () => interpolationThreshold(sign, 1), maxRuns: 5 },
  {
    name: 'S_max(d) 30 points (3e-3 … 0.15), α_D = 1, γ = 2, large deviations y → ∞',
    fn: () => rfLargeDeviationCurve(rfLargeDeviationSpec({ features: sign, alphaD: 1, gamma: 2 }), logGrid(3e-3, 0.15, 30)),
    maxRuns: 3,
  },
  {
    name: 'Franz-Parisi point, equilibrium reference, α_D = 1, γ = 1.1, d = d* − 0.02 (cold Newton)',
    fn: () => {
      const spec = fpSpecOnce();
      return solveRFFranzParisi(spec, (1 - spec.reference.q) / 2 - 0.02);
    },
    maxRuns: 3,
  },
  { name: 'Franz-Parisi margin-reference anchor, α_D = 1, γ = 2, κ̃ = 0.3 (homotopy in κ̃)', fn: () => rfMarginAnchor({ features: sign, alphaD: 1, gamma: 2, kappaRef: 0.3 }), maxRuns: 3 },
  { name: 'γ_LE(α_D = 1), sign features, tol 1e-4 in α', fn: () => rfLocalEntropyTransition(sign, 1), maxRuns: 1, minTime: 0 },
  {
    name: '(α_D, γ) diagram 20 × 20 (α_D 0.25…5, γ 0.2…8): γ_interp ×20, RS grid ×400, γ_LE at 4 α_D (tol 1e-3)',
    fn: () => randomFeaturesDiagram({ features: sign, alphaDs: grid20(0.25, 5), gammas: grid20(0.2, 8), leAlphaDs: [0.25, 1.5, 3, 5].map((a) => grid20(0.25, 5).reduce((b, x) => (Math.abs(x - a) < Math.abs(b - a) ? x : b))), leTol: 1e-3 }),
    maxRuns: 1,
    minTime: 0,
  },
];
