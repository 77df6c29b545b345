/**
 * Running a grid of points for a command (sweep, capacity, …): --jobs worker threads (chains stay on one
 * worker, independent chains spread), --shard i/n, --resume from the output file, progress bar, Ctrl-C
 * (stop after the chains in flight, write what is done), atomic output.
 *
 * Shard files carry four bookkeeping columns — `shard` (i/n), `grid` (the grid id), `grid_index`,
 * `grid_size` — and a placeholder row (`no_result`: why) for each point of the slice that has no row, so
 * that `gardner merge` can check that the slices cover the grid exactly once; merge removes all of these.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { provenance } from '../io/provenance.js';
import { ReadError, readTable } from '../io/read.js';
import { checkRow, type Row } from '../io/row.js';
import { keyIndex, parseShard, plan, pointAt, shardRange, type Grid, type Shard, type WorkUnit } from '../parallel/grid.js';
import { AbortedError, parallelMap } from '../parallel/pool.js';
import { ComputationError, invalid, UsageError } from './errors.js';
import type { ChainResult, ChainTask, PlainArgs } from './grid-tasks.js';
import { withInterrupt } from './interrupt.js';
import { parseOptionalNumber } from './options.js';
import { emitRows, note, resolveFormat } from './output.js';
import { createProgress } from './progress.js';

export const BOOKKEEPING = ['shard', 'grid', 'grid_index', 'grid_size'] as const;

export function withGridOptions<T>(y: Argv<T>) {
  return y
    .option('jobs', { type: 'string', default: '1', describe: 'worker threads: independent chains (e.g. one per κ) run in parallel; a continuation chain stays on one worker' })
    .option('shard', { type: 'string', describe: 'run only slice i of n of the grid (i/n, e.g. 2/4); join the slices with gardner merge' })
    .option('resume', { type: 'boolean', default: false, describe: 'skip the grid points already in the --out file (which must be a valid csv/json output of the same grid)' })
    .option('stop-after', { type: 'string', describe: 'stop (as if interrupted) once this many new points are done: for time-limited jobs, continue with --resume' });
}

export interface GridArgs {
  jobs?: string;
  shard?: string;
  resume?: boolean;
  'stop-after'?: string;
  out?: string;
  format?: string;
  quiet?: boolean;
}

export interface GridRun {
  command: string;
  /** The command's options, forwarded to its chain function (plain data). */
  args: GridArgs & Record<string, unknown>;
  grid: Grid;
  tableColumns: readonly string[];
  /** Checks on the new rows before anything is written (e.g. fail on non-converged points). */
  validate?: (rows: Row[]) => void;
  /** Keep rows flagged converged = false when resuming (else they are recomputed). */
  keepUnconverged?: boolean;
  /** Tests: abort signal instead of SIGINT. */
  signal?: AbortSignal;
}

export interface GridOutcome {
  rows: Row[];
  computed: number;
  skipped: number;
  ended: string[];
  interrupted: boolean;
}

