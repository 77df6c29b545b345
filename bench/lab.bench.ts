/**
 * Issue #5 benchmarks: the lab's training kernels. CP+R: synaptic updates per second at N = 1001 (each
 * pattern presentation reads N synapses for the field and, on an error or a reinforcement, writes N hidden
 * states; counted as N synaptic updates per presentation); ten sweeps at α = 0.7, where no run stops early.
 * fBP: message updates (edges) per second; SA: flip proposals per second; hit-and-run steps per second.
 */
import { cpr } from '../src/teacher-student/cpr.js';
import { storageData, teacherStudentData } from '../src/teacher-student/data.js';
import { fbp } from '../src/teacher-student/fbp.js';
import { gibbs } from '../src/teacher-student/gibbs.js';
import { sa } from '../src/teacher-student/sa.js';
import type { BenchCase } from './harness.js';

const N = 1001;
const P = 701; // α = 0.7
const data = storageData(1, N, P);
const SWEEPS = 10;
const small = storageData(2, 401, 281);
const ts = teacherStudentData(3, 200, 400, { prior: 'spherical' });

export const benchmarks: BenchCase[] = [
  {
    name: `CP+R, N = ${N}, α = 0.7, ${SWEEPS} sweeps (synaptic updates)`,
    ops: SWEEPS * P * N,
    unit: 'synaptic updates',
    fn: () => {
      const r = cpr(data, { kappa: 0, maxSweeps: SWEEPS, seed: 1 });
      if (r.sweeps !== SWEEPS) throw new Error('CP+R stopped early: the benchmark would miscount');
      return r;
    },
    maxRuns: 10,
  },
  { name: 'fBP, N = 401, α = 0.7, 5 iterations (edge updates)', ops: 5 * 401 * 281, unit: 'edge updates', fn: () => fbp(small, { kappa: 0, maxSweeps: 5, seed: 1 }), maxRuns: 10 },
  { name: 'SA, N = 401, α = 0.7, 5 MC sweeps (flip proposals)', ops: 5 * 401, unit: 'proposals', fn: () => sa(small, { kappa: 0, maxSweeps: 5, seed: 1, params: { beta0: 0.01, beta1: 0.01 } }), maxRuns: 10 },
  { name: 'Gibbs hit-and-run, N = 200, α = 2, 2N steps (after the perceptron start)', ops: 400, unit: 'steps', fn: () => gibbs(ts, { kappa: 0, maxSweeps: 1000, seed: 1, params: { burnin: 2 } }), maxRuns: 10 },
];
