/**
 * Parsing and validation of option values. Options are declared as strings to yargs and parsed here, so
 * that 'abc', 'NaN', '', 'Infinity' and out-of-range values get one clear message and exit code 2.
 */
import { grid } from '../saddle/continuation.js';
import { invalid, UsageError } from './errors.js';

export interface NumberConstraint {
  min?: number;
  max?: number;
  /** Exclude the bounds themselves. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

function describe(c: NumberConstraint): string {
  const parts: string[] = [c.integer ? 'an integer' : 'a finite number'];
  if (c.min !== undefined && c.max !== undefined) {
    parts.push(`in ${c.minExclusive ? '(' : '['}${c.min}, ${c.max}${c.maxExclusive ? ')' : ']'}`);
  } else if (c.min !== undefined) parts.push(c.minExclusive ? `> ${c.min}` : `≥ ${c.min}`);
  else if (c.max !== undefined) parts.push(c.maxExclusive ? `< ${c.max}` : `≤ ${c.max}`);
  return parts.join(' ');
}

function satisfies(x: number, c: NumberConstraint): boolean {
  if (!Number.isFinite(x)) return false;
  if (c.integer && !Number.isInteger(x)) return false;
  if (c.min !== undefined && (c.minExclusive ? x <= c.min : x < c.min)) return false;
  if (c.max !== undefined && (c.maxExclusive ? x >= c.max : x > c.max)) return false;
  return true;
}

/** A strict decimal number: no hex, no empty string, no trailing garbage. */
function toNumber(s: string): number {
  const t = s.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

export function parseNumber(option: string, raw: unknown, c: NumberConstraint = {}): number {
  if (raw === undefined || raw === null) throw new UsageError(`--${option} is required (${describe(c)})`);
  const x = typeof raw === 'number' ? raw : toNumber(String(raw));
  if (!satisfies(x, c)) throw invalid(option, raw, describe(c));
  return x;
}

export function parseOptionalNumber(option: string, raw: unknown, fallback: number, c: NumberConstraint = {}): number {
  return raw === undefined ? fallback : parseNumber(option, raw, c);
}

export function parseChoice<T extends string>(option: string, raw: unknown, allowed: readonly T[]): T {
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) throw invalid(option, raw, `one of ${allowed.join(', ')}`);
  return raw as T;
}

export interface Range {
  from: number;
  to: number;
  step: number;
  values: number[];
}

/**
 * FROM:TO:STEP (or a single value). With direction 'up' FROM ≤ TO and STEP > 0; with 'down' FROM ≥ TO and
 * STEP may be given positive (it is negated) or negative. Values must satisfy the constraint.
 */
export function parseRange(option: string, raw: unknown, c: NumberConstraint = {}, direction: 'up' | 'down' = 'up', maxPoints = 1_000_000): Range {
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new UsageError(`--${option} is required (FROM:TO:STEP)`);
  const parts = String(raw).split(':');
  if (parts.length === 1) {
    const v = parseNumber(option, parts[0], c);
    return { from: v, to: v, step: 0, values: [v] };
  }
  if (parts.length !== 3) throw invalid(option, raw, 'FROM:TO:STEP, e.g. 0.1:1.5:0.05');
  const [from, to] = [toNumber(parts[0]!), toNumber(parts[1]!)];
  let step = toNumber(parts[2]!);
  for (const [name, v] of [['FROM', from], ['TO', to]] as const) {
    if (!satisfies(v, c)) throw invalid(option, raw, `${name} ${describe(c)}`);
  }
  if (!Number.isFinite(step) || step === 0) throw invalid(option, raw, 'a finite non-zero STEP');
  if (direction === 'up') {
    if (step < 0) throw invalid(option, raw, 'STEP > 0 for an upward sweep (use --direction down to sweep downwards)');
    if (from > to) throw invalid(option, raw, 'FROM ≤ TO for an upward sweep (use --direction down to sweep downwards)');
  } else {
    if (from < to) throw invalid(option, raw, 'FROM ≥ TO for a downward sweep');
    step = -Math.abs(step);
  }
  const n = Math.floor(Math.abs((to - from) / step) + 1e-9) + 1;
  if (n > maxPoints) throw invalid(option, raw, `at most ${maxPoints} points (this range has ${n})`);
  return { from, to, step, values: grid(from, to, step) };
}
