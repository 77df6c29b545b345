import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisFromSpec, chains, gridFromId, makeGrid, parseShard, plan, pointAt, points, shardOf, shardRange } from '../../src/parallel/grid.js';

describe('grids, chains and shards', () => {
  const g = makeGrid([axisFromSpec('kappa', '-1:1:0.5'), axisFromSpec('alpha', '2:0.5:-0.5')], { chained: true });

  it('flattens outer → inner; chains run along the innermost axis; the id rebuilds the grid', () => {
    expect(g.size).toBe(20);
    expect(pointAt(g, 0)).toEqual({ kappa: -1, alpha: 2 });
    expect(pointAt(g, 5)).toEqual({ kappa: -0.5, alpha: 1.5 });
    expect(chains(g)).toEqual([[0, 4], [4, 8], [8, 12], [12, 16], [16, 20]]);
    expect(g.id).toBe('kappa=-1:1:0.5 alpha=2:0.5:-0.5 chain=alpha');
    expect(points(gridFromId(g.id))).toEqual(points(g));
    expect(chains(makeGrid(g.axes, { chained: false })).length).toBe(20);
  });

  it('the n shards partition the grid: every index in exactly one shard, blocks contiguous', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 40 }), (size, n) => {
        const seen = new Array<number>(size).fill(0);
        for (let i = 1; i <= n; i++) {
          const [lo, hi] = shardRange(size, { index: i, count: n });
          for (let k = lo; k < hi; k++) {
            seen[k]!++;
            if (shardOf(size, n, k) !== i) return false;
          }
        }
        return seen.every((c) => c === 1);
      }),
    );
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '1-4']) expect(() => parseShard(bad)).toThrow();
  });

  it('plan: a chain is computed from its start up to its last wanted point; done points are not emitted', () => {
    const units = plan(g, new Set([6, 7, 8, 13]));
    expect(units).toEqual([
      { start: 4, length: 4, emit: [6, 7] },
      { start: 8, length: 1, emit: [8] },
      { start: 12, length: 2, emit: [13] },
    ]);
    const free = makeGrid(g.axes, { chained: false });
    expect(plan(free, new Set([6, 13]))).toEqual([
      { start: 6, length: 1, emit: [6] },
      { start: 13, length: 1, emit: [13] },
    ]);
  });
});
