import type { Argv, CommandModule } from 'yargs';
import { setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { storageCapacity } from '../../replica/capacity.js';
import type { GlmSpec } from '../../replica/glm.js';
import { generalizationErrors, modelFields } from '../../replica/rows.js';
import { firstOrderTransition, poorBranchSpinodal } from '../../replica/teacher-student.js';
import { repliconZero } from '../../replica/transitions.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { ComputationError, invalid } from '../errors.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseChoice, parseNumber, parseOptionalNumber, parseRange } from '../options.js';
import { runGrid, withGridOptions, type GridArgs } from '../grid-runner.js';
import type { ChainResult } from '../grid-tasks.js';
import { axisFromRange, makeGrid, type Point } from '../../parallel/grid.js';
import { accessibilityTransition } from '../../entropy/accessibility.js';
import { transitionRow } from '../../entropy/rows.js';
import { committeeTransitionApplies, committeeTransitionRow } from '../committee-local-entropy.js';
import { isRandomFeatures, rfTransition } from '../random-features-options.js';

type Args = ModelArgs & OutputArgs & GridArgs & { kind?: string; tol?: string; 'keep-unconverged'?: boolean; reference?: string; bracket?: string; 'margin-distance'?: string };

/** A kind of transition: where it applies and how to compute its row(s). */
export interface TransitionKind {
  name: string;
  describe: string;
  /** Returns undefined when the kind applies to this model, else what is allowed. */
  applies(spec: GlmSpec): string | undefined;
  compute(spec: GlmSpec, tol: number, argv: Args): Row;
  /** Default tolerance on α when --tol is not given (default 1e-10). */
  defaultTol?: number;
}

const storageOnly = (spec: GlmSpec) => (spec.setting === 'storage' ? undefined : '--setting storage');
const matchedTS = (spec: GlmSpec) =>
  spec.setting === 'teacher-student' && spec.nishimori && spec.prior.name === 'binary' ? undefined : '--setting teacher-student --prior binary with a binary teacher and κ = 0 (the Bayes-optimal case)';

function tsStateFields(p: { q: number; R?: number; phi: number }): Row {
  return { q: p.q, R: p.R ?? p.q, entropy: p.phi, ...generalizationErrors(p.q, p.R ?? p.q) };
}

const binaryPerceptronStorage = (spec: GlmSpec) =>
  spec.setting === 'storage' && spec.prior.name === 'binary' && spec.channel.name === 'perceptron' ? undefined : '--prior binary --setting storage (the binary perceptron, or --model committee --k inf)';

