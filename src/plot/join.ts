/**
 * Theory against simulation: each simulation row is matched to the theory row with the same values of the
 * key columns (numbers equal to a relative 1e-9, so that 0.30000000000000004 meets 0.3), giving one table
 * of (keys, theory, simulation, error, difference, z = difference / error).
 */
import type { Cell, Row } from '../io/row.js';

export interface JoinOptions {
  on: readonly string[];
  /** The theory column and the simulation column compared. */
  theoryY: string;
  simY: string;
  /** Standard error of the simulation value. */
  error?: string;
}

export interface Joined {
  rows: Row[];
  /** Simulation rows with no theory row at their key. */
  unmatched: Row[];
}

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

export function keyOf(r: Row, on: readonly string[]): string {
  return on.map((c) => `${c}=${typeof r[c] === 'number' ? Number((r[c] as number).toPrecision(10)) : String(r[c])}`).join(',');
}

export function joinTheory(theory: readonly Row[], sim: readonly Row[], o: JoinOptions): Joined {
  const rows: Row[] = [];
  const unmatched: Row[] = [];
  for (const s of sim) {
    const th = theory.find((t) => o.on.every((c) => same(t[c], s[c])) && typeof t[o.theoryY] === 'number');
    if (!th) {
      unmatched.push(s);
      continue;
    }
    const tv = th[o.theoryY] as number;
    const sv = typeof s[o.simY] === 'number' ? (s[o.simY] as number) : null;
    const err = o.error && typeof s[o.error] === 'number' ? (s[o.error] as number) : null;
    const diff = sv === null ? null : sv - tv;
    const row: Row = {};
    for (const c of o.on) row[c] = s[c] ?? null;
    row.theory = tv;
    row.simulation = sv;
    if (o.error) row.error = err;
    row.difference = diff;
    if (o.error) row.z = diff !== null && err !== null && err > 0 ? diff / err : null;
    rows.push(row);
  }
  return { rows, unmatched };
}
