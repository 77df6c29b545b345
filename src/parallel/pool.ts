/**
 * Parallel map over worker threads (tinypool). A worker module's default export handles one task:
 *     export default function (task: T): R | Promise<R>
 * Results come back in task order whatever order the workers finish in. With jobs = 1 the same module
 * runs in this thread, so `--jobs 1` and `--jobs N` execute the same code on the same inputs. Tasks and
 * results cross threads by structured clone: plain data only.
 *
 * From TypeScript sources (tests, tsx scripts) the workers load the module through a bootstrap that
 * registers tsx (tsx-worker.mjs); from the compiled dist/ they load plain JavaScript.
 */
import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';

export interface ParallelOptions<R> {
  /** Worker threads; 1 runs in-process. */
  jobs: number;
  /** Called as each result arrives (progress bars, incremental output). */
  onResult?: (result: R, index: number) => void;
  /** Stop scheduling new tasks when aborted; tasks in flight finish. */
  signal?: AbortSignal;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export class AbortedError extends Error {
  constructor(readonly completed: number) {
    super(`interrupted after ${completed} completed tasks`);
    this.name = 'AbortedError';
  }
}

export async function parallelMap<T, R>(worker: URL, tasks: readonly T[], opts: ParallelOptions<R>): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  let completed = 0;
  if (opts.jobs <= 1 || tasks.length <= 1) {
    const mod = (await import(worker.href)) as { default: (t: T) => R | Promise<R> };
    for (let i = 0; i < tasks.length; i++) {
      // Let the event loop run between tasks, so that a SIGINT handler can abort the signal.
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      if (opts.signal?.aborted) throw new AbortedError(completed);
      results[i] = await mod.default(tasks[i]!);
      completed++;
      opts.onResult?.(results[i]!, i);
    }
    return results;
  }
  const fromSources = worker.pathname.endsWith('.ts');
  const pool = new Tinypool({
    filename: fromSources ? new URL('./tsx-worker.mjs', import.meta.url).href : worker.href,
    ...(fromSources ? { workerData: { target: worker.href } } : {}),
    minThreads: Math.min(opts.jobs, tasks.length),
    maxThreads: Math.min(opts.jobs, tasks.length),
  });
  try {
    let next = 0;
    const runOne = async (): Promise<void> => {
      while (next < tasks.length) {
        if (opts.signal?.aborted) return;
        const i = next++;
        results[i] = (await pool.run(tasks[i])) as R;
        completed++;
        opts.onResult?.(results[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.jobs, tasks.length) }, runOne));
    if (opts.signal?.aborted && completed < tasks.length) throw new AbortedError(completed);
    return results;
  } finally {
    await pool.destroy();
  }
}
