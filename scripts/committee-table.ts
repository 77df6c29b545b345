/**
 * Tree committee machines, storage, RS (issue #6): the capacity table K = 1, 3, 5, 7, 9, ∞ for sign units
 * (binary and spherical weights), the K → ∞ capacities of the five activations, the rule-refinement study
 * of the finite-K integrals, the spherical branch near q → 1 with two rules, the √K growth of the RS
 * spherical capacity, and the AT line at K → ∞. Writes out/committee-*.{csv,json}; prints the tables.
 *
 *     npx tsx scripts/committee-table.ts            (≈ 2 min on one core)
 */
import type { Row } from '../src/io/row.js';
import { study } from './study.js';
import { ACTIVATIONS } from '../src/replica/activations.js';
import { defaultSignCommitteeNodes, signCommitteeStiffnessQ1 } from '../src/replica/channels/committee-sign.js';
import { committeeModel, committeeStorageCapacity } from '../src/replica/committee.js';
import { pointAtOverlap } from '../src/replica/glm.js';
import { repliconZero } from '../src/replica/transitions.js';

const { prov, elapsed, write } = study('npx tsx scripts/committee-table.ts', 9);

// 1. Sign units: K = 1 … 9 and ∞.
const sign: Row[] = [];
for (const k of [1, 3, 5, 7, 9, 'inf'] as const) {
  const t = performance.now();
  const bin = committeeStorageCapacity(committeeModel({ prior: 'binary', k, activation: 'sign' }));
  const sph = committeeStorageCapacity(committeeModel({ prior: 'spherical', k, activation: 'sign' }));
  sign.push({
    k,
    nodes: k === 'inf' ? null : defaultSignCommitteeNodes(k),
    alpha_c_binary: bin.alpha_c,
    q_at_alpha_c: bin.point?.q ?? null,
    replicon_at_alpha_c: bin.point?.replicon ?? null,
    alpha_c_binary_coarse_rule: bin.coarse?.alpha_c ?? null,
    quadrature_error: bin.quadratureError ?? null,
    binary_converged: bin.converged,
    alpha_rs_end_binary: Number.isFinite(bin.rsEnd.alpha) ? bin.rsEnd.alpha : null,
    alpha_c_spherical_rs: Number.isFinite(sph.alpha_c) ? sph.alpha_c : null,
    spherical_diverges: sph.alpha_c === Infinity,
    monasson_zecchina_1rsb_large_k: k === 'inf' || k === 1 ? null : (16 / Math.PI) * Math.sqrt(Math.log(k)),
    criterion_binary: bin.criterion,
    criterion_spherical: sph.criterion,
    seconds: (performance.now() - t) / 1000,
    ...prov,
  });
}
write('committee-sign', sign, ['k', 'nodes', 'alpha_c_binary', 'q_at_alpha_c', 'quadrature_error', 'alpha_rs_end_binary', 'alpha_c_spherical_rs', 'monasson_zecchina_1rsb_large_k', 'seconds']);

// 2. K → ∞, the five activations.
const inf: Row[] = [];
for (const activation of ACTIVATIONS) {
  const bin = committeeStorageCapacity(committeeModel({ prior: 'binary', k: 'inf', activation }));
  const sph = committeeStorageCapacity(committeeModel({ prior: 'spherical', k: 'inf', activation }));
  const at = repliconZero(committeeModel({ prior: 'spherical', k: 'inf', activation }), { tol: 1e-8 });
  inf.push({
    activation,
    alpha_c_binary: bin.alpha_c,
    q_at_alpha_c: bin.point?.q ?? null,
    rs_stable_at_alpha_c_binary: bin.point ? bin.point.replicon > 0 : null,
    alpha_c_spherical_rs: Number.isFinite(sph.alpha_c) ? sph.alpha_c : null,
    spherical_diverges: sph.alpha_c === Infinity,
    spherical_branch_check: sph.branchCheck?.alpha ?? null,
    alpha_at_spherical: at.converged ? at.value : null,
    alpha_rs_end_binary: Number.isFinite(bin.rsEnd.alpha) ? bin.rsEnd.alpha : null,
    criterion_binary: bin.criterion,
    criterion_spherical: sph.criterion,
    ...prov,
  });
}
write('committee-inf', inf, ['activation', 'alpha_c_binary', 'q_at_alpha_c', 'rs_stable_at_alpha_c_binary', 'alpha_c_spherical_rs', 'spherical_branch_check', 'alpha_at_spherical', 'alpha_rs_end_binary']);

