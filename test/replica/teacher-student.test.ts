/** Teacher-student perceptrons (REFERENCE.md §2; Györgyi 1990, Opper-Haussler 1991). */
import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/math/kronrod.js';
import { G, H, log2cosh, logH } from '../../src/math/special.js';
import { pointAtOverlap, solveRS } from '../../src/replica/glm.js';
import { perceptronModel } from '../../src/replica/perceptron.js';
import { generalizationErrors } from '../../src/replica/rows.js';
import { firstOrderTransition, poorBranchSpinodal, teacherStudentSweep } from '../../src/replica/teacher-student.js';
import { sweepAny } from '../../src/replica/solve-any.js';
import { grid } from '../../src/saddle/index.js';

const gaussMean = (f: (z: number) => number, breakpoints: number[] = [0]) =>
  integrate((z) => G(z) * f(z), -Infinity, Infinity, { breakpoints, epsRel: 1e-13, epsAbs: 1e-15 }).value;

describe('binary teacher, binary student (Gibbs learning on the Nishimori line)', () => {
  const spec = perceptronModel({ prior: 'binary', setting: 'teacher-student' });
  const sp = poorBranchSpinodal(spec, { tol: 1e-9 });
  const fo = firstOrderTransition(spec, { spinodal: sp });

  it('the poor branch satisfies REFERENCE §2: q = ∫Dz tanh(√q̂ z + q̂) and φ = −q̂(1+q)/2 + ∫ln2cosh + 2α∫H(−cz)lnH(−cz)', () => {
    for (const alpha of [0.3, 0.9, 1.4]) {
      const p = solveRS(spec, alpha);
      const s = Math.sqrt(p.qhat);
      expect(Math.abs(gaussMean((z) => Math.tanh(s * z + p.qhat), [-Math.sqrt(p.qhat)]) - p.q)).toBeLessThan(1e-10);
      const c = Math.sqrt(p.q / (1 - p.q));
      const phi = -(p.qhat / 2) * (1 + p.q) + gaussMean((z) => log2cosh(s * z + p.qhat), [-Math.sqrt(p.qhat)]) + 2 * alpha * gaussMean((z) => H(-c * z) * logH(-c * z));
      expect(Math.abs(phi - p.phi)).toBeLessThan(1e-10);
    }
  });

  it('first-order transition to perfect generalization at α ≈ 1.2447 (Györgyi 1990) [REFERENCE §2]', () => {
    expect(fo.converged).toBe(true);
    expect(Math.abs(fo.value - 1.2447)).toBeLessThan(1e-3);
    expect(Math.abs(fo.point.phi)).toBeLessThan(1e-9);
    // Gibbs and Bayes errors at the transition, from the overlap: ε_G = arccos(q)/π, ε_B = arccos(√q)/π
    const e = generalizationErrors(fo.point.q, fo.point.R!);
    expect(e.eps_gibbs).toBeCloseTo(Math.acos(fo.point.q) / Math.PI, 14);
    expect(e.eps_bayes).toBeCloseTo(Math.acos(Math.sqrt(fo.point.q)) / Math.PI, 14);
    expect(e.eps_bayes).toBeLessThan(e.eps_gibbs);
  });

  it('the spinodal found by continuation + bisection is the fold of the branch α(q) (found independently)', () => {
    expect(sp.converged).toBe(true);
    expect(sp.value).toBeGreaterThan(fo.value);
    expect(Math.abs(sp.value - sp.foldCheck!.alpha)).toBeLessThan(1e-7);
    // at the fold dα/dq = 0
    const q = sp.foldCheck!.q;
    const h = 1e-4;
    expect(Math.abs(pointAtOverlap(spec, q + h).alpha - pointAtOverlap(spec, q - h).alpha) / (2 * h)).toBeLessThan(1e-3);
  });

  it('sweeping up and down exposes the coexistence of the poor and the perfect state', () => {
    const alphas = grid(0.9, 1.8, 0.1);
    const up = teacherStudentSweep(spec, alphas, 'poor');
    const down = teacherStudentSweep(spec, [...alphas].reverse(), 'perfect');
    for (const p of up) expect(p.state).toBe(p.alpha < sp.value ? 'poor' : 'perfect');
    expect(down.every((p) => p.state === 'perfect' && p.phi === 0)).toBe(true);
    // the equilibrium switches at the first-order transition
    const tagged = sweepAny(spec, alphas, { start: 'poor' }).points;
    for (const p of tagged) if (p.state === 'poor') expect(p.equilibrium).toBe(p.alpha < fo.value);
  });

  it('the general solver (q and R free) reduces to the Nishimori solution q = R', () => {
    const general = perceptronModel({ prior: 'binary', setting: 'teacher-student', nishimori: false });
    for (const alpha of [0.5, 1.2]) {
      const n = solveRS(spec, alpha);
      const g = solveRS(general, alpha, { guess: { q: 0.3, R: 0.2 } });
      expect(g.converged).toBe(true);
      expect(Math.abs(g.q - n.q)).toBeLessThan(1e-9);
      expect(Math.abs(g.R! - n.q)).toBeLessThan(1e-9);
      expect(Math.abs(g.qhat - g.Rhat!)).toBeLessThan(1e-8);
    }
  });
});

