/** Writing rows where the user asked: stdout or --out FILE (atomically), as json, csv or table. */
import { writeFileAtomic } from '../io/atomic.js';
import { formatFromPath, serialize, type Format } from '../io/format.js';
import { checkRow, type Row } from '../io/row.js';

export interface OutputOptions {
  format?: string;
  out?: string;
  /** Columns shown in tables (all columns go to json/csv). */
  tableColumns?: readonly string[];
}

export function resolveFormat(opts: OutputOptions): Format {
  if (opts.format) return opts.format as Format;
  if (opts.out) return formatFromPath(opts.out) ?? 'json';
  return 'table';
}

export function emitRows(rows: readonly Row[], opts: OutputOptions): void {
  rows.forEach((r, i) => checkRow(r, `output row ${i}`));
  const format = resolveFormat(opts);
  const text = serialize(rows, format, format === 'table' ? opts.tableColumns?.filter((c) => rows.some((r) => c in r)) : undefined);
  if (opts.out) {
    writeFileAtomic(opts.out, text);
    note(`wrote ${rows.length} row${rows.length === 1 ? '' : 's'} to ${opts.out}`);
  } else process.stdout.write(text);
}

/** Human-facing messages go to stderr, so that stdout stays machine-readable. */
export function note(message: string): void {
  process.stderr.write(message + '\n');
}