export const TRANSITION_KINDS: TransitionKind[] = [
  {
    name: 'sat-unsat',
    describe: 'storage capacity (binary: RS entropy = 0, frozen 1RSB; spherical: Gardner closed form checked by q → 1)',
    applies: storageOnly,
    compute(spec, tol) {
      const c = storageCapacity(spec, { tol });
      return { alpha: c.alpha_c, criterion: c.criterion, tolerance: c.tolerance, converged: c.converged, ...(c.point ? { q: c.point.q, replicon: c.point.replicon } : {}), ...(c.reason ? { reason: c.reason } : {}) };
    },
  },
  {
    name: 'rs-end',
    describe: 'α where the RS branch reaches q → 1 (binary: the unphysical Gardner-Derrida RS capacity)',
    applies: storageOnly,
    compute(spec) {
      const c = storageCapacity(spec);
      return { alpha: c.rsEnd.alpha, criterion: c.rsEnd.criterion, tolerance: c.rsEnd.errorEstimate, converged: c.rsEnd.converged };
    },
  },
  {
    name: 'at',
    describe: 'de Almeida-Thouless line: the replicon eigenvalue of the RS branch crosses zero',
    applies: (spec) => (spec.setting === 'teacher-student' && spec.nishimori ? 'a model off the Nishimori line (RS is exact on it)' : undefined),
    compute(spec, tol) {
      const t = repliconZero(spec, { tol });
      return { alpha: t.value, criterion: t.criterion, tolerance: t.tolerance, bracket_lo: t.bracket[0], bracket_hi: t.bracket[1], converged: t.converged, ...(t.reason ? { reason: t.reason } : { q: t.point.q, entropy: t.point.phi }) };
    },
  },
  {
    name: 'first-order',
    describe: 'teacher-student: the poor-generalization branch’s free entropy crosses the perfect state’s (φ = 0)',
    applies: matchedTS,
    compute(spec, tol) {
      const t = firstOrderTransition(spec, { tol });
      return { alpha: t.value, criterion: t.criterion, tolerance: t.tolerance, bracket_lo: t.bracket[0], bracket_hi: t.bracket[1], converged: t.converged, state: 'poor', ...tsStateFields(t.point) };
    },
  },
  {
    name: 'spinodal',
    describe: 'teacher-student: the end of the metastable poor-generalization branch (continuation + bisection on existence)',
    applies: matchedTS,
    compute(spec, tol) {
      const t = poorBranchSpinodal(spec, { tol: Math.max(tol, 1e-9) });
      return {
        alpha: t.value,
        criterion: t.criterion,
        tolerance: t.tolerance,
        bracket_lo: t.bracket[0],
        bracket_hi: t.bracket[1],
        fold_check: t.foldCheck?.alpha ?? null,
        converged: t.converged,
        state: 'poor',
        ...tsStateFields(t.point),
        ...(t.reason ? { reason: t.reason } : {}),
      };
    },
  },
  {
    name: 'local-entropy',
    describe:
      'accessibility (local-entropy) transition α_LE: the dense regions’ local-entropy curve S(d) stops being monotonic (--reference large-deviation: densest regions, y → ∞; margin: best high-margin reference)',
    applies: (spec) => (spec.channel.name === 'committee' ? committeeTransitionApplies(spec) : binaryPerceptronStorage(spec)),
    defaultTol: 1e-4,
    compute(spec, tol, argv) {
      const construction = parseChoice('reference', argv.reference ?? 'large-deviation', ['large-deviation', 'margin'] as const);
      let bracket: [number, number] | undefined;
      if (argv.bracket !== undefined) {
        const parts = String(argv.bracket).split(':');
        if (parts.length !== 2) throw invalid('bracket', argv.bracket, 'LO:HI with 0 < LO < HI ≤ 100, e.g. 0.72:0.78');
        const lo = parseNumber('bracket', parts[0], { min: 0, minExclusive: true, max: 100 });
        const hi = parseNumber('bracket', parts[1], { min: 0, minExclusive: true, max: 100 });
        if (!(lo < hi)) throw invalid('bracket', argv.bracket, 'LO:HI with LO < HI');
        bracket = [lo, hi];
      }
      const marginDistance = parseOptionalNumber('margin-distance', argv['margin-distance'], 0.005, { min: 0, minExclusive: true, max: 0.5, maxExclusive: true });
      let t;
      try {
        if (spec.channel.name === 'committee') return committeeTransitionRow(spec, { construction, tol, marginDistance, ...(bracket ? { bracket } : {}) });
        t = accessibilityTransition({ construction, kappa: Number(spec.channel.params.kappa), tol, marginDistance, ...(bracket ? { bracket } : {}) });
      } catch (err) {
        if (err instanceof RangeError) throw new ComputationError(`local-entropy transition (${construction}): ${err.message}`);
        throw err;
      }
      return transitionRow(t);
    },
  },
];

/** The kind and tolerance asked for, checked against the model. */
function checkKind(argv: Args, spec: GlmSpec): { kind: TransitionKind; tol: number } {
  const kindName = parseChoice('kind', argv.kind ?? (spec.setting === 'storage' ? 'sat-unsat' : 'first-order'), TRANSITION_KINDS.map((k) => k.name));
  const kind = TRANSITION_KINDS.find((k) => k.name === kindName)!;
  const notApplicable = kind.applies(spec);
  if (notApplicable) throw invalid('kind', kindName, `a kind that applies to this model: ${kindName} needs ${notApplicable}`);
  if (kindName !== 'local-entropy') {
    for (const o of ['reference', 'bracket', 'margin-distance'] as const) if (argv[o] !== undefined) throw invalid(o, argv[o], 'only with --kind local-entropy');
  }
  return { kind, tol: parseOptionalNumber('tol', argv.tol, kind.defaultTol ?? 1e-10, { min: 1e-14, max: 1e-2 }) };
}

