/**
 * Progress bars with ETA (cli-progress) on stderr, for sweeps, transitions, phase diagrams and
 * simulations. Silent when stderr is not a terminal or with --quiet, so pipes and logs stay clean.
 *
 *     const bar = createProgress(points.length, { quiet: argv.quiet, label: 'sweep' });
 *     for (...) { ...; bar.tick(); }
 *     bar.stop();
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Advance by n units (default 1). */
  tick(n?: number): void;
  /** Set the completed count (e.g. after a resume). */
  update(done: number): void;
  stop(): void;
  /** Whether a bar is drawn. */
  readonly active: boolean;
}

export interface ProgressOptions {
  quiet?: boolean;
  label?: string;
  /** Override the terminal test (tests). */
  tty?: boolean;
  stream?: NodeJS.WriteStream;
}

const silent: Progress = { tick() {}, update() {}, stop() {}, active: false };

export function createProgress(total: number, o: ProgressOptions = {}): Progress {
  const stream = o.stream ?? process.stderr;
  const tty = o.tty ?? Boolean(stream.isTTY);
  if (o.quiet || !tty || total <= 0) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${o.label ? o.label + ' ' : ''}[{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 5,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  let stopped = false;
  return {
    active: true,
    tick(n = 1) {
      done += n;
      bar.update(Math.min(done, total));
    },
    update(d) {
      done = d;
      bar.update(Math.min(done, total));
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