// 3. Rule refinement of the binary capacity at finite K.
const refine: Row[] = [];
for (const [k, sizes] of [
  [3, [24, 48, 96, 160]],
  [5, [16, 24, 32, 40]],
  [7, [12, 16, 20, 24]],
  [9, [10, 12, 14, 16]],
] as const) {
  for (const nodes of sizes) {
    const t = performance.now();
    const c = committeeStorageCapacity(committeeModel({ prior: 'binary', k, nodes }), { refine: false });
    refine.push({ k, nodes, alpha_c_binary: c.alpha_c, q_at_alpha_c: c.point?.q ?? null, seconds: (performance.now() - t) / 1000, ...prov });
  }
}
write('committee-rule-refinement', refine, ['k', 'nodes', 'alpha_c_binary', 'q_at_alpha_c', 'seconds']);

// 4. The spherical branch α(q) near q → 1 with two rules, against the analytic end 1/E_K.
const branch: Row[] = [];
for (const [k, sizes] of [
  [1, [48, 200]],
  [3, [96, 200]],
  [5, [24, 40]],
] as const) {
  const end = 1 / signCommitteeStiffnessQ1(k).value;
  for (const d of [1e-1, 1e-2, 1e-3, 1e-4]) {
    const [a, b] = sizes.map((n) => pointAtOverlap(committeeModel({ prior: 'spherical', k, nodes: n }), 1 - d).alpha);
    branch.push({ k, one_minus_q: d, nodes_coarse: sizes[0], alpha_coarse: a!, nodes_fine: sizes[1], alpha_fine: b!, change_on_refinement: b! - a!, alpha_c_analytic: end, ...prov });
  }
}
write('committee-spherical-branch', branch, ['k', 'one_minus_q', 'nodes_coarse', 'alpha_coarse', 'nodes_fine', 'alpha_fine', 'change_on_refinement', 'alpha_c_analytic']);

// 5. The de Almeida-Thouless line of the spherical sign committee at finite K (continuation in α).
const at: Row[] = [];
for (const k of [1, 3, 5] as const) {
  const t = performance.now();
  const r = repliconZero(committeeModel({ prior: 'spherical', k }), { tol: 1e-6 });
  at.push({ k, nodes: defaultSignCommitteeNodes(k), alpha_at_spherical: r.converged ? r.value : null, q_at: r.converged ? r.point.q : null, alpha_c_spherical_rs: 1 / signCommitteeStiffnessQ1(k).value, criterion: r.criterion, converged: r.converged, seconds: (performance.now() - t) / 1000, ...prov });
}
write('committee-at', at, ['k', 'nodes', 'alpha_at_spherical', 'q_at', 'alpha_c_spherical_rs', 'converged', 'seconds']);

// 6. Growth of the RS spherical capacity with K (q → 1 formula, any odd K).
const growth: Row[] = [];
for (const k of [1, 3, 5, 7, 9, 15, 25, 51, 101, 201, 401, 1001]) {
  const a = 1 / signCommitteeStiffnessQ1(k).value;
  growth.push({ k, alpha_c_spherical_rs: a, over_sqrt_k: a / Math.sqrt(k), large_k_limit_over_sqrt_k: 12 / Math.sqrt(2 * Math.PI), monasson_zecchina_1rsb: k > 1 ? (16 / Math.PI) * Math.sqrt(Math.log(k)) : null, ...prov });
}
write('committee-rs-growth', growth, ['k', 'alpha_c_spherical_rs', 'over_sqrt_k', 'large_k_limit_over_sqrt_k', 'monasson_zecchina_1rsb']);
process.stdout.write(`\ndone in ${elapsed()}; wrote out/committee-*.{csv,json}\n`);
