/** The options that name a model (shared by solve, sweep, capacity, …) and their validation. */
import type { Argv } from 'yargs';
import type { GlmSpec } from '../replica/glm.js';
import { perceptronModel } from '../replica/perceptron.js';
import { committeeSpecFromArgs, rejectCommitteeOptions, withCommitteeOptions, type CommitteeArgs } from './committee-options.js';
import { withRandomFeaturesOptions } from './random-features-options.js';
import { invalid } from './errors.js';
import { parseChoice, parseNumber } from './options.js';

export const MODELS = ['perceptron', 'committee'] as const;
export const PRIORS = ['binary', 'spherical'] as const;
export const SETTINGS = ['storage', 'teacher-student'] as const;

export function withModelOptions<T>(y: Argv<T>) {
  const base = y
    .option('model', { type: 'string', default: 'perceptron', describe: `network: perceptron, committee (tree committee machine, storage; see --k, --activation), or random-features (binary student on random features, teacher-student; see --alpha-d, --gamma, --activation)` })
    .option('prior', { type: 'string', default: 'spherical', describe: 'weights: binary (w = ±1) or spherical (|w|² = N)' })
    .option('setting', { type: 'string', default: 'storage', describe: 'storage (random labels) or teacher-student (labels from a teacher of the same architecture)' })
    .option('kappa', { type: 'string', default: '0', describe: 'margin κ on the stabilities yw·ξ/√N ≥ κ (any real; κ < 0 is non-convex)' })
    .option('teacher', { type: 'string', describe: 'teacher-student: teacher weights, binary or spherical [default: same as --prior]' })
    .option('nishimori', { type: 'boolean', describe: 'teacher-student: impose the Bayes-optimal restriction q = R [default: on when teacher and student match and κ = 0]' });
  return withRandomFeaturesOptions(withCommitteeOptions(base));
}

export interface ModelArgs extends CommitteeArgs {
  model?: string;
  prior?: string;
  setting?: string;
  kappa?: string;
  teacher?: string;
  nishimori?: boolean;
}

export function specFromArgs(a: ModelArgs): GlmSpec {
  const model = parseChoice('model', a.model ?? 'perceptron', MODELS);
  const prior = parseChoice('prior', a.prior ?? 'spherical', PRIORS);
  const setting = parseChoice('setting', a.setting ?? 'storage', SETTINGS);
  const kappa = parseNumber('kappa', a.kappa ?? '0', { min: -10, max: 10 });
  const teacher = a.teacher === undefined ? undefined : parseChoice('teacher', a.teacher, PRIORS);
  if (model === 'committee') return committeeSpecFromArgs({ ...a, prior, setting, kappa, ...(teacher ? { teacher } : {}) });
  rejectCommitteeOptions(a, model);
  if (setting === 'storage' && (teacher !== undefined || a.nishimori !== undefined)) {
    throw invalid(teacher !== undefined ? 'teacher' : 'nishimori', teacher ?? a.nishimori, 'only with --setting teacher-student');
  }
  if (a.nishimori && ((teacher ?? prior) !== prior || kappa !== 0)) {
    throw invalid('nishimori', true, 'a teacher with the same prior as the student and --kappa 0 (the Bayes-optimal case)');
  }
  return perceptronModel({ prior, setting, kappa, ...(teacher ? { teacher } : {}), ...(a.nishimori !== undefined ? { nishimori: a.nishimori } : {}) });
}
