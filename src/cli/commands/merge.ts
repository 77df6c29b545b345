import type { Argv, CommandModule } from 'yargs';
import { setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { gridFromId, pointAt, pointKey, shardOf, type Grid } from '../../parallel/grid.js';
import { checkOutputArgs, withOutputOptions, type OutputArgs } from '../common.js';
import { UsageError } from '../errors.js';
import { BOOKKEEPING } from '../grid-runner.js';
import { emitRows } from '../output.js';
import { readInput } from '../read-input.js';

type Args = OutputArgs & { files?: string[] };

function describePoints(g: Grid, idx: number[]): string {
  const names = g.axes.map((a) => a.name);
  const shown = idx.slice(0, 12).map((i) => pointKey(pointAt(g, i), names));
  return `${shown.join('; ')}${idx.length > 12 ? `; … (${idx.length} in all)` : ''}`;
}

/**
 * Join shard files (`--shard i/n` outputs of one grid) into the unsharded rows, after checking that they
 * cover the grid exactly once: every shard 1 … n present once, every grid point in one row (a computed row
 * or a placeholder saying why there is none), no point twice.
 */
export function mergeShards(files: { path: string; rows: Row[] }[]): Row[] {
  if (!files.length) throw new UsageError('merge: name the shard files to join');
  let grid: Grid | undefined;
  let gridId: string | undefined;
  let count: number | undefined;
  const shardFile = new Map<number, string>();
  const rowAt = new Map<number, { row: Row; path: string }>();
  const doubled: string[] = [];
  for (const f of files) {
    if (!f.rows.length) throw new UsageError(`merge: ${f.path} has no rows`);
    const seenShards = new Set<number>();
    for (const [k, r] of f.rows.entries()) {
      const where = `${f.path}, row ${k + 1}`;
      for (const c of BOOKKEEPING) if (r[c] === undefined) throw new UsageError(`merge: ${where} has no '${c}' column: not a --shard output`);
      const id = String(r.grid);
      if (gridId === undefined) {
        gridId = id;
        try {
          grid = gridFromId(id);
        } catch (err) {
          throw new UsageError(`merge: ${where}: ${(err as Error).message}`);
        }
      } else if (id !== gridId) throw new UsageError(`merge: ${where} is from another grid ('${id}', not '${gridId}')`);
      const m = /^(\d+)\/(\d+)$/.exec(String(r.shard));
      if (!m) throw new UsageError(`merge: ${where}: shard '${r.shard}' is not i/n`);
      const [i, n] = [Number(m[1]), Number(m[2])];
      if (count === undefined) count = n;
      else if (n !== count) throw new UsageError(`merge: ${where} is shard ${i}/${n}, but other files are shards of ${count}`);
      if (r.grid_size !== grid!.size) throw new UsageError(`merge: ${where}: grid_size ${r.grid_size} is not the size ${grid!.size} of ${gridId}`);
      const gi = r.grid_index;
      if (typeof gi !== 'number' || !Number.isInteger(gi) || gi < 0 || gi >= grid!.size) throw new UsageError(`merge: ${where}: grid_index ${gi} is not in 0 … ${grid!.size - 1}`);
      if (shardOf(grid!.size, n, gi) !== i) throw new UsageError(`merge: ${where}: point ${describePoints(grid!, [gi])} does not belong to shard ${i}/${n}`);
      const names = grid!.axes.map((a) => a.name);
      if (pointKey(r, names) !== pointKey(pointAt(grid!, gi), names)) throw new UsageError(`merge: ${where}: its ${names.join(', ')} do not match grid point ${gi} (${describePoints(grid!, [gi])})`);
      seenShards.add(i);
      const prev = rowAt.get(gi);
      if (prev) doubled.push(`${describePoints(grid!, [gi])} (${prev.path} and ${f.path})`);
      else rowAt.set(gi, { row: r, path: f.path });
    }
    for (const i of seenShards) {
      const other = shardFile.get(i);
      if (other && other !== f.path) doubled.push(`shard ${i}/${count} is in both ${other} and ${f.path}`);
      shardFile.set(i, f.path);
    }
  }
  const g = grid!;
  const missing: number[] = [];
  for (let i = 0; i < g.size; i++) if (!rowAt.has(i)) missing.push(i);
  const problems: string[] = [];
  if (doubled.length) problems.push(`points doubled: ${doubled.slice(0, 12).join('; ')}${doubled.length > 12 ? `; … (${doubled.length} in all)` : ''}`);
  if (missing.length) {
    const absentShards = Array.from({ length: count! }, (_, k) => k + 1).filter((k) => !shardFile.has(k));
    problems.push(
      `points missing: ${describePoints(g, missing)}${absentShards.length ? ` (shard${absentShards.length > 1 ? 's' : ''} ${absentShards.map((k) => `${k}/${count}`).join(', ')} absent)` : ' (an interrupted shard? rerun it with --resume)'}`,
    );
  }
  if (problems.length) throw new UsageError(`merge: the shards do not cover the grid ${gridId} (${g.size} points) exactly once: ${problems.join('. ')}`);
  const out: Row[] = [];
  for (let i = 0; i < g.size; i++) {
    const r = rowAt.get(i)!.row;
    if (r.no_result !== undefined) continue; // a point without a row in the unsharded run either
    const clean: Row = {};
    for (const [k, v] of Object.entries(r)) if (!(BOOKKEEPING as readonly string[]).includes(k)) clean[k] = v;
    out.push(clean);
  }
  return out;
}

export const mergeCommand: CommandModule<object, Args> = {
  command: 'merge <files..>',
  describe: 'Join the --shard i/n outputs of one grid into the unsharded rows, checking that they cover the grid exactly once',
  builder: (y: Argv) =>
    withOutputOptions(y)
      .positional('files', { type: 'string', array: true, describe: 'shard files (.csv or .json)' })
      .example('gardner merge s1.csv s2.csv s3.csv s4.csv --out sweep.csv', 'join four shards') as unknown as Argv<Args>,
  handler: (argv) => {
    checkOutputArgs(argv);
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const files = (argv.files ?? []).map(String);
    const rows = mergeShards(files.map((p) => ({ path: p, rows: readInput(p).rows })));
    emitRows(rows, argv);
  },
};
