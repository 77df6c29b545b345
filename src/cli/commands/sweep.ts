import type { Argv, CommandModule } from 'yargs';
import { provenance, setCommandLine } from '../../io/provenance.js';
import { pointRow } from '../../replica/rows.js';
import { sweepAny } from '../../replica/solve-any.js';
import { checkOutputArgs, parseTol, withOutputOptions, withSolverOptions, type OutputArgs } from '../common.js';
import { ComputationError } from '../errors.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseChoice, parseRange } from '../options.js';
import { emitRows, note } from '../output.js';
import { parseStart, TABLE_COLUMNS } from './solve.js';
import { isRandomFeatures, rfSweep } from '../random-features-options.js';

type Args = ModelArgs & OutputArgs & { alpha?: string; direction?: string; tol?: string; 'keep-unconverged'?: boolean; start?: string };

export const sweepCommand: CommandModule<object, Args> = {
  command: 'sweep',
  describe: 'Follow the RS branch over a range of α, warm-starting each point from the previous one',
  builder: (y: Argv) =>
    withSolverOptions(withOutputOptions(withModelOptions(y)))
      .option('alpha', { type: 'string', describe: 'FROM:TO:STEP, e.g. 0.1:1.9:0.1 (α > 0); with --model random-features sweep --gamma FROM:TO:STEP instead' })
      .option('direction', { type: 'string', default: 'up', describe: 'up (FROM ≤ TO) or down (FROM ≥ TO): sweeping both ways exposes coexisting branches' })
      .option('start', { type: 'string', describe: 'teacher-student: the state the sweep starts in, poor or perfect [default: poor going up, perfect going down when it exists]' })
      .example('gardner sweep --alpha 0.1:1.9:0.1 --format csv', 'spherical perceptron, κ = 0, up to near capacity') as unknown as Argv<Args>,
  handler: (argv) => {
    checkOutputArgs(argv);
    if (isRandomFeatures(argv)) return rfSweep(argv, parseTol(argv.tol), parseChoice('direction', argv.direction ?? 'up', ['up', 'down'] as const));
    const spec = specFromArgs(argv);
    const direction = parseChoice('direction', argv.direction ?? 'up', ['up', 'down'] as const);
    const range = parseRange('alpha', argv.alpha, { min: 0, minExclusive: true, max: 1e6 }, direction, 100_000);
    const tol = parseTol(argv.tol);
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const keep = argv['keep-unconverged'] ?? false;
    const start = parseStart(argv.start, spec.setting) ?? (direction === 'down' ? 'perfect' : 'poor');
    const branch = sweepAny(spec, range.values, { tol, keepFailed: keep, start });
    if (branch.points.filter((p) => p.converged).length === 0 && !keep) {
      throw new ComputationError(`no converged point: the sweep failed at its first α = ${range.values[0]} (${branch.ended?.reason ?? 'unknown'})`);
    }
    const prov = provenance();
    emitRows(
      branch.points.map((p) => ({ ...pointRow(spec, p, tol), ...prov })),
      { ...argv, tableColumns: TABLE_COLUMNS },
    );
    if (branch.ended && !argv.quiet) {
      note(`branch ended at α = ${branch.ended.at} (${branch.ended.reason}); last converged α = ${branch.ended.lastConverged ?? 'none'}`);
    }
  },
};
