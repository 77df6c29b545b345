/**
 * `--model committee` for `local-entropy` and `transition --kind local-entropy` (docs/committee.md §6):
 * validation of the committee options (binary weights, κ = 0, K → ∞ only) and the committee's curve and
 * transition rows (entropy/committee-accessibility.ts).
 */
import { committeeAccessibilityTransition } from '../entropy/committee-accessibility.js';
import type { Construction } from '../entropy/accessibility.js';
import { transitionRow } from '../entropy/rows.js';
import type { Row } from '../io/row.js';
import { ACTIVATIONS } from '../replica/activations.js';
import type { CommitteeChannel } from '../replica/channels/committee-kernel.js';
import type { GlmSpec } from '../replica/glm.js';
import { ARCHITECTURES, type CommitteeArgs } from './committee-options.js';
import { invalid } from './errors.js';
import { parseChoice } from './options.js';

const FINITE_K = 'inf (the committee local entropy and α_LE are implemented for K → ∞ only, through the activation kernel; finite K is not)';

/** The committee's identity columns of a local-entropy row. */
function fieldsOf(activation: string): Row {
  return { model: 'committee', architecture: 'tree', k: 'inf', activation };
}

/** Validated committee options of `local-entropy` (exit 2 on anything but binary, κ = 0, K → ∞). */
export function committeeCurveArgs(a: CommitteeArgs & { prior: string; kappa: number }): { activation: string; fields: Row } {
  if (a.prior !== 'binary') throw invalid('prior', a.prior, 'binary for --model committee local entropy');
  if (a.kappa !== 0) throw invalid('kappa', a.kappa, '0 for --model committee (no margin on the counted solutions; the margin reference takes --kappa-ref)');
  parseChoice('architecture', a.architecture ?? 'tree', ARCHITECTURES);
  const activation = parseChoice('activation', a.activation ?? 'sign', ACTIVATIONS);
  if (a.k === undefined) throw invalid('k', '(missing)', FINITE_K);
  if (a.k !== 'inf') throw invalid('k', a.k, FINITE_K);
  if (a.nodes !== undefined) throw invalid('nodes', a.nodes, 'only with a finite --k (not for local entropy)');
  return { activation, fields: fieldsOf(activation) };
}

/** Why `transition --kind local-entropy` does not apply to a committee spec (undefined if it does). */
export function committeeTransitionApplies(spec: GlmSpec): string | undefined {
  const c = (spec.channel as Partial<CommitteeChannel>).committee;
  if (!c) return 'a committee machine';
  if (c.k !== 'inf') return `--k ${FINITE_K}`;
  if (spec.prior.name !== 'binary' || spec.setting !== 'storage') return '--prior binary --setting storage for --model committee';
  return undefined;
}

/** α_LE of a committee spec (K → ∞) as a transition row. */
export function committeeTransitionRow(spec: GlmSpec, o: { construction: Construction; tol: number; bracket?: [number, number]; marginDistance?: number }): Row {
  const c = (spec.channel as CommitteeChannel).committee;
  const t = committeeAccessibilityTransition({ construction: o.construction, activation: c.activation, tol: o.tol, ...(o.bracket ? { bracket: o.bracket } : {}), ...(o.marginDistance !== undefined ? { marginDistance: o.marginDistance } : {}) });
  const { alpha_km: alphaC, ...row } = transitionRow(t);
  return { ...row, ...fieldsOf(t.activation), alpha_c: alphaC ?? null };
}
