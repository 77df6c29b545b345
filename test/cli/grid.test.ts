/**
 * Parallel, sharded and resumable grid runs: the rows do not depend on how the grid was run (worker
 * threads, shards, interruptions), apart from the provenance of the run (command line, time).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/io/read.js';
import type { Row } from '../../src/io/row.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gardner-grid-'));
const RUN_FIELDS = ['command', 'timestamp'];
const strip = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !RUN_FIELDS.includes(k))));
const read = (p: string) => readTable(p).rows;
// Binary perceptron, 3 chains (κ) × 6 α; at κ = 0.5 the RS branch ends (q → 1) before α = 0.6.
const SWEEP = ['sweep', '--prior', 'binary', '--kappa', '-0.5:0.5:0.5', '--alpha', '0.1:0.6:0.1'];

describe('--jobs', () => {
  it('2 worker threads give the same rows as 1 (to 1e-12: in fact bit for bit)', async () => {
    const one = join(dir, 'j1.csv');
    const two = join(dir, 'j2.csv');
    expect((await runCli([...SWEEP, '--jobs', '1', '--out', one])).code).toBe(0);
    expect((await runCli([...SWEEP, '--jobs', '2', '--out', two])).code).toBe(0);
    const [a, b] = [strip(read(one)), strip(read(two))];
    expect(a.length).toBeGreaterThan(12);
    expect(b.length).toBe(a.length);
    a.forEach((r, i) => {
      for (const [k, v] of Object.entries(r)) {
        if (typeof v === 'number') expect(Math.abs((b[i]![k] as number) - v), `${k} row ${i}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
        else expect(b[i]![k]).toEqual(v);
      }
    });
  }, 60_000);
});

describe('--shard and merge', () => {
  const full = join(dir, 'full.csv');
  const shards = [1, 2, 3, 4].map((i) => join(dir, `s${i}.csv`));

  it('4 shards merged give exactly the unsharded rows', async () => {
    expect((await runCli([...SWEEP, '--out', full])).code).toBe(0);
    for (const [k, s] of shards.entries()) expect((await runCli([...SWEEP, '--shard', `${k + 1}/4`, '--out', s])).code).toBe(0);
    // a shard of 18 points that starts mid-chain still gets the warm-started rows
    expect(read(shards[1]!).map((r) => r.grid_index)).toEqual([4, 5, 6, 7, 8]);
    const merged = join(dir, 'merged.csv');
    const r = await runCli(['merge', ...shards, '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(strip(read(merged))).toEqual(strip(read(full)));
    expect(readTable(merged).columns).toEqual(readTable(full).columns);
  }, 60_000);

  it('a missing or doubled shard: exit 2, naming the points', async () => {
    const miss = await runCli(['merge', shards[0]!, shards[2]!, shards[3]!]);
    expect(miss.code).toBe(2);
    expect(miss.stderr).toMatch(/points missing: kappa=-0\.5,alpha=0\.5; kappa=-0\.5,alpha=0\.6; kappa=0,alpha=0\.1; .* \(shard 2\/4 absent\)/);
    const dup = await runCli(['merge', ...shards, shards[2]!]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/points doubled: kappa=0,alpha=0\.4 \(.*s3\.csv and .*s3\.csv\)/);
    const plain = await runCli(['merge', full]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/no 'shard' column: not a --shard output/);
    const other = join(dir, 'other.csv');
    expect((await runCli(['sweep', '--prior', 'binary', '--alpha', '0.1:0.3:0.1', '--shard', '1/2', '--out', other])).code).toBe(0);
    const mixed = await runCli(['merge', shards[0]!, other]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/from another grid/);
  }, 60_000);

  it('bad input to merge: a missing file, a malformed or truncated shard → exit 2 naming the file', async () => {
    const cut = join(dir, 'cut-shard.csv');
    writeFileSync(cut, readFileSync(shards[0]!, 'utf8').slice(0, -7));
    const r1 = await runCli(['merge', cut, ...shards.slice(1)]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/cut-shard\.csv: .*(truncated|fields where the header)/);
    const r2 = await runCli(['merge', join(dir, 'nope.csv'), ...shards.slice(1)]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/nope\.csv: no such file/);
  });
});

describe('--resume', () => {
  it('an interrupted run (stopped after k points) completes with --resume: the same rows, none twice', async () => {
    const full = join(dir, 'r-full.csv');
    const part = join(dir, 'r-part.csv');
    expect((await runCli([...SWEEP, '--out', full])).code).toBe(0);
    const stopped = await runCli([...SWEEP, '--out', part, '--stop-after', '5']);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/interrupted after \d+ of 18 points: wrote the \d+ rows done to .*; rerun the same command with --resume/);
    const partial = read(part);
    expect(partial.length).toBeGreaterThanOrEqual(5);
    expect(partial.length).toBeLessThan(read(full).length);
    const resumed = await runCli([...SWEEP, '--out', part, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`resuming: ${partial.length} points already in`));
    const rows = read(part);
    expect(strip(rows)).toEqual(strip(read(full)));
    const keys = rows.map((r) => `${r.kappa},${r.alpha}`);
    expect(new Set(keys).size).toBe(keys.length);
    // the rows computed before the interruption are kept as they were (their timestamps too)
    expect(rows.slice(0, partial.length)).toEqual(partial);
  }, 60_000);

  it('a truncated or malformed output is reported (exit 2) and left untouched, never appended to', async () => {
    const full = join(dir, 'r-full.csv');
    const text = readFileSync(full, 'utf8');
    for (const [name, content] of [
      ['cut.csv', text.slice(0, Math.floor(text.length / 2))],
      ['bad.csv', text.replace(/\n([^\n]*)\n/, '\n$1,extra\n')],
      ['foreign.csv', 'kappa,alpha,q\n3,0.1,0.2\n'],
    ] as const) {
      const p = join(dir, name);
      writeFileSync(p, content);
      const r = await runCli([...SWEEP, '--out', p, '--resume']);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toMatch(/--resume: /);
      expect(readFileSync(p, 'utf8')).toBe(content);
    }
  }, 60_000);

  it('Ctrl-C (a real SIGINT) stops after the points in flight and writes them; --resume completes the run', () => {
    const out = join(dir, 'sigint.csv');
    const args = ['--import', 'tsx', join(import.meta.dirname, '../../src/cli/main.ts'), 'capacity', '--kappa', '0:1:0.1', '--out', out];
    const first = spawnSync(process.execPath, args, { env: { ...process.env, GARDNER_TEST_SIGINT_AFTER: '3' }, encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(1);
    expect(first.stderr).toMatch(/interrupted: finishing the points in flight/);
    const partial = read(out);
    expect(partial.length).toBeGreaterThanOrEqual(3);
    expect(partial.length).toBeLessThan(11);
    const second = spawnSync(process.execPath, [...args, '--resume'], { encoding: 'utf8' });
    expect(second.status, second.stderr).toBe(0);
    const rows = read(out);
    expect(rows.map((r) => r.kappa)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  }, 60_000);
});
