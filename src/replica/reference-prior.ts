/**
 * The weight prior seen from a reference: the entropic term of the constrained group of a Franz-Parisi
 * computation (docs/local-entropy.md §2, eq. FP-S).
 *
 * The constrained replicas w (n → 0 of them) have mutual overlap q1, overlap p with their own reference
 * replica w̃¹ and p0 with the other reference replicas (s → 0 of them, overlap q̃ among themselves). With
 * conjugates q̂1, p̂, p̂0 and the reference's q̂̃, the Hubbard-Stratonovich fields are jointly Gaussian:
 *     h̃ ~ N(0, q̂̃)  (the reference's field),   h_c with Var h_c = q̂1, Cov(h̃, h_c) = p̂0,
 * the reference weight is drawn from its RS posterior P(w̃ | h̃) ∝ e^{h̃ w̃} (binary) or
 * N(h̃(1 − q̃), 1 − q̃) (spherical), and each constrained weight feels the field h = h_c + (p̂ − p̂0) w̃:
 *     ψ_C(q̂1, p̂, p̂0) = E_{h̃, h_c, w̃} φ(h),
 * φ the single-weight log-partition (binary: ln 2cosh h; spherical: the Gaussian one of prior.ts). The
 * free entropy of the constrained group is then (franz-parisi.ts)
 *     S = −(q̂1/2)(1 − q1) − p̂ p + p̂0 p0 + ψ_C + α ψ_out,
 * whose stationarity gives q1 = 1 − 2∂ψ_C/∂q̂1, p = ∂ψ_C/∂p̂, p0 = −∂ψ_C/∂p̂0.
 *
 * Binary, with the gauge w̃ → +1 (z0 → w̃ z0, h → w̃ h; ln 2cosh is even):
 *     ψ_C = E_{z0}[(1 + tanh(√q̂̃ z0)) E_η ln 2cosh(a z0 + b η + c)],
 *     a = p̂0/√q̂̃,  b = √(q̂1 − p̂0²/q̂̃),  c = p̂ − p̂0,
 *     ∂ψ_C/∂q̂1 = ½E[(1 + tanh) sech² h],  ∂ψ_C/∂p̂ = E[(1 + tanh) tanh h],
 *     ∂ψ_C/∂p̂0 = −E[(1 + tanh) tanh(√q̂̃ z0) tanh h]   (Stein's lemma in z0 and η).
 * Spherical: φ is quadratic in h, so ψ_C depends on E h² = q̂1 + c² + 2p̂0 c(1 − q̃) only, through the
 * spherical prior's closed form ψ_sph(s) = extr_A[A/2 − ½ln A + s/(2A)] − ½ (prior.ts); E w̃² = 1 and
 * E[z0 w̃] = √q̂̃(1 − q̃) at the reference's saddle point.
 * With an uninformative reference (q̂̃ = 0, p̂0 = 0: reference.ts `teacherAsReference`) both reduce to
 * prior.ts's teacher-student potential ψ_P(q̂1, R̂ = p̂) (tested).
 */
import type { IntegrandHints } from '../math/gauss.js';
import { autoNodes, panelNodes, type NodeRule } from '../math/node-rules.js';
import { log2cosh, sech2 } from '../math/special.js';
import type { ReferenceGroup } from './reference.js';

export interface CoupledConjugates {
  qhat1: number;
  phat: number;
  phat0: number;
}

export interface CoupledPriorTerms {
  psi: number;
  /** ∂ψ_C/∂q̂1 */
  dQhat1: number;
  /** ∂ψ_C/∂p̂ */
  dPhat: number;
  /** ∂ψ_C/∂p̂0 */
  dPhat0: number;
  /** ∂²ψ_C/∂p̂² (for Newton on the distance constraint p(p̂) = p) */
  d2Phat: number;
}

export interface ReferencedPrior {
  readonly name: 'binary' | 'spherical';
  readonly quadrature: string;
  terms(ref: Pick<ReferenceGroup, 'q' | 'qhat'>, c: CoupledConjugates): CoupledPriorTerms;
}

export interface NestedRules {
  outer: NodeRule;
  inner: NodeRule;
}

/**
 * Default rules: outer (the reference's field z0) Gauss-Hermite(40) while every hinted layer is wider than
 * 0.8, inner (the constrained field) Gauss-Hermite(30) while wider than 2, else the layer-refined composite
 * Gauss-Legendre (order 8, ratio 2). The callers hint their layers conservatively (the prior's outer weight
 * 1 + tanh(√q̂̃ z0) as width 0.5/√q̂̃: Hermite rules lose accuracy fast on tanh-like steps). Against order-24
 * panels the terms agree to ~1e-10 relative down to 1 − q1 = 1e-4 (test/replica/reference-terms.test.ts).
 */
