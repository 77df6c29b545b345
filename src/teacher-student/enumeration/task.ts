/**
 * One instance of an enumeration study, as a plain task (it crosses worker threads): the data set, the
 * reference solution and the test set are drawn from child seeds of the user's seed, so instance i is the
 * same whatever --jobs and whatever other instances run.
 *   data: childSeed(seed, i); reference solution: childSeed(seed, i, 1); test patterns: childSeed(seed, i, 2).
 */
import { childSeed } from '../../math/rng.js';
import { storageData, teacherStudentData, testSet } from '../data.js';
import { analyzeInstance, type TeacherStats } from './instance.js';

export type EnumerationSetting = 'storage' | 'teacher-student';

export interface InstanceTask {
  setting: EnumerationSetting;
  n: number;
  p: number;
  kappa: number;
  seed: number;
  index: number;
  localEntropy: boolean;
  /** Test patterns for the majority vote (teacher-student; 0: none). */
  testSize: number;
}

/** What an instance reports back (no solution lists: plain, small). */
export interface InstanceSummary {
  index: number;
  dataSeed: number;
  count: number;
  entropy: number | null;
  distanceCounts?: number[];
  teacher?: Omit<TeacherStats, 'teacherDistanceCounts'> & { teacherDistanceCounts: number[] };
  seconds: number;
}

export function instanceData(t: Pick<InstanceTask, 'setting' | 'n' | 'p' | 'seed' | 'index'>) {
  const dataSeed = childSeed(t.seed, t.index);
  return t.setting === 'storage' ? storageData(dataSeed, t.n, t.p) : teacherStudentData(dataSeed, t.n, t.p, { prior: 'binary' });
}

export function runInstance(t: InstanceTask): InstanceSummary {
  const t0 = performance.now();
  const data = instanceData(t);
  const test = t.setting === 'teacher-student' && t.testSize > 0 ? testSet(data, t.testSize, childSeed(t.seed, t.index, 2)) : undefined;
  const r = analyzeInstance(data, { kappa: t.kappa, localEntropy: t.localEntropy, referenceSeed: childSeed(t.seed, t.index, 1), ...(test ? { test } : {}) });
  return {
    index: t.index,
    dataSeed: data.seed,
    count: r.count,
    entropy: r.entropy,
    ...(r.distanceCounts ? { distanceCounts: r.distanceCounts } : {}),
    ...(r.teacher ? { teacher: r.teacher } : {}),
    seconds: (performance.now() - t0) / 1000,
  };
}
