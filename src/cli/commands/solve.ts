import type { Argv, CommandModule } from 'yargs';
import { solveAny } from '../../replica/solve-any.js';
import { pointRow } from '../../replica/rows.js';
import { checkOutputArgs, parseTol, withOutputOptions, withSolverOptions, type OutputArgs } from '../common.js';
import { ComputationError, invalid } from '../errors.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseChoice, parseNumber } from '../options.js';
import { emitRows } from '../output.js';
import { setCommandLine, provenance } from '../../io/provenance.js';
import { isRandomFeatures, rfSolve } from '../random-features-options.js';

export const TABLE_COLUMNS = ['prior', 'setting', 'k', 'activation', 'alpha', 'kappa', 'state', 'q', 'qhat', 'R', 'entropy', 'eps_gibbs', 'eps_bayes', 'replicon', 'equilibrium', 'converged', 'residual'];

/** --start: only in teacher-student. */
export function parseStart(raw: unknown, setting: string): 'poor' | 'perfect' | undefined {
  if (raw === undefined) return undefined;
  if (setting !== 'teacher-student') throw invalid('start', raw, 'only with --setting teacher-student');
  return parseChoice('start', raw, ['poor', 'perfect'] as const);
}

type Args = ModelArgs & OutputArgs & { alpha?: string; tol?: string; 'keep-unconverged'?: boolean; start?: string };

export const solveCommand: CommandModule<object, Args> = {
  command: 'solve',
  describe: 'Solve the replica-symmetric saddle point at one constraint density α',
  builder: (y: Argv) =>
    withSolverOptions(withOutputOptions(withModelOptions(y)))
      .option('alpha', { type: 'string', describe: 'constraint density α = P/N (> 0); required except with --model random-features (--alpha-d, --gamma)' })
      .option('start', { type: 'string', describe: 'teacher-student: state to start from, poor (small overlap) or perfect (q = R = 1, binary weights) [default: poor]' })
      .example('gardner solve --prior binary --alpha 0.5', 'entropy and overlap of the binary perceptron at α = 0.5') as unknown as Argv<Args>,
  handler: (argv) => {
    checkOutputArgs(argv);
    if (isRandomFeatures(argv)) return rfSolve(argv, parseTol(argv.tol));
    const spec = specFromArgs(argv);
    const alpha = parseNumber('alpha', argv.alpha, { min: 0, minExclusive: true, max: 1e6 });
    const tol = parseTol(argv.tol);
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const start = parseStart(argv.start, spec.setting);
    const p = solveAny(spec, alpha, { tol, ...(start ? { start } : {}) });
    if (!p.converged && !argv['keep-unconverged']) {
      throw new ComputationError(
        `no converged saddle point at α = ${alpha}: tried Newton then damped Anderson iteration (${p.iterations} iterations, residual ${p.residual.toExponential(2)}, ${p.reason ?? 'unknown reason'}); rerun with --keep-unconverged to see the last iterate`,
      );
    }
    emitRows([{ ...pointRow(spec, p, tol), ...provenance() }], { ...argv, tableColumns: TABLE_COLUMNS });
  },
};
