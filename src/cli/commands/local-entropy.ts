import type { Argv, CommandModule } from 'yargs';
import { localEntropyCurve } from '../../entropy/curve.js';
import { localEntropyRow, type ReferenceKind } from '../../entropy/rows.js';
import { logGrid } from '../../entropy/transition.js';
import { provenance, setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { ComputationError, invalid, UsageError } from '../errors.js';
import { MODELS, PRIORS } from '../model-options.js';
import { parseChoice, parseNumber, parseOptionalNumber, parseRange } from '../options.js';
import { emitRows, note } from '../output.js';
import { committeeCurveArgs } from '../committee-local-entropy.js';
import { rejectCommitteeOptions, withCommitteeOptions, type CommitteeArgs } from '../committee-options.js';
import { committeeLocalEntropyCurve } from '../../entropy/committee-accessibility.js';
import { isRandomFeatures, rfLocalEntropy, withRandomFeaturesOptions } from '../random-features-options.js';

type Args = OutputArgs & CommitteeArgs & {
  model?: string;
  prior?: string;
  alpha?: string;
  kappa?: string;
  reference?: string;
  'kappa-ref'?: string;
  'margin-distance'?: string;
  d?: string;
  'd-log'?: string;
  tol?: string;
  'keep-unconverged'?: boolean;
};

const REFERENCES = ['equilibrium', 'margin', 'large-deviation'] as const;

export const TABLE_COLUMNS = ['activation', 'prior', 'alpha', 'kappa', 'reference', 'kappa_ref', 'd', 'local_entropy', 'binary_entropy', 'density_ratio', 'slice_log_fraction', 'dS_dd', 'q1', 'converged'];

/** The distance grid: --d FROM:TO:STEP (linear) or --d-log FROM:TO:N (log-spaced, N points). */
export function parseDistances(a: Args, max: number): number[] {
  if (a.d !== undefined && a['d-log'] !== undefined) throw new UsageError('give either --d or --d-log, not both');
  if (a['d-log'] !== undefined) {
    const parts = String(a['d-log']).split(':');
    if (parts.length !== 3) throw invalid('d-log', a['d-log'], 'FROM:TO:N, e.g. 1e-4:0.3:40');
    const c = { min: 0, minExclusive: true, max, maxExclusive: true };
    const from = parseNumber('d-log', parts[0], c);
    const to = parseNumber('d-log', parts[1], c);
    const n = parseNumber('d-log', parts[2], { min: 2, max: 10_000, integer: true });
    if (!(from < to)) throw invalid('d-log', a['d-log'], 'FROM < TO');
    return logGrid(from, to, n);
  }
  if (a.d === undefined) throw new UsageError(`--d is required (FROM:TO:STEP with 0 < d < ${max}), or --d-log FROM:TO:N`);
  return parseRange('d', a.d, { min: 0, minExclusive: true, max, maxExclusive: true }, 'up', 10_000).values;
}

export const localEntropyCommand: CommandModule<object, Args> = {
  command: 'local-entropy',
  describe: 'Local entropy S(d): solutions at distance d from a reference (equilibrium, high-margin, or the densest regions by large deviations)',
  builder: (y: Argv) =>
    withRandomFeaturesOptions(withCommitteeOptions(withOutputOptions(y)))
      .option('model', { type: 'string', default: 'perceptron', describe: `network architecture (${MODELS.join(', ')})` })
      .option('prior', { type: 'string', default: 'binary', describe: 'weights: binary (w = ±1) or spherical (|w|² = N)' })
      .option('alpha', { type: 'string', describe: 'constraint density α = P/N (≥ 0; > 0 for large deviations); required except with --model random-features (--alpha-d, --gamma)' })
      .option('kappa', { type: 'string', default: '0', describe: 'margin κ of the counted solutions (stabilities ≥ κ), any real in [−10, 10]' })
      .option('reference', {
        type: 'string',
        describe:
          'equilibrium: reference drawn uniformly among margin-κ solutions (Franz-Parisi); margin: among margin-κ̃ solutions, κ̃ > κ (--kappa-ref, or the best κ̃); large-deviation: the densest regions (reference weighted by e^{yNS}, y → ∞; binary only) [default: equilibrium; with --model random-features: large-deviation]',
      })
      .option('kappa-ref', { type: 'string', describe: 'margin κ̃ > κ of the reference (--reference margin) [default: the κ̃ ∈ (κ, κ_max] maximizing S at --margin-distance, binary]' })
      .option('margin-distance', { type: 'string', default: '0.005', describe: 'distance d_s (fraction of flipped weights) at which the best κ̃ maximizes S (--reference margin without --kappa-ref)' })
      .option('d', { type: 'string', describe: 'distances FROM:TO:STEP (binary: Hamming distance Nd; spherical: overlap 1 − 2d), 0 < d < 1 (< 0.5 for large deviations)' })
      .option('d-log', { type: 'string', describe: 'log-spaced distances FROM:TO:N (N points), e.g. 1e-4:0.3:40 — the small-d structure needs it' })
      .option('tol', { type: 'string', default: '1e-11', describe: 'tolerance on the scaled change of the order parameters at the saddle point' })
      .option('keep-unconverged', { type: 'boolean', default: false, describe: 'write the rows that could be computed (and flag the rest) instead of failing with exit code 1' })
      .example('gardner local-entropy --prior binary --alpha 0.5 --d-log 1e-3:0.33:30', 'Franz-Parisi curve: typical solutions are isolated (S < 0 at small d)')
      .example('gardner local-entropy --alpha 0.5 --reference large-deviation --d-log 1e-3:0.2:20', 'the densest regions: S/H₂(d) → 1 as d → 0')
      .example('gardner local-entropy --alpha 0.6 --reference margin --d 0.005:0.1:0.005', 'around the best high-margin reference') as unknown as Argv<Args>,
  handler: (argv) => {
    checkOutputArgs(argv);
    if (isRandomFeatures(argv)) return rfLocalEntropy(argv, parseDistances(argv, 0.5), parseOptionalNumber('tol', argv.tol, 1e-10, { min: 1e-14, max: 1e-4 }));
    const model = parseChoice('model', argv.model ?? 'perceptron', MODELS);
    const prior = parseChoice('prior', argv.prior ?? 'binary', PRIORS);
    const reference = parseChoice('reference', argv.reference ?? 'equilibrium', REFERENCES) as ReferenceKind;
    const ld = reference === 'large-deviation';
    if (ld && prior !== 'binary') throw invalid('prior', prior, "binary with --reference large-deviation (the y → ∞ limit is implemented for binary weights)");
    const alpha = parseNumber('alpha', argv.alpha, ld ? { min: 0, minExclusive: true, max: 100 } : { min: 0, max: 100 });
    const kappa = parseNumber('kappa', argv.kappa ?? '0', { min: -10, max: 10 });
    let kappaRef: number | undefined;
    if (argv['kappa-ref'] !== undefined) {
      if (reference !== 'margin') throw invalid('kappa-ref', argv['kappa-ref'], 'only with --reference margin');
      kappaRef = parseNumber('kappa-ref', argv['kappa-ref'], { min: kappa, minExclusive: true, max: 10 });
    } else if (reference === 'margin' && prior !== 'binary') throw new UsageError('--kappa-ref is required with --reference margin --prior spherical (the best κ̃ is defined for binary weights)');
    const marginDistance = parseOptionalNumber('margin-distance', argv['margin-distance'], 0.005, { min: 0, minExclusive: true, max: 0.5, maxExclusive: true });
    // --model committee (K → ∞): binary, κ = 0, distances d ≤ 1/2 (docs/committee.md §6).
    const committee = model === 'committee' ? committeeCurveArgs({ ...argv, prior, kappa }) : (rejectCommitteeOptions(argv, model), undefined);
    const ds = parseDistances(argv, ld || committee ? 0.5 : 1);
    const tol = parseOptionalNumber('tol', argv.tol, 1e-11, { min: 1e-14, max: 1e-4 });
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    if (!argv.quiet && process.stderr.isTTY) note(`computing ${ds.length} points of S(d) (${reference} reference)…`);
    let res;
    try {
      res = committee
        ? committeeLocalEntropyCurve({ activation: committee.activation, alpha, reference, ...(kappaRef !== undefined ? { kappaRef } : {}), marginDistance, ds, tol })
        : localEntropyCurve({ prior, alpha, kappa, reference, ...(kappaRef !== undefined ? { kappaRef } : {}), marginDistance, ds, tol });
    } catch (err) {
      if (err instanceof RangeError) throw new ComputationError(`local entropy: ${err.message}`);
      throw err;
    }
    const prov = provenance();
    const rows: Row[] = res.points.map((p, i) => ({ ...localEntropyRow(res.context, p, res.extras[i]), ...committee?.fields, ...prov }));
    const missing = ds.filter((d) => !res.points.some((p) => Math.abs(p.d - d) <= 1e-12 * d));
    if (missing.length) {
      const why = res.ended.join('; ') || 'no convergence';
      if (!argv['keep-unconverged']) {
        throw new ComputationError(`local entropy: ${missing.length} of ${ds.length} distances could not be computed (from d = ${missing[0]!.toPrecision(4)}): ${why}; tried Newton with warm starts along the curve (and step refinement); rerun with --keep-unconverged to get the rows that were computed`);
      }
      for (const d of missing) rows.push({ ...localEntropyRow(res.context, { d, p: 1 - 2 * d, localEntropy: NaN, slope: NaN, order: {}, conjugates: {}, converged: false, iterations: 0, residual: NaN, reason: why }), ...committee?.fields, ...prov });
      rows.sort((a, b) => (a.d as number) - (b.d as number));
    }
    emitRows(rows, { ...argv, tableColumns: TABLE_COLUMNS });
  },
};
