/**
 * `npm run bench [-- FILTER]`: runs every bench/*.bench.ts (or those whose case names match FILTER) and
 * prints a table of median times and throughputs. Never part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCase, type BenchCase } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ? new RegExp(process.argv[2], 'i') : undefined;
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort();
console.log(`gardner benchmarks — node ${process.version}, ${new Date().toISOString()}`);
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { benchmarks: BenchCase[] };
  const cases = mod.benchmarks.filter((c) => !filter || filter.test(c.name) || filter.test(f));
  if (!cases.length) continue;
  console.log(`\n${f}`);
  for (const c of cases) {
    const r = runCase(c);
    const time = r.medianMs >= 1000 ? `${(r.medianMs / 1000).toFixed(3)} s` : r.medianMs >= 1 ? `${r.medianMs.toFixed(2)} ms` : `${(r.medianMs * 1000).toFixed(1)} µs`;
    console.log(`  ${r.name.padEnd(66)} ${time.padStart(11)}  (median of ${r.runs})${r.throughput ? '  ' + r.throughput : ''}`);
  }
}