describe('spherical teacher, spherical student (Gibbs learning)', () => {
  const spec = perceptronModel({ prior: 'spherical', setting: 'teacher-student' });

  it('R(1) = 0.486264 and R/√(1−R) = (α/π)∫Dt e^{−Rt²/2}/H(−√R t) [REFERENCE §2]', () => {
    const p = solveRS(spec, 1);
    expect(Math.abs(p.R! - 0.486264)).toBeLessThan(1e-5);
    for (const alpha of [0.3, 1, 7, 60]) {
      const R = solveRS(spec, alpha).R!;
      const rhs = (alpha / Math.PI) * gaussMean((t) => Math.exp((-R * t * t) / 2 - logH(-Math.sqrt(R) * t)));
      expect(Math.abs(R / Math.sqrt(1 - R) - rhs) / rhs).toBeLessThan(1e-9);
    }
  });

  it('over α ∈ [0.01, 200]: α·ε_Gibbs → 0.625, α·ε_Bayes → 0.442, ratio → √2 (Opper-Haussler 1991)', () => {
    const alphas = [0.01, 0.1, 1, 10, 50, 100, 200];
    let guess = { q: 0.005 };
    const rows = alphas.map((alpha) => {
      const p = solveRS(spec, alpha, { guess });
      expect(p.converged).toBe(true);
      guess = { q: p.q };
      return { alpha, ...generalizationErrors(p.q, p.R!) };
    });
    const last = rows[rows.length - 1]!;
    expect(Math.abs(last.alpha * last.eps_gibbs - 0.625)).toBeLessThan(1e-3);
    expect(Math.abs(last.alpha * last.eps_bayes - 0.442)).toBeLessThan(1e-3);
    expect(Math.abs(last.eps_gibbs / last.eps_bayes - Math.SQRT2)).toBeLessThan(1e-4);
    // the ratio approaches √2 monotonically from below
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.eps_gibbs / rows[i]!.eps_bayes).toBeGreaterThan(rows[i - 1]!.eps_gibbs / rows[i - 1]!.eps_bayes);
  });

  it('the general solver reduces to q = R in the matched case, and not with a margin κ > 0 (mismatched)', () => {
    const general = perceptronModel({ prior: 'spherical', setting: 'teacher-student', nishimori: false });
    const g = solveRS(general, 2, { guess: { q: 0.5, R: 0.4 } });
    expect(Math.abs(g.q - g.R!)).toBeLessThan(1e-10);
    // A margin κ = 0.5 on the teacher's labels: the student is no longer Bayes-optimal (q > R), and the
    // version space of margin-κ students empties at a finite α (here between 1 and 2).
    const margin = perceptronModel({ prior: 'spherical', setting: 'teacher-student', kappa: 0.5 });
    const m = solveRS(margin, 0.5, { guess: { q: 0.5, R: 0.4 } });
    expect(m.converged).toBe(true);
    expect(m.q - m.R!).toBeGreaterThan(1e-3);
    expect(m.R! * m.R!).toBeLessThan(m.q);
    expect(solveRS(margin, 2, { guess: { q: 0.5, R: 0.4 } }).converged).toBe(false);
  });
});
