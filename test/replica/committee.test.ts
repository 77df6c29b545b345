/**
 * Tree committee machines, storage, RS (REFERENCE.md §3; docs/committee.md): the finite-K sign channel
 * and the K → ∞ kernel channel as values of the Channel interface. Identities (gradients = finite
 * differences, Hessian formulas = finite differences, multiset sums = brute-force sums, heat-equation
 * gradient = exact rule gradient as the rule is refined), limits (K = 1 is the perceptron, q → 0, the
 * linear activation is the perceptron, finite K → K = ∞ as 1/K), closed forms (kernels, q → 1 ends).
 */
import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/math/kronrod.js';
import { createRng } from '../../src/math/rng.js';
import { splitGaussRule } from '../../src/math/split-gauss.js';
import { H } from '../../src/math/special.js';
import { activationByName, erfActivation, kernelByQuadrature, kernelOf, linearActivation, reluActivation, signActivation, type Activation } from '../../src/replica/activations.js';
import { storageCapacity } from '../../src/replica/capacity.js';
import { effectiveOverlap, kernelCommitteeChannel } from '../../src/replica/channels/committee-kernel.js';
import { logPoissonBinomial, signCommitteeAverages, signCommitteeChannel, signCommitteeReplicon, signCommitteeSlopeAtZero, signCommitteeStiffnessQ1 } from '../../src/replica/channels/committee-sign.js';
import { perceptronChannel } from '../../src/replica/channels/perceptron.js';
import { committeeModel, committeeStorageCapacity } from '../../src/replica/committee.js';
import { pointAtOverlap, rsFreeEntropy, solveRS } from '../../src/replica/glm.js';
import { branchEndQ1 } from '../../src/replica/study.js';
import { entropyZero, entropyZeroAlongOverlap } from '../../src/replica/transitions.js';

const central = (f: (x: number) => number, x: number, h: number) => (f(x + h) - f(x - h)) / (2 * h);
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

/** Z_out of K sign units by explicit enumeration of the majorities (no recursion, no logs). */
function zOutBrute(omega: number[], V: number): number {
  const K = omega.length;
  const p = omega.map((w) => H(-w / Math.sqrt(V)));
  let z = 0;
  for (let mask = 0; mask < 1 << K; mask++) {
    let count = 0;
    let prob = 1;
    for (let l = 0; l < K; l++) {
      if (mask & (1 << l)) {
        count++;
        prob *= p[l]!;
      } else prob *= 1 - p[l]!;
    }
    if (count > K / 2) z += prob;
  }
  return z;
}

/** Full product rule Σ_{i₁…i_K} Π w f(√q z_i) by brute force. */
function productRule(K: number, n: number, f: (omega: number[]) => number, q: number): number {
  const { nodes, weights } = splitGaussRule(n);
  let s = 0;
  const idx = new Array<number>(K).fill(0);
  for (;;) {
    let w = 1;
    for (const i of idx) w *= weights[i]!;
    s += w * f(idx.map((i) => Math.sqrt(q) * nodes[i]!));
    let d = 0;
    while (d < K && ++idx[d]! === n) idx[d++] = 0;
    if (d === K) break;
  }
  return s;
}

