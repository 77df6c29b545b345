/**
 * Ctrl-C for long runs: the first SIGINT aborts the signal (the runner stops scheduling, lets the points in
 * flight finish and writes what is done); a second one quits at once.
 */
import { note } from './output.js';

export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>, o: { quiet?: boolean } = {}): Promise<T> {
  const ctl = new AbortController();
  const onSigint = () => {
    if (ctl.signal.aborted) process.exit(130);
    if (!o.quiet) note('\ninterrupted: finishing the points in flight, then writing what is done (Ctrl-C again to quit now)');
    ctl.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await fn(ctl.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** Exit code of a run stopped by Ctrl-C (or --stop-after) after writing its partial output. */
export const INTERRUPTED_EXIT = 130;
