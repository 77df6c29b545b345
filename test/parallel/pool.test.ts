import { describe, expect, it } from 'vitest';
import { AbortedError, parallelMap } from '../../src/parallel/pool.js';

const worker = new URL('./square-worker.ts', import.meta.url);
const tasks = Array.from({ length: 24 }, (_, i) => ({ x: 0.1 * i, n: 20_000 }));

describe('parallelMap', () => {
  it('gives identical results, in task order, with 1 and 2 worker threads', async () => {
    const one = await parallelMap<(typeof tasks)[number], { x: number; value: number }>(worker, tasks, { jobs: 1 });
    const seen: number[] = [];
    const two = await parallelMap<(typeof tasks)[number], { x: number; value: number }>(worker, tasks, { jobs: 2, onResult: (_, i) => seen.push(i) });
    expect(two.map((r) => r.x)).toEqual(tasks.map((t) => t.x));
    expect(two.map((r) => r.value)).toEqual(one.map((r) => r.value)); // bit for bit
    expect([...seen].sort((a, b) => a - b)).toEqual(tasks.map((_, i) => i));
  });

  it('stops scheduling when aborted and says how far it got', async () => {
    const ctl = new AbortController();
    let n = 0;
    await expect(
      parallelMap(worker, tasks, {
        jobs: 1,
        signal: ctl.signal,
        onResult: () => {
          if (++n === 5) ctl.abort();
        },
      }),
    ).rejects.toBeInstanceOf(AbortedError);
    expect(n).toBe(5);
  });
});