describe('finite-K sign committee: the channel terms', () => {
  it('K = 1 is the perceptron channel at κ = 0 (ψ, ∂ψ/∂q, replicon)', () => {
    const perc = perceptronChannel({ kappa: 0 });
    const ch = signCommitteeChannel({ k: 1 });
    for (const q of [0.05, 0.3, 0.7, 0.95]) {
      const a = ch.terms(q);
      const b = perc.terms(q);
      expect(Math.abs(a.psi - b.psi)).toBeLessThan(1e-12);
      expect(relErr(a.dq, b.dq)).toBeLessThan(1e-11);
      expect(relErr(ch.replicon(q), perc.replicon(q))).toBeLessThan(1e-9);
    }
  });

  it('the recursion over partial sums, the multisets and the log domain reproduce the brute-force product rule', () => {
    for (const [K, n] of [
      [3, 8],
      [5, 4],
    ] as const) {
      for (const q of [0.3, 0.8]) {
        const brute = productRule(K, n, (w) => Math.log(zOutBrute(w, 1 - q)), q);
        expect(Math.abs(signCommitteeAverages(K, q, n).psi - brute)).toBeLessThan(1e-13);
      }
    }
  });

  it('the log-domain Poisson-binomial recursion equals explicit enumeration, also where p underflows', () => {
    const p = [0.3, 0.9, 1e-200, 0.5, 0.01];
    const lp = p.map(Math.log);
    const lq = p.map((x) => Math.log1p(-x));
    const L = logPoissonBinomial(lp, lq);
    for (let s = 0; s <= p.length; s++) {
      let direct = 0;
      for (let mask = 0; mask < 1 << p.length; mask++) {
        let c = 0;
        let pr = 1;
        for (let l = 0; l < p.length; l++) {
          if ((mask >> l) & 1) {
            c++;
            pr *= p[l]!;
          } else pr *= 1 - p[l]!;
        }
        if (c === s) direct += pr;
      }
      expect(relErr(Math.exp(L[s]!), direct)).toBeLessThan(1e-13);
    }
    // all five positive needs the 1e-200 unit: ln P(S = 5) = Σ ln p_l, far below the double range of P itself
    const tiny = logPoissonBinomial([-800, -900, -1], [0, 0, Math.log1p(-Math.exp(-1))]);
    expect(tiny[3]!).toBeCloseTo(-1701, 10);
  });

  it('∂ψ/∂q is the derivative of ψ (central differences, relative 1e-6), K = 3, 5, 7', () => {
    for (const [K, n] of [
      [3, 24],
      [5, 12],
      [7, 8],
    ] as const) {
      for (const q of [0.1, 0.5, 0.9]) {
        const h = 1e-5 * Math.min(q, 1 - q);
        const fd = central((x) => signCommitteeAverages(K, x, n).psi, q, h);
        expect(relErr(signCommitteeAverages(K, q, n).dq, fd)).toBeLessThan(1e-6);
      }
    }
  });

  it('the heat-equation gradient −½ΣE(∂_ω ln Z)² converges to the same value as the rule is refined', () => {
    // Both are ∂ψ/∂q in the continuum; for a finite rule they differ by its error, which must shrink.
    const q = 0.6;
    const diffs = [24, 48, 96].map((n) => {
      const a = signCommitteeAverages(3, q, n, { heat: true });
      return Math.abs(a.dq - a.dqHeat) / Math.abs(a.dq);
    });
    expect(diffs[0]!).toBeGreaterThan(diffs[1]!);
    expect(diffs[1]!).toBeGreaterThan(diffs[2]!);
    expect(diffs[2]!).toBeLessThan(1e-7);
  });

  it('q → 0: ψ = −ln 2 (every unit a fair coin) and the slope −(K/π)[C(K−1, m−1)/2^{K−1}]²', () => {
    for (const K of [1, 3, 5, 7]) {
      const ch = signCommitteeChannel({ k: K, nodes: K > 3 ? 8 : 24 });
      expect(ch.terms(0).psi).toBe(-Math.LN2);
      const q = 1e-7;
      expect(Math.abs((ch.terms(q).psi + Math.LN2) / q - signCommitteeSlopeAtZero(K))).toBeLessThan(1e-5);
      expect(relErr(ch.terms(q).dq, signCommitteeSlopeAtZero(K))).toBeLessThan(1e-5);
    }
    // K → ∞ slope: ψ'_perc(0)·Q'(0) = (−1/π)(2/π).
    expect(relErr(kernelCommitteeChannel({ activation: 'sign' }).terms(0).dq, -2 / Math.PI ** 2)).toBeLessThan(1e-9);
  });

  it('replicon: E‖∇²_ω ln Z‖²_F equals the product rule of finite-difference Hessians (K = 3)', () => {
    const n = 6;
    for (const q of [0.3, 0.7]) {
      const V = 1 - q;
      const h = 1e-4;
      const frob = (w: number[]) => {
        const f = (x: number[]) => Math.log(zOutBrute(x, V));
        let s = 0;
        for (let a = 0; a < 3; a++)
          for (let b = 0; b < 3; b++) {
            const at = (da: number, db: number) => {
              const x = [...w];
              x[a]! += da;
              x[b]! += db;
              return f(x);
            };
            const hab = (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
            s += hab * hab;
          }
        return s;
      };
      expect(relErr(signCommitteeReplicon(3, q, n), productRule(3, n, frob, q))).toBeLessThan(1e-5);
    }
  });

  it('storage only: a teacher overlap is rejected', () => {
    expect(() => signCommitteeChannel({ k: 3, nodes: 8 }).terms(0.5, 0.3)).toThrow(RangeError);
    expect(() => signCommitteeChannel({ k: 4 })).toThrow(RangeError);
  });
});

describe('finite K → K = ∞ (sign units)', () => {
  it('ψ_K(q) − ψ_∞(q) shrinks as 1/K, and the replicon approaches its K → ∞ form', () => {
    const inf = kernelCommitteeChannel({ activation: 'sign' });
    const q = 0.4;
    const psiInf = inf.terms(q).psi;
    const repInf = inf.replicon(q);
    const rows = [3, 5, 7].map((K) => {
      const n = K === 3 ? 48 : K === 5 ? 16 : 10;
      return { K, dpsi: signCommitteeAverages(K, q, n).psi - psiInf, drep: signCommitteeReplicon(K, q, n) - repInf };
    });
    for (let i = 1; i < rows.length; i++) {
      expect(Math.abs(rows[i]!.dpsi)).toBeLessThan(Math.abs(rows[i - 1]!.dpsi));
      expect(Math.abs(rows[i]!.drep)).toBeLessThan(Math.abs(rows[i - 1]!.drep));
    }
    // K·(ψ_K − ψ_∞) is nearly constant (−0.088, −0.082, −0.079).
    const scaled = rows.map((r) => r.K * r.dpsi);
    expect(Math.max(...scaled) / Math.min(...scaled)).toBeLessThan(1.15);
  });
});

describe('q → 1 stiffness of the finite-K channel (order statistics) and the spherical capacity', () => {
  it('K = 1 gives Gardner’s E = ½ (α_c = 2); K = 3 equals the explicit formula (3/8)E[min(X₁,X₂)] + (1/8)E[X₍₁₎ + X₍₂₎]', () => {
    expect(Math.abs(signCommitteeStiffnessQ1(1).value - 0.5)).toBeLessThan(1e-13);
    // P(min of two χ²₁ > t²) = (2H(t))², P(X₍₁:₃₎ > t²) = (2H)³, P(X₍₂:₃₎ > t²) = (2H)³ + 3(1 − 2H)(2H)².
    const I = (f: (t: number) => number) => integrate((t) => 2 * t * f(2 * H(t)), 0, Infinity, { epsRel: 1e-13 }).value;
    const e3 = (3 / 8) * I((T) => T * T) + (1 / 8) * (I((T) => T ** 3) + I((T) => T ** 3 + 3 * (1 - T) * T * T));
    expect(relErr(signCommitteeStiffnessQ1(3).value, e3)).toBeLessThan(1e-11);
  });

  it('agrees with a seeded Monte Carlo estimate of E[Σ of the r smallest z² of the negative units] (K = 5, 7)', () => {
    for (const K of [5, 7]) {
      const rng = createRng(20240611 + K);
      const N = 100_000;
      let s = 0;
      let s2 = 0;
      for (let t = 0; t < N; t++) {
        const neg: number[] = [];
        for (let l = 0; l < K; l++) {
          const z = rng.normal();
          if (z < 0) neg.push(z * z);
        }
        const r = neg.length - (K - 1) / 2;
        let x = 0;
        if (r > 0) {
          neg.sort((a, b) => a - b);
          for (let j = 0; j < r; j++) x += neg[j]!;
        }
        s += x;
        s2 += x * x;
      }
      const mean = s / N;
      const se = Math.sqrt((s2 / N - mean * mean) / N);
      expect(Math.abs(mean - signCommitteeStiffnessQ1(K).value)).toBeLessThan(4 * se);
    }
  });

  it('RS spherical capacity 1/E_K grows like √K (not √ln K): 4.0252 at K = 3, α_c/√K increasing towards 12/√(2π)', () => {
    const alpha = (K: number) => 1 / signCommitteeStiffnessQ1(K).value;
    expect(Math.abs(alpha(3) - 4.025191880637)).toBeLessThan(1e-9);
    const ratios = [3, 9, 27, 81, 243].map((K) => alpha(K) / Math.sqrt(K));
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]!).toBeGreaterThan(ratios[i - 1]!);
    expect(ratios[ratios.length - 1]!).toBeLessThan(12 / Math.sqrt(2 * Math.PI));
  });

  it('the branch α(q) of the finite-K channel rises towards 1/E_K but the fixed rule does not resolve q → 1', () => {
    // K = 3, n = 96: the rule converges at 1 − q = 0.1 (to ~1e-4) but not at 1 − q = 10⁻³ (diagonal kinks
    // |z_a| = |z_b| sharpen): that is why the capacity is taken from the analytic limit.
    const spec = (n: number) => committeeModel({ prior: 'spherical', k: 3, nodes: n });
    const a1 = pointAtOverlap(spec(96), 0.9).alpha;
    const a1r = pointAtOverlap(spec(160), 0.9).alpha;
    const a3 = pointAtOverlap(spec(96), 0.999).alpha;
    const a3r = pointAtOverlap(spec(160), 0.999).alpha;
    expect(Math.abs(a1 - a1r)).toBeLessThan(1e-3);
    expect(Math.abs(a3 - a3r)).toBeGreaterThan(1e-3);
    expect(a1).toBeLessThan(a3r);
    expect(a3r).toBeLessThan(1 / signCommitteeStiffnessQ1(3).value);
  });
});

