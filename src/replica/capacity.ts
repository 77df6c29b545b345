/**
 * Storage capacities of the perceptron family, with the criterion behind each number:
 *  - spherical weights: Gardner's closed form (RS; exact for κ ≥ 0), checked against the q → 1 end of the
 *    continued RS branch;
 *  - binary weights: the zero of the RS entropy (frozen 1RSB, Krauth-Mézard), with the q → 1 end of the
 *    RS branch — (2/π)·α_c^spherical(κ), Gardner-Derrida's unphysical RS value — reported beside it.
 */
import { gardnerCapacity } from './channels/perceptron.js';
import { committeeStorageCapacity } from './committee.js';
import type { GlmSpec } from './glm.js';
import { branchEndQ1, type EndPointResult, type StudyPoint } from './study.js';
import { entropyZero } from './transitions.js';

export interface StorageCapacity {
  alpha_c: number;
  criterion: string;
  /** Tolerance (or error estimate) of alpha_c. */
  tolerance: number;
  converged: boolean;
  reason?: string;
  /** The q → 1 end of the RS branch. */
  rsEnd: EndPointResult;
  /** Binary: the saddle point at α_c (its replicon says whether RS is locally stable there). */
  point?: StudyPoint;
  /** Spherical: the closed form. */
  closedForm?: number;
}

export function storageCapacity(spec: GlmSpec, opts: { tol?: number } = {}): StorageCapacity {
  if (spec.setting !== 'storage') throw new RangeError('a capacity is defined in the storage setting');
  // Committee machines: analytic q → 1 ends and the entropy zero along the branch in q (committee.ts).
  if (spec.channel.name === 'committee') return committeeStorageCapacity(spec, opts);
  const rsEnd = branchEndQ1(spec);
  if (spec.prior.name === 'spherical') {
    if (spec.channel.name === 'perceptron') {
      const closed = gardnerCapacity(Number(spec.channel.params.kappa));
      const agree = Math.abs(closed - rsEnd.alpha) < 1e-6 * Math.max(1, closed);
      return {
        alpha_c: closed,
        criterion: 'Gardner closed form 1/∫_{−κ}^∞ Dt (t+κ)² (RS; exact for κ ≥ 0, an RS upper estimate for κ < 0)',
        tolerance: 0,
        converged: agree,
        ...(agree ? {} : { reason: `closed form and q → 1 branch end disagree (${closed} vs ${rsEnd.alpha})` }),
        rsEnd,
        closedForm: closed,
      };
    }
    return { alpha_c: rsEnd.alpha, criterion: rsEnd.criterion, tolerance: rsEnd.errorEstimate, converged: rsEnd.converged, rsEnd };
  }
  const tol = opts.tol ?? 1e-10;
  const z = entropyZero(spec, { tol, hi: rsEnd.converged ? rsEnd.alpha : 1e4 });
  return {
    alpha_c: z.value,
    criterion: z.criterion,
    tolerance: tol,
    converged: z.converged,
    ...(z.reason ? { reason: z.reason } : {}),
    rsEnd,
    point: z.point,
  };
}
