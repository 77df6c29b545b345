/**
 * The perceptron family (REFERENCE.md §1-§2): a prior (binary or spherical weights) times the sign
 * perceptron channel with margin κ, in storage or teacher-student. One composition, no copies: every
 * combination is a GlmSpec solved by glm.ts.
 */
import type { GaussianMeasure } from '../math/gauss.js';
import { perceptronChannel } from './channels/perceptron.js';
import type { GlmSpec, Setting } from './glm.js';
import { priorByName, type TeacherPrior } from './prior.js';

export type PriorName = 'binary' | 'spherical';

export interface PerceptronModelOptions {
  prior: PriorName;
  setting: Setting;
  kappa?: number;
  /** Teacher-student: the teacher's weights (default: same as the student's). */
  teacher?: TeacherPrior;
  /**
   * Teacher-student: impose the Nishimori (Bayes-optimal) restriction q = R. Default: true when the
   * student's prior matches the teacher's and κ = 0 (the Gibbs student is then Bayes-optimal).
   */
  nishimori?: boolean;
  measure?: GaussianMeasure;
}

export function perceptronModel(o: PerceptronModelOptions): GlmSpec {
  const kappa = o.kappa ?? 0;
  const teacher = o.teacher ?? o.prior;
  const matched = teacher === o.prior && kappa === 0;
  if (o.setting === 'teacher-student' && o.nishimori && !matched) {
    throw new RangeError('the Nishimori restriction needs a matched teacher (same prior) and κ = 0');
  }
  return {
    prior: priorByName(o.prior, o.measure),
    channel: perceptronChannel({ kappa, ...(o.measure ? { measure: o.measure } : {}) }),
    setting: o.setting,
    ...(o.setting === 'teacher-student' ? { teacher, nishimori: o.nishimori ?? matched } : {}),
  };
}
