/**
 * A small benchmark harness: each case runs once to warm up, then repeatedly until `minTime` seconds or
 * `maxRuns` runs have passed; the median wall time is reported, and throughput when `ops` is given.
 */
export interface BenchCase {
  name: string;
  /** Work done per run (e.g. number of evaluations) for a throughput figure. */
  ops?: number;
  unit?: string;
  fn: () => unknown;
  minTime?: number;
  maxRuns?: number;
}

export interface BenchResult {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  throughput?: string;
}

let sink: unknown;

export function runCase(c: BenchCase): BenchResult {
  sink = c.fn();
  const times: number[] = [];
  const minTime = (c.minTime ?? 1) * 1000;
  const maxRuns = c.maxRuns ?? 1000;
  const start = performance.now();
  while (times.length < maxRuns && (performance.now() - start < minTime || times.length < 3)) {
    const t0 = performance.now();
    sink = c.fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const medianMs = times[times.length >> 1]!;
  const result: BenchResult = { name: c.name, runs: times.length, medianMs, minMs: times[0]! };
  if (c.ops) {
    const perSec = c.ops / (medianMs / 1000);
    result.throughput = `${perSec.toExponential(3)} ${c.unit ?? 'ops'}/s`;
  }
  return result;
}

export function sinkValue(): unknown {
  return sink;
}
