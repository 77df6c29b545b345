/**
 * Shared plumbing of the table-writing study scripts (scripts/committee-*.ts): the command line recorded in
 * the provenance, the elapsed time, and tables written atomically to out/<name>.{csv,json} and printed.
 */
import { writeFileAtomic } from '../src/io/atomic.js';
import { toCSV, toJSON, toTable } from '../src/io/format.js';
import { provenance, setCommandLine } from '../src/io/provenance.js';
import type { Row } from '../src/io/row.js';

export function study(commandLine: string, digits: number): { prov: Row; elapsed: () => string; write: (name: string, rows: Row[], columns: string[]) => void } {
  setCommandLine(commandLine);
  const prov = provenance();
  const t0 = performance.now();
  const elapsed = () => ((performance.now() - t0) / 1000).toFixed(1) + ' s';
  const write = (name: string, rows: Row[], columns: string[]) => {
    writeFileAtomic(`out/${name}.csv`, toCSV(rows));
    writeFileAtomic(`out/${name}.json`, toJSON(rows));
    process.stdout.write(`\n## ${name} (${elapsed()})\n` + toTable(rows, columns, digits));
  };
  return { prov, elapsed, write };
}
