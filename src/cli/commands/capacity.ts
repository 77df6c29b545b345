import type { Argv, CommandModule } from 'yargs';
import { provenance, setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { storageCapacity } from '../../replica/capacity.js';
import { committeeCapacityFields } from '../../replica/committee.js';
import { modelFields } from '../../replica/rows.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { ComputationError, invalid } from '../errors.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseRange } from '../options.js';
import { emitRows } from '../output.js';
import { isRandomFeatures, rfCapacity } from '../random-features-options.js';

type Args = ModelArgs & OutputArgs & { 'keep-unconverged'?: boolean };

export const capacityCommand: CommandModule<object, Args> = {
  command: 'capacity',
  describe: 'Storage capacity α_c(κ): the largest α at which solutions exist (spherical: Gardner; binary: zero of the RS entropy)',
  builder: (y: Argv) =>
    withOutputOptions(withModelOptions(y))
      .option('kappa', { type: 'string', default: '0', describe: 'margin κ, or a range FROM:TO:STEP' })
      .option('keep-unconverged', { type: 'boolean', default: false, describe: 'write rows whose criterion did not converge (flagged) instead of failing' })
      .example('gardner capacity --kappa 1', 'Gardner capacity of the spherical perceptron at κ = 1')
      .example('gardner capacity --prior binary', 'α_KM = 0.8330786 of the binary perceptron') as unknown as Argv<Args>,
  handler: (argv) => {
    checkOutputArgs(argv);
    if (isRandomFeatures(argv)) return rfCapacity(argv);
    if ((argv.setting ?? 'storage') !== 'storage') throw invalid('setting', argv.setting, "'storage' (a capacity is a storage notion)");
    const kappas = parseRange('kappa', argv.kappa ?? '0', { min: -10, max: 10 }, 'up', 10_000).values;
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const prov = provenance();
    const rows: Row[] = kappas.map((kappa) => {
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
        ...prov,
      };
    });
    const failed = rows.filter((r) => r.converged === false);
    if (failed.length && !argv['keep-unconverged']) {
      throw new ComputationError(`capacity did not converge at κ = ${failed.map((r) => r.kappa).join(', ')}: ${failed.map((r) => r.reason).join('; ')}`);
    }
    emitRows(rows, { ...argv, tableColumns: ['prior', 'k', 'activation', 'kappa', 'alpha_c', 'alpha_rs_end', 'alpha_rs_end_error', 'replicon', 'converged'] });
  },
};