const workerURL = new URL(`./grid-tasks.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

function plainArgs(a: Record<string, unknown>): PlainArgs {
  const out: PlainArgs = {};
  for (const [k, v] of Object.entries(a)) {
    if (k === '_' || k === '$0' || /[A-Z]/.test(k)) continue;
    if (['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as string | number | boolean;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) out[k] = v as (string | number)[];
  }
  return out;
}

/** Rows of an existing output for --resume, checked: readable, on this grid, no duplicates. */
function existingRows(path: string, g: Grid, keep: boolean): Map<number, Row> {
  let t;
  try {
    t = readTable(path);
  } catch (err) {
    if (err instanceof ReadError) throw new UsageError(`--resume: ${err.message}; the file was not changed (nothing is appended to a damaged file): fix or remove it`);
    throw err;
  }
  const names = g.axes.map((a) => a.name);
  const index = keyIndex(g);
  const found = new Map<number, Row>();
  for (const [k, r] of t.rows.entries()) {
    const missing = names.filter((n) => typeof r[n] !== 'number');
    if (missing.length) throw new UsageError(`--resume: ${path}, row ${k + 1}: no numeric ${missing.join(', ')}: not an output of this grid`);
    const key = names.map((n) => `${n}=${Number((r[n] as number).toPrecision(12))}`).join(',');
    const i = index.get(key);
    if (i === undefined) throw new UsageError(`--resume: ${path}, row ${k + 1} (${key}) is not a point of this grid (${g.id}): a different command?`);
    if (r.no_result !== undefined) continue;
    if (found.has(i)) throw new UsageError(`--resume: ${path} has two rows for ${key}`);
    if (r.converged === false && !keep) continue;
    found.set(i, r);
  }
  return found;
}

/** --jobs N (default: the available cores). */
export function parseJobs(raw: unknown): number {
  return parseOptionalNumber('jobs', raw, Math.max(1, availableParallelism()), { min: 1, max: 256, integer: true });
}

export function parseGridArgs(a: GridArgs): { jobs: number; shard?: Shard; stopAfter?: number } {
  const jobs = a.jobs === undefined ? 1 : parseJobs(a.jobs);
  let shard: Shard | undefined;
  if (a.shard !== undefined) {
    try {
      shard = parseShard(String(a.shard));
    } catch {
      throw invalid('shard', a.shard, 'i/n with 1 ≤ i ≤ n, e.g. 2/4');
    }
  }
  const stop = a['stop-after'] === undefined ? undefined : parseOptionalNumber('stop-after', a['stop-after'], 0, { min: 1, integer: true });
  if (a.resume) {
    if (!a.out) throw new UsageError('--resume needs --out FILE (the output to resume)');
    if (resolveFormat(a) === 'table') throw invalid('format', 'table', 'csv or json with --resume (a table cannot be read back)');
  }
  return { jobs, ...(shard ? { shard } : {}), ...(stop !== undefined ? { stopAfter: stop } : {}) };
}

export async function runGrid(run: GridRun): Promise<GridOutcome> {
  const { jobs, shard, stopAfter } = parseGridArgs(run.args);
  const g = run.grid;
  const [lo, hi] = shard ? shardRange(g.size, shard) : [0, g.size];
  const existing = run.args.resume && existsSync(run.args.out!) ? existingRows(run.args.out!, g, run.keepUnconverged ?? false) : new Map<number, Row>();
  for (const i of existing.keys()) if (i < lo || i >= hi) throw new UsageError(`--resume: ${run.args.out} has a row for ${JSON.stringify(pointAt(g, i))}, outside shard ${shard!.index}/${shard!.count}`);
  const wanted = new Set<number>();
  for (let i = lo; i < hi; i++) if (!existing.has(i)) wanted.add(i);
  const units: WorkUnit[] = plan(g, wanted);
  const args = plainArgs(run.args);
  const tasks: ChainTask[] = units.map((u) => ({ command: run.command, args, points: Array.from({ length: u.length }, (_, k) => pointAt(g, u.start + k)) }));
  const quiet = run.args.quiet ?? false;
  if (existing.size && !quiet) note(`resuming: ${existing.size} points already in ${run.args.out}, ${wanted.size} to compute`);
  const bar = createProgress(wanted.size, { quiet, label: run.command });
  const fresh = new Map<number, Row | null>();
  const ended: string[] = [];
  let done = 0;
  let interrupted = false;
  // Tests of the Ctrl-C path: a real SIGINT sent to this process after k points.
  const sigintAfter = process.env.GARDNER_TEST_SIGINT_AFTER ? Number(process.env.GARDNER_TEST_SIGINT_AFTER) : undefined;
  const collect = (res: ChainResult, t: number) => {
    const u = units[t]!;
    for (const i of u.emit) fresh.set(i, res.rows[i - u.start] ?? null);
    if (res.ended) ended.push(res.ended);
    done += u.emit.length;
    bar.update(done);
  };
  const go = async (signal: AbortSignal): Promise<unknown> => {
    const ctl = new AbortController();
    signal.addEventListener('abort', () => ctl.abort());
    if (jobs === 1) {
      // In this thread: the same chain function, with a progress bar that moves within each chain.
      const mod = (await import(workerURL.href)) as { default: (t: ChainTask, onPoint?: (k: number) => void) => ChainResult };
      for (let t = 0; t < tasks.length; t++) {
        if (t > 0) await new Promise((r) => setImmediate(r)); // let a SIGINT handler run
        if (ctl.signal.aborted) throw new AbortedError(t);
        const u = units[t]!;
        let partial = 0;
        const res = mod.default(tasks[t]!, (k) => {
          if (u.emit.includes(u.start + k)) bar.update(done + ++partial);
        });
        collect(res, t);
        if (stopAfter !== undefined && done >= stopAfter) ctl.abort();
        if (sigintAfter !== undefined && done >= sigintAfter && !ctl.signal.aborted) process.kill(process.pid, 'SIGINT');
      }
      return;
    }
    return parallelMap<ChainTask, ChainResult>(workerURL, tasks, {
      jobs,
      signal: ctl.signal,
      onResult: (res, t) => {
        collect(res, t);
        if (stopAfter !== undefined && done >= stopAfter) ctl.abort();
        if (sigintAfter !== undefined && done >= sigintAfter && !ctl.signal.aborted) process.kill(process.pid, 'SIGINT');
      },
    });
  };
  try {
    if (run.signal) await go(run.signal);
    else await withInterrupt(go, { quiet });
  } catch (err) {
    if (!(err instanceof AbortedError)) throw err;
    interrupted = true;
  } finally {
    bar.stop();
  }
  if (!interrupted && fresh.size < wanted.size) interrupted = true; // aborted between the last chains
  const prov = provenance();
  const newRows: Row[] = [];
  for (const [i, r] of fresh) if (r) newRows.push(checkRow({ ...r, ...prov }, `grid point ${i}`));
  if (!interrupted) run.validate?.(newRows);
  // All rows of the slice in grid order; shard files get bookkeeping columns and placeholders.
  const out: Row[] = [];
  for (let i = lo; i < hi; i++) {
    let r = existing.get(i) ?? (fresh.has(i) ? fresh.get(i)! && { ...fresh.get(i)!, ...prov } : undefined);
    if (r === undefined) continue; // not reached (interrupted)
    if (shard) {
      if (r === null) r = { ...pointAt(g, i), converged: false, no_result: 'no row: the chain ended before this point (see the notes of the run)' };
      r = { ...r, shard: `${shard.index}/${shard.count}`, grid: g.id, grid_index: i, grid_size: g.size };
    }
    if (r !== null) out.push(r);
  }
  emitRows(out, { ...run.args, tableColumns: run.tableColumns });
  if (!quiet) for (const e of [...new Set(ended)]) note(e);
  if (interrupted) {
    throw new ComputationError(
      `interrupted after ${done} of ${wanted.size} points${run.args.out ? `: wrote the ${out.length} rows done to ${run.args.out}; rerun the same command with --resume to complete it` : ''}`,
    );
  }
  return { rows: out, computed: done, skipped: existing.size, ended, interrupted };
}
