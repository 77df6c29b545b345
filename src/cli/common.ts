/** Options every computing command shares: output, tolerance, failure policy. */
import type { Argv } from 'yargs';
import { parseChoice, parseOptionalNumber } from './options.js';

export function withOutputOptions<T>(y: Argv<T>) {
  return y
    .option('format', { type: 'string', describe: 'json | csv | table [default: from --out extension, else table]' })
    .option('out', { type: 'string', describe: 'write to FILE (atomically) instead of stdout' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress or notes on stderr' });
}

export function withSolverOptions<T>(y: Argv<T>) {
  return y
    .option('tol', { type: 'string', default: '1e-12', describe: 'tolerance on the change of every order parameter at the saddle point' })
    .option('keep-unconverged', { type: 'boolean', default: false, describe: 'write non-converged points (flagged converged=false) instead of failing with exit code 1' });
}

export interface OutputArgs {
  format?: string;
  out?: string;
  quiet?: boolean;
}

export function checkOutputArgs(a: OutputArgs): void {
  if (a.format !== undefined) parseChoice('format', a.format, ['json', 'csv', 'table'] as const);
}

export function parseTol(raw: unknown): number {
  return parseOptionalNumber('tol', raw, 1e-12, { min: 1e-15, max: 1e-3 });
}
