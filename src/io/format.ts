/** Serialization of rows: JSON (array of objects), CSV (RFC 4180, flat), and an aligned table for people. */
import { columnsOf, type Cell, type Row } from './row.js';

export type Format = 'json' | 'csv' | 'table';

export function toJSON(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? numberToString(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Shortest round-trip decimal; infinities spelled as in JSON-less contexts. */
export function numberToString(v: number): string {
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return String(v);
}

export function toCSV(rows: readonly Row[], columns: readonly string[] = columnsOf(rows)): string {
  const lines = [columns.map((c) => csvCell(c)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(','));
  return lines.join('\n') + '\n';
}

/** Numbers shown with `digits` significant digits; columns chosen by the caller (default: all). */
export function toTable(rows: readonly Row[], columns: readonly string[] = columnsOf(rows), digits = 8): string {
  const fmt = (v: Cell | undefined): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') {
      if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
      if (!Number.isFinite(v)) return numberToString(v);
      const a = Math.abs(v);
      return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(digits - 1) : String(Number(v.toPrecision(digits)));
    }
    return String(v);
  };
  const cells = rows.map((r) => columns.map((c) => fmt(r[c])));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j]!.length)));
  const line = (vals: string[]) => vals.map((v, j) => v.padStart(widths[j]!)).join('  ');
  return [line([...columns]), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function serialize(rows: readonly Row[], format: Format, columns?: readonly string[]): string {
  switch (format) {
    case 'json':
      return toJSON(rows);
    case 'csv':
      return toCSV(rows, columns);
    case 'table':
      return toTable(rows, columns);
  }
}

/** The format implied by a file name (.json, .csv), if any. */
export function formatFromPath(path: string): Format | undefined {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(txt|table)$/i.test(path)) return 'table';
  return undefined;
}
