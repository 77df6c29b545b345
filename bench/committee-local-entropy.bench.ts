/** Issue #6 item 3 benchmarks: committee (K → ∞) local-entropy curves (50 points) and α_LE. */
import { committeeAccessibilityTransition } from '../src/entropy/committee-accessibility.js';
import { committeeFranzParisiSpec, committeeLargeDeviationSpec } from '../src/entropy/committee.js';
import { franzParisiCurve } from '../src/entropy/franz-parisi.js';
import { largeDeviationCurve } from '../src/entropy/large-deviation.js';
import { logGrid } from '../src/entropy/transition.js';
import type { BenchCase } from './harness.js';

export const benchmarks: BenchCase[] = [
  {
    name: 'committee K=∞ relu S(d) 50 points α=0.6, equilibrium reference',
    fn: () => franzParisiCurve(committeeFranzParisiSpec({ activation: 'relu', alpha: 0.6 }), logGrid(1e-3, 0.3, 50)),
    maxRuns: 3,
  },
  {
    name: 'committee K=∞ sign S_max(d) 50 points α=0.6, large deviations',
    fn: () => largeDeviationCurve(committeeLargeDeviationSpec({ activation: 'sign', alpha: 0.6 }), logGrid(1e-3, 0.2, 50)),
    maxRuns: 3,
  },
  { name: 'committee K=∞ relu α_LE, large deviations, tol 1e-4', fn: () => committeeAccessibilityTransition({ construction: 'large-deviation', activation: 'relu' }), maxRuns: 1 },
  { name: 'committee K=∞ sign α_LE, large deviations, tol 1e-4', fn: () => committeeAccessibilityTransition({ construction: 'large-deviation', activation: 'sign' }), maxRuns: 1 },
];
