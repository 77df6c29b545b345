import type { Argv, CommandModule } from 'yargs';
import { setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { axisFromRange, makeGrid, type Point } from '../../parallel/grid.js';
import { pointRow } from '../../replica/rows.js';
import { sweepAny } from '../../replica/solve-any.js';
import { checkOutputArgs, parseTol, withOutputOptions, withSolverOptions, type OutputArgs } from '../common.js';
import { ComputationError } from '../errors.js';
import { runGrid, withGridOptions, type GridArgs } from '../grid-runner.js';
import type { ChainResult } from '../grid-tasks.js';
import { specFromArgs, withModelOptions, type ModelArgs } from '../model-options.js';
import { parseChoice, parseRange } from '../options.js';
import { parseStart, TABLE_COLUMNS } from './solve.js';
import { isRandomFeatures, rfSweep } from '../random-features-options.js';

type Args = ModelArgs & OutputArgs & GridArgs & { alpha?: string; direction?: string; tol?: string; 'keep-unconverged'?: boolean; start?: string };

/** One continuation chain: the branch over the chain's α values at its κ (runs on a worker with --jobs). */
export function sweepChain(argv: Args, pts: Point[], onPoint?: (k: number) => void): ChainResult {
  const kappa = pts[0]!.kappa!;
  const spec = specFromArgs({ ...argv, kappa: String(kappa) });
  const tol = parseTol(argv.tol);
  const keep = argv['keep-unconverged'] ?? false;
  const direction = argv.direction ?? 'up';
  const start = parseStart(argv.start, spec.setting) ?? (direction === 'down' ? 'perfect' : 'poor');
  const branch = sweepAny(spec, pts.map((p) => p.alpha!), { tol, keepFailed: keep, start, ...(onPoint ? { onPoint: (b) => onPoint(pts.findIndex((p) => p.alpha === b.alpha)) } : {}) });
  const rows: (Row | null)[] = pts.map((p) => {
    const b = branch.points.find((x) => x.alpha === p.alpha);
    return b ? pointRow(spec, b, tol) : null;
  });
  return { rows, ...(branch.ended ? { ended: `κ = ${kappa}: branch ended at α = ${branch.ended.at} (${branch.ended.reason}); last converged α = ${branch.ended.lastConverged ?? 'none'}` } : {}) };
}

export const sweepCommand: CommandModule<object, Args> = {
  command: 'sweep',
  describe: 'Follow the RS branch over a range of α, warm-starting each point from the previous one',
  builder: (y: Argv) =>
    withGridOptions(withSolverOptions(withOutputOptions(withModelOptions(y))))
      .option('alpha', { type: 'string', describe: 'FROM:TO:STEP, e.g. 0.1:1.9:0.1 (α > 0); with --model random-features sweep --gamma FROM:TO:STEP instead' })
      .option('direction', { type: 'string', default: 'up', describe: 'up (FROM ≤ TO) or down (FROM ≥ TO): sweeping both ways exposes coexisting branches' })
      .option('start', { type: 'string', describe: 'teacher-student: the state the sweep starts in, poor or perfect [default: poor going up, perfect going down when it exists]' })
      .example('gardner sweep --alpha 0.1:1.9:0.1 --format csv', 'spherical perceptron, κ = 0, up to near capacity')
      .example('gardner sweep --alpha 0.1:1.9:0.1 --kappa -1:1:0.1 --jobs 2 --out s.csv', 'one branch per κ (a κ range makes a grid), two worker threads') as unknown as Argv<Args>,
  handler: async (argv) => {
    checkOutputArgs(argv);
    if (isRandomFeatures(argv)) return rfSweep(argv, parseTol(argv.tol), parseChoice('direction', argv.direction ?? 'up', ['up', 'down'] as const));
    const kappas = parseRange('kappa', argv.kappa ?? '0', { min: -10, max: 10 }, 'up', 10_000);
    for (const k of kappas.values) specFromArgs({ ...argv, kappa: String(k) }); // validate the model at every κ here, not in a worker
    const direction = parseChoice('direction', argv.direction ?? 'up', ['up', 'down'] as const);
    const range = parseRange('alpha', argv.alpha, { min: 0, minExclusive: true, max: 1e6 }, direction, 100_000);
    parseTol(argv.tol);
    parseStart(argv.start, argv.setting ?? 'storage');
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const keep = argv['keep-unconverged'] ?? false;
    const grid = makeGrid([axisFromRange('kappa', kappas), axisFromRange('alpha', range)], { chained: true });
    await runGrid({
      command: 'sweep',
      args: argv,
      grid,
      tableColumns: TABLE_COLUMNS,
      keepUnconverged: keep,
      validate: (rows) => {
        if (rows.filter((r) => r.converged === true).length === 0 && !keep && !argv.resume) {
          throw new ComputationError(`no converged point: the sweep failed at its first α = ${range.values[0]}`);
        }
      },
    });
  },
};
