import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { OutputStream } from '../io.js';
import { createProgress } from './progress.js';

function sink(isTTY: boolean): OutputStream & { text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { isTTY?: boolean; text: () => string };
  stream.isTTY = isTTY;
  stream.text = () => text;
  return stream;
}

const at = (scanned: number, resealed: number, pageDone: boolean, failed = 0) => ({
  total: 4,
  scanned,
  resealed,
  failed,
  pageDone,
});

describe('createProgress', () => {
  it('prints one plain line per page when stderr is not a terminal', () => {
    const stream = sink(false);
    const progress = createProgress(stream, { dryRun: false });
    progress.update(at(2, 1, false));
    progress.update(at(2, 2, true));
    progress.update(at(4, 3, true, 1));
    progress.done();
    expect(stream.text()).toBe(
      'keys rotate: 2/4 devices checked, 2 resealed\nkeys rotate: 4/4 devices checked, 3 resealed, 1 failed\n',
    );
  });

  it('redraws a bar in place on a terminal, at most every 100 ms, and ends its line', () => {
    const stream = sink(true);
    let clock = 0;
    const progress = createProgress(stream, { dryRun: true, now: () => clock });
    progress.update(at(1, 1, false));
    clock = 50;
    progress.update(at(2, 1, true)); // too soon: not drawn
    clock = 200;
    progress.update(at(3, 2, false));
    progress.done();
    const frames = stream.text().split('\r\x1b[K').slice(1);
    expect(frames).toEqual([
      '[########......................]  25%  1/4 devices checked, 1 to reseal',
      '[#######################.......]  75%  3/4 devices checked, 2 to reseal',
      '[#######################.......]  75%  3/4 devices checked, 2 to reseal\n',
    ]);
  });

  it('draws the last page at once, however soon it comes', () => {
    const stream = sink(true);
    const progress = createProgress(stream, { dryRun: false, now: () => 0 });
    progress.update(at(1, 0, false));
    progress.update(at(4, 3, true));
    expect(stream.text()).toContain('[##############################] 100%  4/4 devices checked, 3 resealed');
  });
});