describe('activations: kernels Δ(q) = Cov[φ(x), φ(y)] by nested quadrature against the closed forms', () => {
  const strip = (a: Activation, withDerivative: boolean): Activation => ({
    name: a.name,
    phi: a.phi,
    ...(withDerivative && a.dphi ? { dphi: a.dphi } : {}),
    ...(a.kinks ? { kinks: a.kinks } : {}),
  });
  for (const a of [signActivation, reluActivation, erfActivation, linearActivation]) {
    it(`${a.name}: Δ, Δ', Δ'' (with and without φ')`, () => {
      for (const withD of a.dphi ? [true, false] : [false]) {
        const k = kernelByQuadrature(strip(a, withD));
        for (const q of [0.1, 0.5, 0.9]) {
          expect(Math.abs(k.delta(q) - a.kernel!.delta(q))).toBeLessThan(1e-10);
          expect(Math.abs(k.d1(q) - a.kernel!.d1(q))).toBeLessThan(1e-9 * Math.max(1, a.kernel!.d1(q)));
          expect(Math.abs(k.d2(q) - a.kernel!.d2(q))).toBeLessThan(1e-8 * Math.max(1, a.kernel!.d2(q)));
        }
      }
    });
  }

  it("Δ' and Δ'' are the derivatives of Δ and Δ' (Price's theorem; tanh by quadrature)", () => {
    for (const name of ['sign', 'relu', 'erf', 'tanh']) {
      const k = kernelOf(activationByName(name));
      for (const q of [0.2, 0.7]) {
        expect(relErr(k.d1(q), central((x) => k.delta(x), q, 1e-4))).toBeLessThan(1e-6);
        expect(relErr(k.d2(q), central((x) => k.d1(x), q, 1e-4))).toBeLessThan(1e-6);
      }
    }
  });

  it('Q(q) = Δ(q)/Δ(1) runs from 0 to 1; sign has Q = (2/π) arcsin q', () => {
    for (const a of [signActivation, reluActivation, erfActivation, linearActivation]) {
      expect(Math.abs(effectiveOverlap(a, 0).Q)).toBeLessThan(1e-15);
      expect(Math.abs(effectiveOverlap(a, 1).Q - 1)).toBeLessThan(1e-15);
    }
    expect(effectiveOverlap(signActivation, 0.5).Q).toBeCloseTo((2 / Math.PI) * Math.asin(0.5), 15);
  });
});

