/** Repository hygiene that no other test would notice. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', 'dist-check', 'out', '.git', '.test-results'].includes(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|mjs|js|json|md|sh)$/.test(name) || name === 'run') yield p;
  }
}

describe('repository', () => {
  it('no file carries unresolved merge-conflict markers', () => {
    const bad: string[] = [];
    for (const f of files(root)) {
      const lines = readFileSync(f, 'utf8').split('\n');
      lines.forEach((l, i) => {
        if (/^(<<<<<<< |>>>>>>> |=======$)/.test(l)) bad.push(`${f.slice(root.length + 1)}:${i + 1}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it('the README opens with the two commands', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
