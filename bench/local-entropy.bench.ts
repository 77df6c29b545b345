/** Issue #4 benchmarks: local-entropy curves (50 points) and the accessibility transition α_LE. */
import { accessibilityTransition } from '../src/entropy/accessibility.js';
import { franzParisiCurve, franzParisiSpec } from '../src/entropy/franz-parisi.js';
import { largeDeviationCurve, largeDeviationSpec } from '../src/entropy/large-deviation.js';
import { logGrid } from '../src/entropy/transition.js';
import type { BenchCase } from './harness.js';

const ds = logGrid(1e-3, 0.3, 50);
const dsLD = logGrid(1e-3, 0.2, 50);

export const benchmarks: BenchCase[] = [
  {
    name: 'S(d) 50 points, binary κ=0 α=0.5, equilibrium reference (Franz-Parisi)',
    fn: () => franzParisiCurve(franzParisiSpec({ prior: 'binary', alpha: 0.5, kappa: 0 }), ds),
    maxRuns: 5,
  },
  {
    name: 'S(d) 50 points, spherical κ=0 α=1, equilibrium reference',
    fn: () => franzParisiCurve(franzParisiSpec({ prior: 'spherical', alpha: 1, kappa: 0 }), logGrid(1e-4, 0.2, 50)),
    maxRuns: 5,
  },
  {
    name: 'S_max(d) 50 points, binary κ=0 α=0.5, large deviations y → ∞',
    fn: () => largeDeviationCurve(largeDeviationSpec({ alpha: 0.5, kappa: 0 }), dsLD),
    maxRuns: 5,
  },
  {
    name: 'α_LE, binary κ=0, large deviations, tol 1e-4',
    fn: () => accessibilityTransition({ construction: 'large-deviation', kappa: 0 }),
    maxRuns: 1,
    minTime: 0,
  },
];
