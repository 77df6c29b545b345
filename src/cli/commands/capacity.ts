import type { Argv, CommandModule } from 'yargs';
import { setCommandLine } from '../../io/provenance.js';
import { axisFromRange, makeGrid, type Point } from '../../parallel/grid.js';
import type { Row } from '../../io/row.js';
import { storageCapacity } from '../../replica/capacity.js';
import { committeeCapacityFields } from '../../replica/committee.js';
import { modelFields } from '../../replica/rows.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { ComputationError, invalid } from '../errors.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseRange } from '../options.js';
import { isRandomFeatures, rfCapacity } from '../random-features-options.js';
import { runGrid, withGridOptions, type GridArgs } from '../grid-runner.js';
import type { ChainResult } from '../grid-tasks.js';

type Args = ModelArgs & OutputArgs & GridArgs & { 'keep-unconverged'?: boolean };

/** The capacity row at one κ (grid points are independent: --jobs spreads them over worker threads). */
export function capacityRow(argv: Args, kappa: number): Row {
  const spec = specFromArgs({ ...argv, kappa: String(kappa) });
  const c = storageCapacity(spec);
  return {
    ...modelFields(spec),
    alpha_c: c.alpha_c,
    criterion: c.criterion,
    tolerance: c.tolerance,
    alpha_rs_end: c.rsEnd.alpha,
    alpha_rs_end_error: c.rsEnd.errorEstimate,
    rs_end_criterion: c.rsEnd.criterion,
    ...(c.point ? { q: c.point.q, replicon: c.point.replicon, rs_stable: c.point.replicon > 0 } : {}),
    ...committeeCapacityFields(spec, c),
    converged: c.converged,
    ...(c.reason ? { reason: c.reason } : {}),
  };
}

export function capacityChain(argv: Args, pts: Point[]): ChainResult {
  return {
    rows: pts.map((p) => {
      try {
        return capacityRow(argv, p.kappa!);
      } catch (err) {
        // A domain error at one κ becomes a flagged row (an error class would not survive the worker thread).
        if (!(err instanceof RangeError)) throw err;
        return { ...modelFields(specFromArgs({ ...argv, kappa: String(p.kappa) })), alpha_c: null, converged: false, reason: err.message };
      }
    }),
  };
}

export const capacityCommand: CommandModule<object, Args> = {
  command: 'capacity',
  describe: 'Storage capacity α_c(κ): the largest α at which solutions exist (spherical: Gardner; binary: zero of the RS entropy)',
  builder: (y: Argv) =>
    withGridOptions(withOutputOptions(withModelOptions(y)))
      .option('kappa', { type: 'string', default: '0', describe: 'margin κ, or a range FROM:TO:STEP' })
      .option('keep-unconverged', { type: 'boolean', default: false, describe: 'write rows whose criterion did not converge (flagged) instead of failing' })
      .example('gardner capacity --kappa 1', 'Gardner capacity of the spherical perceptron at κ = 1')
      .example('gardner capacity --prior binary', 'α_KM = 0.8330786 of the binary perceptron') as unknown as Argv<Args>,
  handler: async (argv) => {
    checkOutputArgs(argv);
    if (isRandomFeatures(argv)) return rfCapacity(argv);
    if ((argv.setting ?? 'storage') !== 'storage') throw invalid('setting', argv.setting, "'storage' (a capacity is a storage notion)");
    const range = parseRange('kappa', argv.kappa ?? '0', { min: -10, max: 10 }, 'up', 10_000);
    const kappas = range.values;
    for (const k of kappas) specFromArgs({ ...argv, kappa: String(k) }); // validate the model at every κ here, not in a worker
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    await runGrid({
      command: 'capacity',
      args: argv,
      grid: makeGrid([axisFromRange('kappa', range)], { chained: false }),
      keepUnconverged: argv['keep-unconverged'] ?? false,
      tableColumns: ['prior', 'k', 'activation', 'kappa', 'alpha_c', 'alpha_rs_end', 'alpha_rs_end_error', 'replicon', 'converged'],
      validate: (rows) => {
        const failed = rows.filter((r) => r.converged === false);
        if (failed.length && !argv['keep-unconverged']) {
          throw new ComputationError(`capacity did not converge at κ = ${failed.map((r) => r.kappa).join(', ')}: ${failed.map((r) => r.reason).join('; ')}`);
        }
      },
    });
  },
};