export function defaultNestedRules(order = 8): NestedRules {
  return { outer: autoNodes({ hermite: 40, panel: { order }, minWidth: 0.8 }), inner: autoNodes({ hermite: 30, panel: { order }, minWidth: 2 }) };
}

export function describeNested(r: NestedRules): string {
  return r.outer.name === r.inner.name ? `${r.outer.name} (outer and inner)` : `outer ${r.outer.name} × inner ${r.inner.name}`;
}

/** Hints for the layer of φ(m + bη) at η = −m/b, of width 1/b. */
function fieldLayer(m: number, b: number): IntegrandHints {
  return { breakpoints: [-m / b], widths: [1 / b] };
}

/** Split a conjugate triple into the Gaussian coefficients (a, b, c); throws outside the domain b² ≥ 0. */
export function fieldCoefficients(qhatRef: number, c: CoupledConjugates): { a: number; b: number; c: number } {
  if (!(c.qhat1 >= 0)) throw new RangeError(`reference prior: q̂1 must be ≥ 0, got ${c.qhat1}`);
  if (qhatRef <= 0) {
    if (c.phat0 !== 0) throw new RangeError(`reference prior: an uninformative reference (q̂̃ = 0) needs p̂0 = 0, got ${c.phat0}`);
    return { a: 0, b: Math.sqrt(c.qhat1), c: c.phat };
  }
  const a = c.phat0 / Math.sqrt(qhatRef);
  const b2 = c.qhat1 - a * a;
  if (b2 < -1e-12 * Math.max(1, c.qhat1)) throw new RangeError(`reference prior: need q̂1 q̂̃ ≥ p̂0² (got q̂1 = ${c.qhat1}, p̂0 = ${c.phat0}, q̂̃ = ${qhatRef})`);
  return { a, b: Math.sqrt(Math.max(b2, 0)), c: c.phat - c.phat0 };
}

export function binaryReferencedPrior(rules: NestedRules = defaultNestedRules()): ReferencedPrior {
  return {
    name: 'binary',
    quadrature: describeNested(rules),
    terms(ref, cc) {
      const { a, b, c } = fieldCoefficients(ref.qhat, cc);
      const sQ = Math.sqrt(Math.max(ref.qhat, 0));
      // The reference's posterior weight 1 + tanh(√q̂̃ z0) turns into a step of width 1/√q̂̃.
      const outer = rules.outer.nodes(sQ > 0 ? { breakpoints: [0], widths: [0.5 / sQ] } : undefined);
      let psi = 0;
      let T = 0;
      let S2 = 0;
      let P0 = 0;
      for (let i = 0; i < outer.z.length; i++) {
        const z0 = outer.z[i]!;
        const th = Math.tanh(sQ * z0);
        const wo = outer.w[i]! * (1 + th);
        if (wo === 0) continue;
        const m = a * z0 + c;
        let l = 0;
        let t = 0;
        let s2 = 0;
        if (b === 0) {
          l = log2cosh(m);
          t = Math.tanh(m);
          s2 = sech2(m);
        } else {
          const inner = rules.inner.nodes(fieldLayer(m, b));
          for (let j = 0; j < inner.z.length; j++) {
            const h = m + b * inner.z[j]!;
            const wj = inner.w[j]!;
            l += wj * log2cosh(h);
            t += wj * Math.tanh(h);
            s2 += wj * sech2(h);
          }
        }
        psi += wo * l;
        T += wo * t;
        S2 += wo * s2;
        P0 += wo * th * t;
      }
      return { psi, dQhat1: 0.5 * S2, dPhat: T, dPhat0: -P0, d2Phat: S2 };
    },
  };
}

export function sphericalReferencedPrior(): ReferencedPrior {
  return {
    name: 'spherical',
    quadrature: 'closed form',
    terms(ref, cc) {
      const c = cc.phat - cc.phat0;
      const oneMinusQ = 1 - ref.q;
      const s = cc.qhat1 + c * c + 2 * cc.phat0 * c * oneMinusQ;
      if (!(s >= 0)) throw new RangeError(`spherical reference prior: the field variance must be ≥ 0, got ${s}`);
      const A = 0.5 * (1 + Math.sqrt(1 + 4 * s));
      const psi = A / 2 - 0.5 * Math.log(A) + s / (2 * A) - 0.5;
      const g = c + cc.phat0 * oneMinusQ; // ½ ∂s/∂p̂
      return {
        psi,
        dQhat1: 1 / (2 * A),
        dPhat: g / A,
        dPhat0: (-c + oneMinusQ * (c - cc.phat0)) / A,
        // ∂A/∂s = 1/(2A − 1)
        d2Phat: 1 / A - (2 * g * g) / (A * A * (2 * A - 1)),
      };
    },
  };
}

export function referencedPrior(name: 'binary' | 'spherical', rules?: NestedRules): ReferencedPrior {
  return name === 'binary' ? binaryReferencedPrior(rules) : sphericalReferencedPrior();
}

