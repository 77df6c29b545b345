/**
 * Grids of parameter points, continuation chains and shards.
 *
 * A grid is the product of axes (outer → inner), flattened in that order; each point has an index in
 * 0 … size − 1. When the grid is `chained`, the points that differ only in the innermost axis form a chain
 * (a warm-started continuation: a point's result depends on its predecessors, so a chain is computed in
 * order on one worker); otherwise every point is its own chain and the points are independent.
 *
 * A shard i/n is the contiguous block of indices [⌊(i−1)·size/n⌋, ⌊i·size/n⌋). A shard that starts in the
 * middle of a chain recomputes that chain's earlier points (without emitting them), so that every point
 * gets exactly the row an unsharded run gives it.
 *
 * The grid's id (`kappa=-1:1:0.1 alpha=0.1:2:0.1 chain=alpha`) names it in shard files, and `gridFromId`
 * rebuilds it, so that `gardner merge` can name the points a missing shard should have covered.
 */
import { grid as range } from '../saddle/continuation.js';

export interface Axis {
  name: string;
  /** FROM:TO:STEP (STEP signed, negative for downward sweeps) or a single value. */
  spec: string;
  values: number[];
}

export interface Grid {
  axes: Axis[];
  chained: boolean;
  id: string;
  size: number;
}

export type Point = Record<string, number>;

export function axisFromSpec(name: string, spec: string): Axis {
  const parts = spec.split(':').map(Number);
  if (parts.length === 1 && Number.isFinite(parts[0])) return { name, spec, values: [parts[0]!] };
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) throw new RangeError(`axis ${name}: '${spec}' is not FROM:TO:STEP or a value`);
  return { name, spec, values: range(parts[0]!, parts[1]!, parts[2]!) };
}

/** An axis from a parsed range (options.ts parseRange): same values as the range. */
export function axisFromRange(name: string, r: { from: number; to: number; step: number; values: number[] }): Axis {
  return { name, spec: r.step === 0 ? String(r.from) : `${r.from}:${r.to}:${r.step}`, values: [...r.values] };
}

export function makeGrid(axes: Axis[], o: { chained: boolean }): Grid {
  if (!axes.length) throw new RangeError('a grid needs at least one axis');
  const id = `${axes.map((a) => `${a.name}=${a.spec}`).join(' ')}${o.chained ? ` chain=${axes.at(-1)!.name}` : ''}`;
  return { axes, chained: o.chained, id, size: axes.reduce((n, a) => n * a.values.length, 1) };
}

export function gridFromId(id: string): Grid {
  const tokens = id.trim().split(/\s+/);
  let chained = false;
  const axes: Axis[] = [];
  for (const t of tokens) {
    const [name, spec] = t.split('=');
    if (!name || spec === undefined) throw new RangeError(`grid id '${id}': '${t}' is not NAME=SPEC`);
    if (name === 'chain') chained = true;
    else axes.push(axisFromSpec(name, spec));
  }
  const g = makeGrid(axes, { chained });
  if (chained && !id.endsWith(`chain=${axes.at(-1)!.name}`)) throw new RangeError(`grid id '${id}': the chain must run along the innermost axis`);
  return g;
}

/** The point with flat index i (outer axes vary slowest). */
export function pointAt(g: Grid, i: number): Point {
  const p: Point = {};
  let rest = i;
  for (let a = g.axes.length - 1; a >= 0; a--) {
    const ax = g.axes[a]!;
    p[ax.name] = ax.values[rest % ax.values.length]!;
    rest = Math.floor(rest / ax.values.length);
  }
  // Keep the axes' order (outer first) in the object.
  return Object.fromEntries(g.axes.map((ax) => [ax.name, p[ax.name]!]));
}

export function points(g: Grid): Point[] {
  return Array.from({ length: g.size }, (_, i) => pointAt(g, i));
}

/** A point's key: axis values to 12 significant digits (robust to a CSV round trip and to 0.1 + 0.2). */
export function pointKey(p: Record<string, unknown>, names: readonly string[]): string {
  return names.map((n) => `${n}=${typeof p[n] === 'number' ? Number((p[n] as number).toPrecision(12)) : String(p[n])}`).join(',');
}

export function keyIndex(g: Grid): Map<string, number> {
  const names = g.axes.map((a) => a.name);
  return new Map(points(g).map((p, i) => [pointKey(p, names), i]));
}

/** Chains as [start, end) index ranges. */
export function chains(g: Grid): [number, number][] {
  const len = g.chained ? g.axes.at(-1)!.values.length : 1;
  return Array.from({ length: g.size / len }, (_, c) => [c * len, (c + 1) * len] as [number, number]);
}

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(raw: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!m) throw new RangeError(`'${raw}' is not i/n`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && index >= 1 && index <= count)) throw new RangeError(`'${raw}': need 1 ≤ i ≤ n`);
  return { index, count };
}

/** The shard's block of indices [lo, hi). */
export function shardRange(size: number, s: Shard): [number, number] {
  return [Math.floor(((s.index - 1) * size) / s.count), Math.floor((s.index * size) / s.count)];
}

/** Which shard of n covers index i. */
export function shardOf(size: number, count: number, i: number): number {
  for (let k = 1; k <= count; k++) {
    const [lo, hi] = shardRange(size, { index: k, count });
    if (i >= lo && i < hi) return k;
  }
  throw new RangeError(`index ${i} is outside the grid of ${size} points`);
}

/** A unit of work: compute chain points start … start+length−1 in order, emit those in `emit` (flat indices). */
export interface WorkUnit {
  start: number;
  length: number;
  emit: number[];
}

/**
 * The work for the indices in `wanted` (a shard's block minus the points already done): per chain, the
 * prefix up to its last wanted point (a chained grid recomputes earlier points as warm starts).
 */
export function plan(g: Grid, wanted: ReadonlySet<number>): WorkUnit[] {
  const units: WorkUnit[] = [];
  for (const [a, b] of chains(g)) {
    const emit: number[] = [];
    for (let i = a; i < b; i++) if (wanted.has(i)) emit.push(i);
    if (!emit.length) continue;
    const start = g.chained ? a : emit[0]!;
    units.push({ start, length: emit.at(-1)! - start + 1, emit });
  }
  return units;
}
