/**
 * The one reader of the toolkit's own outputs (and any flat CSV/JSON table): strict, so that a truncated
 * or malformed file is reported, never half-read. CSV follows RFC 4180 as written by format.ts (quoted
 * fields, "" escapes, a header line, every line ending in a newline); JSON is an array of flat objects.
 * Cells come back typed: numbers (including Infinity/-Infinity), booleans, strings, null for empty.
 */
import { readFileSync } from 'node:fs';
import type { Cell, Row } from './row.js';
import { formatFromPath } from './format.js';

/** A file that cannot be read as rows: the message names the file and, where it applies, line and column. */
export class ReadError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'ReadError';
  }
}

export interface Table {
  path: string;
  format: 'csv' | 'json';
  columns: string[];
  rows: Row[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV cell as the writer produced it: '' → null, true/false, numbers (shortest round trip), else text. */
export function parseCell(s: string, quoted: boolean): Cell {
  if (quoted) return s;
  if (s === '') return null;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  if (NUMBER.test(s)) return Number(s);
  return s;
}

/** Split CSV text into records of (text, quoted) fields; throws on unterminated quotes or a missing final newline. */
function csvRecords(text: string, path: string): { fields: { s: string; quoted: boolean }[]; line: number }[] {
  const records: { fields: { s: string; quoted: boolean }[]; line: number }[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: { s: string; quoted: boolean }[] = [];
    for (;;) {
      let s = '';
      let quoted = false;
      if (text[i] === '"') {
        quoted = true;
        i++;
        for (;;) {
          if (i >= n) throw new ReadError(path, `line ${startLine}: unterminated quoted field (truncated file?)`);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              s += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          s += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new ReadError(path, `line ${line}: text after a closing quote`);
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new ReadError(path, `line ${line}: a quote inside an unquoted field`);
          s += text[i];
          i++;
        }
      }
      fields.push({ s, quoted });
      if (i >= n) throw new ReadError(path, `line ${line}: the last line has no newline: the file is truncated (an interrupted write?)`);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] !== '\n') throw new ReadError(path, `line ${line}: a carriage return without a newline`);
      i++;
      line++;
      break;
    }
    records.push({ fields, line: startLine });
  }
  return records;
}

export function parseCSV(text: string, path = '<csv>'): Table {
  if (text.trim() === '') throw new ReadError(path, 'the file is empty (no header line)');
  const records = csvRecords(text, path);
  const header = records[0]!.fields.map((f) => f.s);
  if (header.some((h) => h === '')) throw new ReadError(path, 'line 1: an empty column name in the header');
  const dup = header.find((h, j) => header.indexOf(h) !== j);
  if (dup !== undefined) throw new ReadError(path, `line 1: column '${dup}' appears twice in the header`);
  const rows: Row[] = [];
  for (const rec of records.slice(1)) {
    if (rec.fields.length === 1 && rec.fields[0]!.s === '' && !rec.fields[0]!.quoted) throw new ReadError(path, `line ${rec.line}: an empty line`);
    if (rec.fields.length !== header.length) {
      throw new ReadError(path, `line ${rec.line}: ${rec.fields.length} fields where the header has ${header.length} (malformed or truncated row)`);
    }
    const row: Row = {};
    rec.fields.forEach((f, j) => {
      const v = parseCell(f.s, f.quoted);
      if (v !== null) row[header[j]!] = v;
    });
    rows.push(row);
  }
  return { path, format: 'csv', columns: header, rows };
}

export function parseJSON(text: string, path = '<json>'): Table {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReadError(path, `not valid JSON (${(err as Error).message}): malformed or truncated`);
  }
  if (!Array.isArray(data)) throw new ReadError(path, 'expected a JSON array of rows (objects)');
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows = data.map((r, i) => {
    if (r === null || typeof r !== 'object' || Array.isArray(r)) throw new ReadError(path, `row ${i}: expected an object`);
    const row: Row = {};
    for (const [k, v] of Object.entries(r as Record<string, unknown>)) {
      if (v !== null && typeof v === 'object') throw new ReadError(path, `row ${i}, field '${k}': nested values are not flat rows`);
      if (v === null) continue;
      row[k] = v as Cell;
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
    return row;
  });
  return { path, format: 'json', columns, rows };
}

/** Read a .csv or .json file of rows (format from the extension, else sniffed from the first character). */
export function readTable(path: string): Table {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ReadError(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read (${code ?? (err as Error).message})`);
  }
  const fmt = formatFromPath(path);
  if (fmt === 'json' || (fmt === undefined && /^\s*[[{]/.test(text))) return parseJSON(text, path);
  if (fmt === 'table') throw new ReadError(path, 'tables are for people: read a .csv or .json output');
  return parseCSV(text, path);
}

/** Require columns; the message lists what the file has. */
export function requireColumns(t: Table, wanted: readonly string[]): void {
  const missing = wanted.filter((c) => !t.columns.includes(c));
  if (missing.length) throw new ReadError(t.path, `no column ${missing.map((c) => `'${c}'`).join(', ')}; the file has: ${t.columns.join(', ')}`);
}
