/** Issue #3 benchmarks: perceptron models, their transitions. */
import { perceptronModel } from '../src/replica/perceptron.js';
import { poorBranchSpinodal, firstOrderTransition } from '../src/replica/teacher-student.js';
import { entropyZero } from '../src/replica/transitions.js';
import { sweep } from '../src/replica/study.js';
import { grid } from '../src/saddle/index.js';
import type { BenchCase } from './harness.js';

const binary = perceptronModel({ prior: 'binary', setting: 'storage' });
const ts = perceptronModel({ prior: 'binary', setting: 'teacher-student' });

export const benchmarks: BenchCase[] = [
  { name: 'binary storage sweep, 200 points, α ∈ [0.005, 0.995], κ=0', fn: () => sweep(binary, grid(0.005, 0.995, 0.004975)), maxRuns: 5 },
  { name: 'α_KM (entropy zero), binary storage κ=0, tol 1e-8', fn: () => entropyZero(binary, { tol: 1e-8 }), maxRuns: 10 },
  { name: 'spinodal of the poor branch, binary teacher-student, tol 1e-6', fn: () => poorBranchSpinodal(ts, { tol: 1e-6 }), maxRuns: 5 },
  { name: 'first-order transition, binary teacher-student, tol 1e-10', fn: () => firstOrderTransition(ts), maxRuns: 5 },
];
