import type { Argv, CommandModule } from 'yargs';
import { provenance, setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { modelFields } from '../../replica/rows.js';
import { sphericalStorageCapacity } from '../../replica/study.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { ComputationError, invalid } from '../errors.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseRange } from '../options.js';
import { emitRows } from '../output.js';

type Args = ModelArgs & OutputArgs;

export const capacityCommand: CommandModule<object, Args> = {
  command: 'capacity',
  describe: 'Storage capacity α_c(κ): the largest α at which solutions exist',
  builder: (y: Argv) =>
    withOutputOptions(withModelOptions(y))
      .option('kappa', { type: 'string', default: '0', describe: 'margin κ, or a range FROM:TO:STEP' })
      .example('gardner capacity --kappa 1', 'Gardner capacity of the spherical perceptron at κ = 1') as unknown as Argv<Args>,
  handler: (argv) => {
    checkOutputArgs(argv);
    if ((argv.setting ?? 'storage') !== 'storage') throw invalid('setting', argv.setting, "'storage' (a capacity is a storage notion)");
    const kappas = parseRange('kappa', argv.kappa ?? '0', { min: -10, max: 10 }, 'up', 10_000).values;
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const prov = provenance();
    const rows: Row[] = kappas.map((kappa) => {
      const spec = specFromArgs({ ...argv, kappa: String(kappa) });
      if (spec.prior.name !== 'spherical') throw invalid('prior', argv.prior, 'spherical (binary capacities: issue #3)');
      const c = sphericalStorageCapacity(spec);
      return {
        ...modelFields(spec),
        alpha_c: c.closedForm,
        criterion: 'Gardner closed form 1/∫_{−κ}^∞ Dt (t+κ)² (RS; exact for κ ≥ 0)',
        alpha_c_branch: c.branch.alpha,
        alpha_c_branch_error: c.branch.errorEstimate,
        branch_criterion: c.branch.criterion,
        branch_agreement: Math.abs(c.branch.alpha - c.closedForm),
        converged: c.branch.converged,
        ...prov,
      };
    });
    if (rows.some((r) => r.converged === false)) {
      throw new ComputationError(`the q → 1 extrapolation did not reach its tolerance at some κ: ${rows.filter((r) => !r.converged).map((r) => r.kappa).join(', ')}`);
    }
    emitRows(rows, { ...argv, tableColumns: ['prior', 'kappa', 'alpha_c', 'alpha_c_branch', 'alpha_c_branch_error', 'converged'] });
  },
};
