/**
 * A result row: one computed point, flat, the same shape in JSON and CSV (DESIGN.md §4). Field names are
 * the public schema scripts rely on (`alpha`, `kappa`, `q`, `qhat`, `entropy`, `converged`, `residual`, …).
 */
export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

/** Rows must not carry NaN silently: fail at the point where a NaN would enter an output. */
export function checkRow(row: Row, context = 'row'): Row {
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'number' && Number.isNaN(v)) throw new Error(`${context}: field '${k}' is NaN (${JSON.stringify(row)})`);
  }
  return row;
}

/** Column order: first-seen order over all rows. */
export function columnsOf(rows: readonly Row[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
