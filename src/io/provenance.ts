/** Provenance carried by every output row: package version, git commit, command line, seed, time. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');

let cached: { version: string; commit: string | null } | undefined;

function packageInfo(): { version: string; commit: string | null } {
  if (cached) return cached;
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    /* not in a package checkout */
  }
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: packageRoot, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    if (dirty) commit += '-dirty';
  } catch {
    commit = null;
  }
  cached = { version, commit };
  return cached;
}

export function packageVersion(): string {
  return packageInfo().version;
}

export interface Provenance {
  gardner_version: string;
  git_commit: string | null;
  command: string;
  timestamp: string;
  [key: string]: string | number | null;
}

/** The provenance fields for rows produced by this process; `seed` is added where randomness was used. */
export function provenance(extra: Record<string, string | number | null> = {}): Provenance {
  const { version, commit } = packageInfo();
  return {
    gardner_version: version,
    git_commit: commit,
    command: currentCommandLine(),
    timestamp: new Date().toISOString(),
    ...extra,
  };
}

let commandLine: string | undefined;

/** Set by the CLI to the user's command; library callers get the node argv. */
export function setCommandLine(cmd: string): void {
  commandLine = cmd;
}

export function currentCommandLine(): string {
  return commandLine ?? ['gardner', ...process.argv.slice(2)].join(' ');
}