describe('K → ∞ committee channel: the perceptron at the effective overlap Q(q)', () => {
  it('linear units are the perceptron (ψ, gradient, replicon)', () => {
    const perc = perceptronChannel({ kappa: 0 });
    const ch = kernelCommitteeChannel({ activation: 'linear' });
    for (const q of [0.2, 0.6, 0.95]) {
      expect(Math.abs(ch.terms(q).psi - perc.terms(q).psi)).toBeLessThan(1e-14);
      expect(relErr(ch.terms(q).dq, perc.terms(q).dq)).toBeLessThan(1e-13);
      expect(relErr(ch.replicon(q), perc.replicon(q))).toBeLessThan(1e-13);
    }
  });

  for (const name of ['sign', 'relu', 'tanh', 'erf']) {
    it(`${name}: ∂ψ/∂q = finite differences of ψ (relative 1e-6), gradient() = terms()`, () => {
      const ch = kernelCommitteeChannel({ activation: name });
      for (const q of [0.1, 0.5, 0.9]) {
        const h = 1e-5 * Math.min(q, 1 - q);
        const t = ch.terms(q);
        expect(relErr(t.dq, central((x) => ch.terms(x).psi, q, h))).toBeLessThan(1e-6);
        expect(ch.gradient!(q).dq).toBe(t.dq);
      }
    });
  }
});

