/**
 * Shared plumbing of the lab studies (scripts/lab-*.ts): run a grid through the runner, attach provenance,
 * write out/lab/<name>.{csv,json} atomically and print a table.
 */
import { availableParallelism } from 'node:os';
import { writeFileAtomic } from '../src/io/atomic.js';
import { toCSV, toJSON, toTable } from '../src/io/format.js';
import { provenance, setCommandLine } from '../src/io/provenance.js';
import type { Row } from '../src/io/row.js';
import { simulate, type SimConfig } from '../src/teacher-student/runner.js';

export const jobs = Number(process.env.JOBS ?? Math.min(2, availableParallelism()));

export function start(script: string): { elapsed: () => string } {
  setCommandLine(`npx tsx scripts/${script}`);
  const t0 = performance.now();
  return { elapsed: () => `${((performance.now() - t0) / 1000).toFixed(1)} s` };
}

export function write(name: string, rows: Row[], columns: string[]): void {
  const prov = provenance();
  const full = rows.map((r) => ({ ...r, ...prov }));
  writeFileAtomic(`out/lab/${name}.csv`, toCSV(full));
  writeFileAtomic(`out/lab/${name}.json`, toJSON(full));
  process.stdout.write(`\n## ${name}\n` + toTable(rows, columns.filter((c) => rows.some((r) => c in r)), 5));
}

export async function run(configs: SimConfig[], samples: number, seed: number, label: string): Promise<Row[]> {
  let last = 0;
  const { rows } = await simulate(configs, samples, seed, {
    jobs,
    onResult: (d, t) => {
      const now = Date.now();
      if (now - last > 20_000 || d === t) {
        last = now;
        process.stderr.write(`${label}: ${d}/${t}\n`);
      }
    },
  });
  return rows;
}

export const base = { noiseSamples: 100, testPatterns: 10_000, runs: 1 } as const;
