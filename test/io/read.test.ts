import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCSV, toJSON } from '../../src/io/format.js';
import { parseCSV, parseJSON, ReadError, readTable, requireColumns } from '../../src/io/read.js';
import type { Row } from '../../src/io/row.js';

const rows: Row[] = [
  { alpha: 0.1, kappa: -0.5, q: 0.30000000000000004, converged: true, criterion: 'a, "quoted" text\nwith a newline', residual: 1e-13 },
  { alpha: 1 / 3, kappa: 0, q: 1, converged: false, reason: 'x', residual: Infinity },
  { alpha: 2, kappa: 1e-300, q: 0, converged: true, residual: -Infinity, qhat: null },
];

describe('strict reader', () => {
  it('reads back exactly what the CSV and JSON writers wrote (numbers bit for bit, null as absent)', () => {
    const dropNull = (r: Row) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null));
    const csv = parseCSV(toCSV(rows));
    expect(csv.rows).toEqual(rows.map(dropNull));
    expect(csv.columns).toEqual(['alpha', 'kappa', 'q', 'converged', 'criterion', 'residual', 'reason', 'qhat']);
    const json = parseJSON(toJSON(rows.map((r) => ({ ...r, residual: 0 }))));
    expect(json.rows).toEqual(rows.map((r) => dropNull({ ...r, residual: 0 })));
  });

  it('a truncated CSV (last line cut, or no final newline) is an error, never a shorter table', () => {
    const text = toCSV(rows);
    for (const cut of [text.length - 1, text.length - 5, text.indexOf('\n', 40) + 3]) {
      expect(() => parseCSV(text.slice(0, cut), 'f.csv')).toThrow(ReadError);
    }
    expect(() => parseCSV(text.slice(0, text.indexOf('"') + 3), 'f.csv')).toThrow(/unterminated quoted field/);
  });

  it('malformed CSV: wrong field count, stray quotes, empty lines, duplicate columns, empty file', () => {
    expect(() => parseCSV('a,b\n1,2,3\n', 'f.csv')).toThrow(/line 2: 3 fields where the header has 2/);
    expect(() => parseCSV('a,b\n1,x"y\n', 'f.csv')).toThrow(/quote inside an unquoted field/);
    expect(() => parseCSV('a,b\n1,2\n\n3,4\n', 'f.csv')).toThrow(/line 3: an empty line/);
    expect(() => parseCSV('a,a\n1,2\n', 'f.csv')).toThrow(/'a' appears twice/);
    expect(() => parseCSV('', 'f.csv')).toThrow(/empty/);
    expect(() => parseCSV('a,b\n"1"x,2\n', 'f.csv')).toThrow(/after a closing quote/);
  });

  it('malformed JSON: truncated text, not an array, nested values', () => {
    const text = toJSON(rows.slice(0, 2).map((r) => ({ ...r, residual: 1 })));
    expect(() => parseJSON(text.slice(0, text.length - 10), 'f.json')).toThrow(/not valid JSON/);
    expect(() => parseJSON('{"a": 1}', 'f.json')).toThrow(/array/);
    expect(() => parseJSON('[{"a": {"b": 1}}]', 'f.json')).toThrow(/nested/);
    expect(() => parseJSON('[1]', 'f.json')).toThrow(/row 0/);
  });

  it('files: missing file, directory, format by extension or content, required columns named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gardner-read-'));
    expect(() => readTable(join(dir, 'nope.csv'))).toThrow(/nope\.csv: no such file/);
    expect(() => readTable(dir)).toThrow(/directory/);
    writeFileSync(join(dir, 'a.dat'), toJSON([{ x: 1 }]));
    expect(readTable(join(dir, 'a.dat')).format).toBe('json');
    writeFileSync(join(dir, 'b.csv'), 'x,y\n1,2\n');
    const t = readTable(join(dir, 'b.csv'));
    expect(() => requireColumns(t, ['x', 'alpha'])).toThrow(/no column 'alpha'; the file has: x, y/);
  });
});
