/**
 * One entry point per study for every RS model of the perceptron family: storage branches follow the
 * glm solver; teacher-student branches also know the perfect-generalization state (teacher-student.ts).
 */
import type { GlmSpec } from './glm.js';
import { solvePoint, sweep, type PointOptions, type StudyPoint } from './study.js';
import { perfectPoint, perfectStateAttracts, solveTeacherStudent, teacherStudentSweep, type TSPoint, type TSState } from './teacher-student.js';

export type AnyPoint = StudyPoint & { state?: TSState; equilibrium?: boolean };

export interface AnyBranch {
  points: AnyPoint[];
  ended?: { at: number; lastConverged: number | undefined; reason: string };
}

/**
 * In teacher-student, tag a point with whether it is the equilibrium state: the state of largest free
 * entropy among the poor branch (if it exists at α) and the perfect state (φ = 0, if it exists at α).
 */
function tagEquilibrium(spec: GlmSpec, p: TSPoint): AnyPoint {
  if (!p.converged) return p;
  const perfectExists = perfectStateAttracts(spec, p.alpha);
  if (p.state === 'perfect') {
    const poor = solveTeacherStudent(spec, p.alpha);
    return { ...p, equilibrium: !(poor.converged && poor.state === 'poor' && poor.phi > 0) };
  }
  return { ...p, equilibrium: !perfectExists || p.phi >= 0 };
}

export function solveAny(spec: GlmSpec, alpha: number, opts: PointOptions & { start?: TSState } = {}): AnyPoint {
  if (spec.setting !== 'teacher-student') return solvePoint(spec, alpha, opts);
  const from = opts.start === 'perfect' ? perfectPoint(spec, alpha) : undefined;
  return tagEquilibrium(spec, solveTeacherStudent(spec, alpha, from, opts.tol !== undefined ? { tol: opts.tol } : {}));
}

export function sweepAny(spec: GlmSpec, alphas: readonly number[], opts: PointOptions & { start?: TSState; keepFailed?: boolean; onPoint?: (p: AnyPoint) => void } = {}): AnyBranch {
  if (spec.setting !== 'teacher-student') {
    const b = sweep(spec, alphas, opts);
    return { points: b.points.map((p) => p.value), ...(b.ended ? { ended: b.ended } : {}) };
  }
  const pts = teacherStudentSweep(spec, alphas, opts.start ?? 'poor', opts.tol !== undefined ? { tol: opts.tol } : {});
  const firstFail = pts.findIndex((p) => !p.converged);
  const kept = firstFail < 0 ? pts : opts.keepFailed ? pts.slice(0, firstFail + 1) : pts.slice(0, firstFail);
  const tagged = kept.map((p) => tagEquilibrium(spec, p));
  tagged.forEach((p) => opts.onPoint?.(p));
  return {
    points: tagged,
    ...(firstFail >= 0
      ? { ended: { at: pts[firstFail]!.alpha, lastConverged: firstFail > 0 ? pts[firstFail - 1]!.alpha : undefined, reason: pts[firstFail]!.reason ?? 'no convergence' } }
      : {}),
  };
}
