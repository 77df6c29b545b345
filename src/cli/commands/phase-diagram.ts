import type { Argv, CommandModule } from 'yargs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic.js';
import { toCSV, toJSON, toTable } from '../../io/format.js';
import { provenance, setCommandLine } from '../../io/provenance.js';
import type { Row } from '../../io/row.js';
import { perceptronModel } from '../../replica/perceptron.js';
import { branchEndQ1, sphericalStorageCapacity } from '../../replica/study.js';
import { ComputationError } from '../errors.js';
import { parseRange } from '../options.js';
import { note } from '../output.js';

type Args = { 'out-dir'?: string; kappa?: string; quiet?: boolean };

export const phaseDiagramCommand: CommandModule<object, Args> = {
  command: 'phase-diagram',
  describe: 'The storage phase diagram of the perceptron in the (κ, α) plane, written to out/',
  builder: (y: Argv) =>
    y
      .option('out-dir', { type: 'string', default: 'out', describe: 'directory for phase-diagram.{csv,json}' })
      .option('kappa', { type: 'string', default: '-1:1:0.1', describe: 'margins κ, FROM:TO:STEP' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no summary on stderr' }) as unknown as Argv<Args>,
  handler: (argv) => {
    const kappas = parseRange('kappa', argv.kappa ?? '-1:1:0.1', { min: -5, max: 5 }, 'up', 1000).values;
    setCommandLine(['gardner', ...process.argv.slice(2)].join(' '));
    const prov = provenance();
    const rows: Row[] = [];
    for (const kappa of kappas) {
      const sph = sphericalStorageCapacity(perceptronModel({ prior: 'spherical', setting: 'storage', kappa }));
      rows.push({
        curve: 'spherical-capacity',
        prior: 'spherical',
        ansatz: 'RS',
        kappa,
        alpha: sph.closedForm,
        criterion: 'Gardner closed form (RS; exact for κ ≥ 0, an upper bound for κ < 0)',
        check: sph.branch.alpha,
        check_error: Math.abs(sph.branch.alpha - sph.closedForm),
        converged: sph.branch.converged,
        ...prov,
      });
      const bin = branchEndQ1(perceptronModel({ prior: 'binary', setting: 'storage', kappa }));
      rows.push({
        curve: 'binary-rs-end',
        prior: 'binary',
        ansatz: 'RS',
        kappa,
        alpha: bin.alpha,
        criterion: bin.criterion + ' (not the physical capacity)',
        check: null,
        check_error: bin.errorEstimate,
        converged: bin.converged,
        ...prov,
      });
    }
    const failed = rows.filter((r) => r.converged === false);
    if (failed.length) throw new ComputationError(`phase diagram: ${failed.length} points did not converge (${failed.map((r) => `${r.curve} κ=${r.kappa}`).join(', ')})`);
    const dir = argv['out-dir'] ?? 'out';
    const csv = join(dir, 'phase-diagram.csv');
    const json = join(dir, 'phase-diagram.json');
    writeFileAtomic(csv, toCSV(rows));
    writeFileAtomic(json, toJSON(rows));
    if (!argv.quiet) {
      note(toTable(rows.filter((r) => [-1, -0.5, 0, 0.5, 1].some((k) => Math.abs(Number(r.kappa) - k) < 1e-9)), ['curve', 'kappa', 'alpha', 'check_error', 'converged']).trimEnd());
      note(`wrote ${rows.length} rows to ${csv} and ${json}`);
    }
  },
};
