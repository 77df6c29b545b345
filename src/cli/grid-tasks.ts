/**
 * Worker-thread entry for grid runs (grid-runner.ts): one chain of grid points → one row per point (null
 * where the chain produced none, e.g. past the end of a branch). The per-command chain functions live in
 * the command files; a new grid command registers its chain function here.
 */
import type { Row } from '../io/row.js';
import type { Point } from '../parallel/grid.js';
import { capacityChain } from './commands/capacity.js';
import { sweepChain } from './commands/sweep.js';
import { transitionChain } from './commands/transition.js';

export type PlainArgs = Record<string, string | number | boolean | (string | number)[] | undefined>;

export interface ChainTask {
  command: string;
  args: PlainArgs;
  points: Point[];
}

export interface ChainResult {
  rows: (Row | null)[];
  /** Why the chain stopped early, if it did. */
  ended?: string;
}

/** `onPoint(k)` after the chain's k-th point (in-process runs: a progress bar that moves within a chain). */
export type ChainFunction = (args: PlainArgs, points: Point[], onPoint?: (k: number) => void) => ChainResult;

const CHAINS: Record<string, ChainFunction> = {
  sweep: sweepChain as ChainFunction,
  capacity: capacityChain as ChainFunction,
  transition: transitionChain as ChainFunction,
};

export default function runChain(task: ChainTask, onPoint?: (k: number) => void): ChainResult {
  const f = CHAINS[task.command];
  if (!f) throw new Error(`no grid chain function for '${task.command}'`);
  return f(task.args, task.points, onPoint);
}
