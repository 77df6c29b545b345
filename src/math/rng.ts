/**
 * Seeded randomness. Every random quantity in gardner comes from one of these generators, and the seed is
 * recorded in every output row, so that a run can be reproduced bit for bit.
 */
import mt19937 from '@stdlib/random-base-mt19937';

export interface Rng {
  readonly seed: number;
  /** Uniform on [0, 1) with 32 bits of randomness (the generator's own normalization). */
  uniform(): number;
  /** Standard normal by the Box-Muller transform (pairs cached, so two draws use one pair of uniforms). */
  normal(): number;
  /** Uniform integer in {0, …, n−1}. */
  int(n: number): number;
  /** ±1 with probability ½ each. */
  sign(): number;
  /** Fill an array with i.i.d. standard normals. */
  fillNormal(out: Float64Array): Float64Array;
}

export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer in [0, 4294967295], got ${seed}`);
  }
  // mt19937 rejects a zero seed; shift by one so that seed 0 is a valid user choice.
  // The typings declare a bare function; the generator also carries normalized() (uniform on [0, 1)).
  const gen = mt19937.factory({ seed: seed + 1 > 0xffffffff ? 0xffffffff : seed + 1 }) as unknown as { normalized(): number };
  let spare: number | undefined;
  const uniform = (): number => gen.normalized();
  const normal = (): number => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = uniform();
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    seed,
    uniform,
    normal,
    int: (n: number) => Math.floor(uniform() * n),
    sign: () => (uniform() < 0.5 ? -1 : 1),
    fillNormal(out: Float64Array) {
      for (let i = 0; i < out.length; i++) out[i] = normal();
      return out;
    },
  };
}

/** Derive independent child seeds (for instances, replicas, workers) from one user seed. */
export function childSeed(seed: number, ...path: number[]): number {
  // splitmix-style integer hash of (seed, path): deterministic and well spread over 32 bits.
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const p of path) {
    h = Math.imul(h ^ (p + 0x7f4a7c15), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}
