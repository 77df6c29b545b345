import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';

/** A stand-in terminal that records what is written. */
function fakeTTY(): NodeJS.WriteStream & { text: string } {
  const s = {
    text: '',
    isTTY: true,
    columns: 120,
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    clearScreenDown: () => true,
    on: () => s,
    removeListener: () => s,
  };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('createProgress', () => {
  it('draws a bar with counts and an ETA on a terminal', () => {
    const tty = fakeTTY();
    const bar = createProgress(4, { label: 'sweep', stream: tty });
    expect(bar.active).toBe(true);
    bar.tick();
    bar.tick(2);
    bar.stop();
    expect(tty.text).toContain('sweep');
    expect(tty.text).toMatch(/ETA/);
    expect(tty.text).toMatch(/3\/4/);
  });

  it('is silent when the stream is not a terminal, or with --quiet, or with nothing to do', () => {
    for (const o of [{ tty: false }, { quiet: true }]) {
      const tty = fakeTTY();
      const bar = createProgress(4, { ...o, stream: tty });
      bar.tick();
      bar.stop();
      expect(bar.active).toBe(false);
      expect(tty.text).toBe('');
    }
    expect(createProgress(0, { stream: fakeTTY() }).active).toBe(false);
  });
});
