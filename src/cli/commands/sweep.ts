import type { Argv, CommandModule } from 'yargs';
import { provenance, setCommandLine } from '../../io/provenance.js';
import { pointRow } from '../../replica/rows.js';
import { sweep } from '../../replica/study.js';
import { checkOutputArgs, parseTol, withOutputOptions, withSolverOptions, type OutputArgs } from '../common.js';
import { ComputationError } from '../errors.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseChoice, parseRange } from '../options.js';
import { emitRows, note } from '../output.js';
import { TABLE_COLUMNS } from './solve.js';

type Args = ModelArgs & OutputArgs & { alpha?: string; direction?: string; tol?: string; 'keep-unconverged'?: boolean };

export const sweepCommand: CommandModule<object, Args> = {
  command: 'sweep',
  describe: 'Follow the RS branch over a range of α, warm-starting each point from the previous one',
  builder: (y: Argv) =>
    withSolverOptions(withOutputOptions(withModelOptions(y)))
      .option('alpha', { type: 'string', demandOption: true, describe: 'FROM:TO:STEP, e.g. 0.1:1.9:0.1 (α > 0)' })
      .option('direction', { type: 'string', default: 'up', describe: 'up (FROM ≤ TO) or down (FROM ≥ TO): sweeping both ways exposes coexisting branches' })
      .example('gardner sweep --alpha 0.1:1.9:0.1 --format csv', 'spherical perceptron, κ = 0, up to near capacity') as unknown as Argv<Args>,
  handler: (argv) => {
    checkOutputArgs(argv);
    const spec = specFromArgs(argv);
    const direction = parseChoice('direction', argv.direction ?? 'up', ['up', 'down'] as const);
    const range = parseRange('alpha', argv.alpha, { min: 0, minExclusive: true, max: 1e6 }, direction, 100_000);
    const tol = parseTol(argv.tol);
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const keep = argv['keep-unconverged'] ?? false;
    const branch = sweep(spec, range.values, { tol, keepFailed: keep });
    if (branch.points.filter((p) => p.report.converged).length === 0 && !keep) {
      throw new ComputationError(`no converged point: the sweep failed at its first α = ${range.values[0]} (${branch.ended?.reason ?? 'unknown'})`);
    }
    const prov = provenance();
    emitRows(
      branch.points.map((p) => ({ ...pointRow(spec, p.value, tol), ...prov })),
      { ...argv, tableColumns: TABLE_COLUMNS },
    );
    if (branch.ended && !argv.quiet) {
      note(`branch ended at α = ${branch.ended.at} (${branch.ended.reason}); last converged α = ${branch.ended.lastConverged ?? 'none'}`);
    }
  },
};
