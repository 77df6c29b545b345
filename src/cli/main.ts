#!/usr/bin/env node
/**
 * gardner — replica computations of the weight space of neural networks, checked against trained ones.
 * Exit codes: 0 success, 2 invalid input, 1 a computation that failed.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ComputationError, UsageError } from './errors.js';
import { commands } from './commands/index.js';
import { packageVersion } from '../io/provenance.js';

/**
 * `--kappa -0.5` or `--alpha -1:1:0.1`: a value that starts with a minus sign and a digit belongs to the
 * option before it, not a cluster of short flags; glue it on as `--kappa=-0.5` before yargs sees it.
 */
export function attachNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!;
    const next = argv[i + 1];
    if (/^--[a-z][\w-]*$/i.test(t) && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${t}=${next}`);
      i++;
    } else out.push(t);
  }
  return out;
}

export async function run(argv: string[]): Promise<number> {
  let cli = yargs(attachNegativeValues(argv))
    .scriptName('gardner')
    .usage('$0 <command> [options]')
    .demandCommand(1, 'name a command (gardner --help lists them)')
    .strict()
    .exitProcess(false)
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(packageVersion())
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
  for (const c of commands) cli = cli.command(c as never);
  try {
    await cli.parseAsync();
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`gardner: ${err.message}\n`);
      return 2;
    }
    if (err instanceof ComputationError) {
      process.stderr.write(`gardner: computation failed: ${err.message}\n`);
      return 1;
    }
    if (err instanceof RangeError) {
      // Domain errors raised by the library for values the CLI let through.
      process.stderr.write(`gardner: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`gardner: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL((await import('node:fs')).realpathSync(process.argv[1])).href;
if (isMain) {
  process.exitCode = await run(hideBin(process.argv));
}
