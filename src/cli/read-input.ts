/** Reading input tables in commands: any read problem is invalid input (exit 2) with the reader's message. */
import { ReadError, readTable, requireColumns, type Table } from '../io/read.js';
import { UsageError } from './errors.js';

export function readInput(path: string, columns: readonly string[] = []): Table {
  try {
    const t = readTable(path);
    requireColumns(t, columns);
    return t;
  } catch (err) {
    if (err instanceof ReadError) throw new UsageError(err.message);
    throw err;
  }
}

/** A numeric column must have at least one finite number. */
export function requireNumeric(t: Table, column: string): void {
  if (!t.rows.some((r) => typeof r[column] === 'number' && Number.isFinite(r[column]))) {
    throw new UsageError(`${t.path}: column '${column}' has no numeric values`);
  }
}
