/**
 * Output rows for RS results: the public field names (DESIGN.md §4, issue schemas). Binary weights report
 * `entropy` (log-count of solutions per weight); spherical weights report the log-volume under both
 * `entropy` and `free_entropy`.
 */
import type { Row } from '../io/row.js';
import { committeeRuleCheck } from './committee.js';
import type { GlmSpec } from './glm.js';
import type { StudyPoint } from './study.js';

export function modelFields(spec: GlmSpec): Row {
  return {
    model: spec.channel.name,
    prior: spec.prior.name,
    setting: spec.setting,
    ansatz: 'RS',
    ...(spec.setting === 'teacher-student' ? { teacher: spec.teacher ?? spec.prior.name, nishimori: spec.nishimori ?? false } : {}),
    ...spec.channel.params,
  };
}

export function quadratureOf(spec: GlmSpec): string {
  const names = new Set([spec.prior.quadrature, spec.channel.quadrature].filter((n) => n !== 'closed form'));
  return names.size ? [...names].join('; ') : 'closed form';
}

/** Generalization errors of a sign student with overlaps (q, R) against a sign teacher (REFERENCE.md §0, §2). */
export function generalizationErrors(q: number, R: number): { eps_gibbs: number; eps_bayes: number } {
  const clamp = (x: number) => Math.max(-1, Math.min(1, x));
  return { eps_gibbs: Math.acos(clamp(R)) / Math.PI, eps_bayes: Math.acos(clamp(q > 0 ? R / Math.sqrt(q) : 0)) / Math.PI };
}

export function pointRow(spec: GlmSpec, p: StudyPoint & { state?: string; equilibrium?: boolean }, tol: number): Row {
  const row: Row = { ...modelFields(spec), alpha: p.alpha, ...(p.state ? { state: p.state } : {}), q: p.q, qhat: p.qhat };
  if (spec.setting === 'teacher-student') {
    row.R = p.R ?? p.q;
    row.Rhat = p.Rhat ?? p.qhat;
  }
  row.entropy = p.phi;
  if (spec.prior.name === 'spherical') row.free_entropy = p.phi;
  if (spec.setting === 'teacher-student') Object.assign(row, generalizationErrors(p.q, p.R ?? p.q));
  if (p.state === 'perfect') {
    // q = R = 1 exactly: the conjugates are infinite, the RS description is exact (no replicon).
    row.qhat = null;
    row.Rhat = null;
  }
  // Committee machines at finite K: how much α(q) moves when the quadrature rule is coarsened.
  if (p.converged) Object.assign(row, committeeRuleCheck(spec, p.q, p.alpha));
  Object.assign(row, {
    replicon: Number.isFinite(p.replicon) ? p.replicon : null,
    rs_stable: p.converged && Number.isFinite(p.replicon) ? p.replicon > 0 : null,
    ...(p.equilibrium !== undefined ? { equilibrium: p.equilibrium } : {}),
    converged: p.converged,
    iterations: p.iterations,
    residual: p.residual,
    method: p.method,
    quadrature: quadratureOf(spec),
    tolerance: tol,
  });
  if (!p.converged) row.reason = p.reason ?? 'not converged';
  // A failed point keeps its row (when asked) but never a NaN: missing values are null.
  for (const [k, v] of Object.entries(row)) if (typeof v === 'number' && Number.isNaN(v)) row[k] = null;
  return row;
}