describe('committee capacities and their criteria', () => {
  it('K = 1 reproduces the perceptron: α_KM = 0.8330786 (entropy zero) and α_c = 2 (q → 1), to 1e-6', () => {
    const bin = committeeStorageCapacity(committeeModel({ prior: 'binary', k: 1 }));
    expect(bin.converged).toBe(true);
    expect(Math.abs(bin.alpha_c - 0.8330786)).toBeLessThan(1e-6);
    expect(bin.criterion).toMatch(/entropy = 0/);
    expect(Math.abs(bin.rsEnd.alpha - 4 / Math.PI)).toBeLessThan(1e-12);
    const sph = storageCapacity(committeeModel({ prior: 'spherical', k: 1 }));
    expect(Math.abs(sph.alpha_c - 2)).toBeLessThan(1e-12);
  });

  it('binary, sign units: the capacity grows with K towards its K → ∞ value; the rule is refined and converged', () => {
    const inf = committeeStorageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation: 'sign' }));
    const c3 = committeeStorageCapacity(committeeModel({ prior: 'binary', k: 3, nodes: 48 }));
    const c5 = committeeStorageCapacity(committeeModel({ prior: 'binary', k: 5, nodes: 18 }));
    for (const c of [inf, c3, c5]) expect(c.converged).toBe(true);
    expect(c3.quadratureError!).toBeLessThan(1e-7);
    expect(0.8330786).toBeLessThan(c3.alpha_c);
    expect(c3.alpha_c).toBeLessThan(c5.alpha_c);
    expect(c5.alpha_c).toBeLessThan(inf.alpha_c);
    // 1/K approach: K(α_∞ − α_K) is nearly constant (0.079, 0.070).
    expect(Math.abs((3 * (inf.alpha_c - c3.alpha_c)) / (5 * (inf.alpha_c - c5.alpha_c)) - 1)).toBeLessThan(0.2);
  });

  it('K → ∞: the entropy zero along the branch in q agrees with continuation in α (entropyZero)', () => {
    const spec = committeeModel({ prior: 'binary', k: 'inf', activation: 'relu' });
    const a = entropyZeroAlongOverlap(spec, { tol: 1e-11 });
    const b = entropyZero(spec, { tol: 1e-11 });
    expect(Math.abs(a.value - b.value)).toBeLessThan(1e-8);
    // and the RS free entropy is stationary there
    const p = solveRS(spec, a.value, { guess: { q: a.q } });
    expect(Math.abs(p.phi)).toBeLessThan(1e-8);
    expect(Math.abs(central((x) => rsFreeEntropy(spec, a.value, { q: x, qhat: p.qhat }), p.q, 1e-5))).toBeLessThan(1e-8);
  });

  it('spherical, K → ∞: α_c = 2Δ\'(1)/Δ(1) (relu 2π/(π−1), erf 4/(√5 arcsin ⅔), linear 2), checked by the extrapolated branch end', () => {
    const closed: [string, number][] = [
      ['relu', (2 * Math.PI) / (Math.PI - 1)],
      ['erf', 4 / (Math.sqrt(5) * Math.asin(2 / 3))],
      ['linear', 2],
    ];
    for (const [name, value] of closed) {
      const c = committeeStorageCapacity(committeeModel({ prior: 'spherical', k: 'inf', activation: name }));
      expect(c.converged).toBe(true);
      expect(Math.abs(c.alpha_c - value)).toBeLessThan(1e-12);
      expect(Math.abs(c.branchCheck!.alpha - value)).toBeLessThan(1e-5 * value);
    }
  });

  it('binary RS end (2/π)/E: checked against the extrapolated branch end at K → ∞ (relu)', () => {
    const spec = committeeModel({ prior: 'binary', k: 'inf', activation: 'relu' });
    const c = committeeStorageCapacity(spec);
    expect(Math.abs(c.rsEnd.alpha - (2 / Math.PI) * ((2 * Math.PI) / (Math.PI - 1)))).toBeLessThan(1e-12);
    expect(Math.abs(branchEndQ1(spec).alpha - c.rsEnd.alpha)).toBeLessThan(1e-4);
  });

  it('a user-defined activation (ReLU given only as φ, φ\' and its kink) reproduces the built-in closed-form capacities', () => {
    const userRelu: Activation = { name: 'my-relu', phi: (x) => Math.max(0, x), dphi: (x) => (x > 0 ? 1 : 0), kinks: [0] };
    const sph = committeeStorageCapacity(committeeModel({ prior: 'spherical', k: 'inf', activation: userRelu }));
    expect(Math.abs(sph.alpha_c - (2 * Math.PI) / (Math.PI - 1))).toBeLessThan(1e-9);
    const bin = committeeStorageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation: userRelu }));
    const ref = committeeStorageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation: 'relu' }));
    expect(Math.abs(bin.alpha_c - ref.alpha_c)).toBeLessThan(1e-8);
    expect(committeeModel({ prior: 'binary', k: 'inf', activation: userRelu }).channel.params.activation).toBe('my-relu');
  });

  it('spherical, sign units, K → ∞: no q → 1 end in RS — α(q) grows like (1 − q)^{−1/2}', () => {
    const spec = committeeModel({ prior: 'spherical', k: 'inf', activation: 'sign' });
    const c = committeeStorageCapacity(spec);
    expect(c.alpha_c).toBe(Infinity);
    expect(c.converged).toBe(true);
    const ratio = pointAtOverlap(spec, 1 - 1e-6).alpha / pointAtOverlap(spec, 1 - 1e-4).alpha;
    expect(Math.abs(ratio - 10)).toBeLessThan(0.1);
  });
});
