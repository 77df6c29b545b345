/**
 * Issue #6 benchmarks: tree committee machines. Each case builds a fresh model (the finite-K channel
 * memoizes its last evaluations, which would otherwise turn repeated runs into cache hits).
 */
import { signCommitteeAverages, signCommitteeReplicon } from '../src/replica/channels/committee-sign.js';
import { tanhActivation } from '../src/replica/activations.js';
import { committeeModel, committeeStorageCapacity } from '../src/replica/committee.js';
import type { BenchCase } from './harness.js';

export const benchmarks: BenchCase[] = [
  { name: 'ψ_out and ∂ψ/∂q, K = 3 sign, split rule n = 96, q = 0.5', fn: () => signCommitteeAverages(3, 0.5, 96), maxRuns: 50 },
  { name: 'ψ_out and ∂ψ/∂q, K = 5 sign, n = 32, q = 0.5', fn: () => signCommitteeAverages(5, 0.5, 32), maxRuns: 20 },
  { name: 'ψ_out and ∂ψ/∂q, K = 7 sign, n = 20, q = 0.5', fn: () => signCommitteeAverages(7, 0.5, 20), maxRuns: 5 },
  { name: 'replicon E‖∇²ln Z‖², K = 5 sign, n = 32, q = 0.5', fn: () => signCommitteeReplicon(5, 0.5, 32), maxRuns: 5 },
  {
    name: 'capacity K = 5 sign, binary (entropy zero, n = 32, + check n = 22)',
    fn: () => committeeStorageCapacity(committeeModel({ prior: 'binary', k: 5 })),
    maxRuns: 3,
  },
  { name: 'capacity K = 5 sign, binary, no refinement check', fn: () => committeeStorageCapacity(committeeModel({ prior: 'binary', k: 5 }), { refine: false }), maxRuns: 3 },
  { name: 'capacity K = 5 sign, spherical (q → 1 order statistics)', fn: () => committeeStorageCapacity(committeeModel({ prior: 'spherical', k: 5 })), maxRuns: 50 },
  { name: 'capacity K = ∞ relu, binary (entropy zero)', fn: () => committeeStorageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation: 'relu' })), maxRuns: 20 },
  { name: 'capacity K = ∞ sign, binary (entropy zero)', fn: () => committeeStorageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation: 'sign' })), maxRuns: 20 },
  {
    name: 'capacity K = ∞ relu, spherical (closed form + branch check)',
    fn: () => committeeStorageCapacity(committeeModel({ prior: 'spherical', k: 'inf', activation: 'relu' })),
    maxRuns: 20,
  },
  {
    // A fresh activation object per run: the kernel (and its memo of Δ(q)) is cached per activation.
    name: 'capacity K = ∞ tanh, binary (kernel by nested quadrature, cold)',
    fn: () => committeeStorageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation: { ...tanhActivation } })),
    maxRuns: 5,
  },
];
