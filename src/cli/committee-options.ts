/**
 * Options of `--model committee` (tree committee machine, storage, RS; docs/committee.md) and their
 * validation: --architecture, --k, --activation, --nodes.
 */
import type { Argv } from 'yargs';
import { ACTIVATIONS } from '../replica/activations.js';
import { MAX_SIGN_K } from '../replica/channels/committee-sign.js';
import { committeeModel } from '../replica/committee.js';
import type { GlmSpec } from '../replica/glm.js';
import type { PriorName } from '../replica/perceptron.js';
import { invalid, UsageError } from './errors.js';
import { parseChoice, parseNumber } from './options.js';

export const ARCHITECTURES = ['tree'] as const;

export function withCommitteeOptions<T>(y: Argv<T>) {
  return y
    .option('architecture', { type: 'string', describe: `committee: how hidden units see the input: tree (disjoint groups of N/K inputs) [default: tree]` })
    .option('k', { type: 'string', describe: `committee (--k or -k): number of hidden units K, an odd integer 1…${MAX_SIGN_K} (sign units, majority vote) or inf (K → ∞, any activation); required with --model committee` })
    .option('activation', { type: 'string', describe: `committee: hidden-unit activation, ${ACTIVATIONS.join(' | ')} (finite K: sign only) [default: sign]` })
    .option('nodes', { type: 'string', describe: 'committee, finite K: split Gauss rule size per hidden unit, an even integer 2…200 [default: 200, 96, 32, 20, 16 for K = 1, 3, 5, 7, 9]' });
}

export interface CommitteeArgs {
  architecture?: string;
  k?: string;
  activation?: string;
  nodes?: string;
}

const COMMITTEE_OPTIONS = ['architecture', 'k', 'activation', 'nodes'] as const;

/** Committee options given without --model committee. */
export function rejectCommitteeOptions(a: CommitteeArgs, model: string): void {
  for (const o of COMMITTEE_OPTIONS) if (a[o] !== undefined) throw invalid(o, a[o], `only with --model committee (not --model ${model})`);
}

export function committeeSpecFromArgs(a: CommitteeArgs & { prior: PriorName; setting: string; kappa: number; teacher?: string; nishimori?: boolean }): GlmSpec {
  if (a.setting !== 'storage') throw invalid('setting', a.setting, "'storage' for --model committee (teacher-student committees are not implemented)");
  if (a.kappa !== 0) throw invalid('kappa', a.kappa, '0 for --model committee (no margin)');
  if (a.teacher !== undefined || a.nishimori !== undefined) throw invalid(a.teacher !== undefined ? 'teacher' : 'nishimori', a.teacher ?? a.nishimori, 'only with --setting teacher-student (not available for --model committee)');
  parseChoice('architecture', a.architecture ?? 'tree', ARCHITECTURES);
  const activation = parseChoice('activation', a.activation ?? 'sign', ACTIVATIONS);
  if (a.k === undefined) throw new UsageError(`--k is required with --model committee (an odd integer 1…${MAX_SIGN_K} for sign units, or inf)`);
  let k: number | 'inf';
  if (a.k === 'inf') k = 'inf';
  else {
    if (activation !== 'sign') throw invalid('k', a.k, `inf for --activation ${activation} (finite K is implemented for sign units only)`);
    const allowed = `an odd integer 1…${MAX_SIGN_K} (majority vote of sign units), or inf`;
    try {
      k = parseNumber('k', a.k, { integer: true, min: 1, max: MAX_SIGN_K });
    } catch {
      throw invalid('k', a.k, allowed);
    }
    if (k % 2 === 0) throw invalid('k', a.k, allowed);
  }
  let nodes: number | undefined;
  if (a.nodes !== undefined) {
    if (k === 'inf') throw invalid('nodes', a.nodes, 'only with a finite --k (K → ∞ uses adaptive quadrature)');
    nodes = parseNumber('nodes', a.nodes, { integer: true, min: 2, max: 200 });
    if (nodes % 2 !== 0) throw invalid('nodes', a.nodes, 'an even integer 2…200 (the split rule has as many nodes on each side of 0)');
  }
  return committeeModel({ prior: a.prior, k, activation, ...(nodes !== undefined ? { nodes } : {}) });
}