/** Transitions at independent margins κ (a κ range with --jobs N runs them on worker threads). */
export function transitionChain(argv: Args, pts: Point[]): ChainResult {
  return {
    rows: pts.map((p) => {
      const spec = specFromArgs({ ...argv, kappa: String(p.kappa) });
      const { kind, tol } = checkKind(argv, spec);
      try {
        return { ...modelFields(spec), kind: kind.name, ...kind.compute(spec, tol, argv) };
      } catch (err) {
        if (!(err instanceof ComputationError || err instanceof RangeError)) throw err;
        return { ...modelFields(spec), kind: kind.name, alpha: null, converged: false, reason: err.message };
      }
    }),
  };
}

export const transitionCommand: CommandModule<object, Args> = {
  command: 'transition',
  describe: 'Locate a transition (capacity, RS end, AT line, first-order, spinodal) by a root finder, with its criterion',
  builder: (y: Argv) =>
    withGridOptions(withOutputOptions(withModelOptions(y)))
      .option('kind', { type: 'string', describe: `${TRANSITION_KINDS.map((k) => `${k.name}: ${k.describe}`).join('; ')} [default: sat-unsat in storage, first-order in teacher-student]` })
      .option('tol', { type: 'string', describe: 'tolerance on the location α of the transition [default: 1e-10; local-entropy: 1e-4]' })
      .option('reference', { type: 'string', describe: 'local-entropy: large-deviation (densest regions, y → ∞) or margin (best high-margin reference) [default: large-deviation]' })
      .option('bracket', { type: 'string', describe: 'local-entropy: α bracket LO:HI (adapted if it does not contain the transition) [default: 0.85·α_KM(κ) to 0.97·α_KM(κ); committee: 0.6·α_c to 0.97·α_c]' })
      .option('margin-distance', { type: 'string', describe: 'local-entropy with --reference margin: the distance d_s at which the best κ̃ maximizes S [default: 0.005]' })
      .option('keep-unconverged', { type: 'boolean', default: false, describe: 'write the row even if the criterion did not converge (flagged)' })
      .example('gardner transition --prior binary', 'α_KM = 0.8330786 (entropy zero)')
      .example('gardner transition --kind local-entropy --prior binary --kappa 0', 'α_LE of the densest regions (large deviations)')
      .example('gardner transition --setting teacher-student --prior binary --kind spinodal', 'end of the poor-generalization branch') as unknown as Argv<Args>,
  handler: async (argv) => {
    checkOutputArgs(argv);
    if (isRandomFeatures(argv)) return rfTransition(argv, argv.kind, argv.tol === undefined ? undefined : parseOptionalNumber('tol', argv.tol, 1e-4, { min: 1e-14, max: 1e-2 }));
    const kappas = parseRange('kappa', argv.kappa ?? '0', { min: -10, max: 10 }, 'up', 10_000);
    for (const k of kappas.values) checkKind(argv, specFromArgs({ ...argv, kappa: String(k) })); // validate every κ here, not in a worker
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    await runGrid({
      command: 'transition',
      args: argv,
      grid: makeGrid([axisFromRange('kappa', kappas)], { chained: false }),
      keepUnconverged: argv['keep-unconverged'] ?? false,
      tableColumns: ['prior', 'setting', 'k', 'activation', 'kappa', 'kind', 'reference', 'alpha', 'tolerance', 'alpha_km', 'alpha_c', 'kappa_ref', 'q', 'eps_gibbs', 'eps_bayes', 'fold_check', 'converged', 'criterion'],
      validate: (rows) => {
        const bad = rows.find((r) => r.converged === false);
        if (bad && !argv['keep-unconverged']) throw new ComputationError(`${bad.kind}: the criterion did not converge at κ = ${bad.kappa} (${bad.reason ?? 'no reason given'})`);
      },
    });
  },
};
