import type { OutputStream } from '../io.js';
import type { RotationProgress } from './rotate-keys.js';

/** Shows a rotation's progress on stderr. */
export interface ProgressReporter {
  update(progress: RotationProgress): void;
  /** Ends the display (a bar's line is finished so that the summary starts on a new line). */
  done(): void;
}

const BAR_WIDTH = 30;
const REDRAW_MS = 100;

function counts(p: RotationProgress, verb: string): string {
  return `${p.scanned}/${p.total} devices checked, ${p.resealed} ${verb}${p.failed > 0 ? `, ${p.failed} failed` : ''}`;
}

/**
 * A progress bar redrawn in place on a terminal, or one plain line per page otherwise (logs and
 * pipes keep every line, so a bar's carriage returns would only clutter them).
 */
export function createProgress(
  stream: OutputStream,
  options: { dryRun: boolean; now?: () => number },
): ProgressReporter {
  const now = options.now ?? Date.now;
  const verb = options.dryRun ? 'to reseal' : 'resealed';
  let last: RotationProgress | null = null;
  let drawnAt = Number.NEGATIVE_INFINITY;

  if (!stream.isTTY) {
    return {
      update(p) {
        if (p.pageDone) stream.write(`keys rotate: ${counts(p, verb)}\n`);
      },
      done() {},
    };
  }

  const draw = (p: RotationProgress) => {
    const ratio = p.total === 0 ? 1 : Math.min(1, p.scanned / p.total);
    const filled = Math.round(ratio * BAR_WIDTH);
    const percent = `${Math.floor(ratio * 100)}`.padStart(3);
    stream.write(
      `\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${percent}%  ${counts(p, verb)}`,
    );
    drawnAt = now();
  };
  return {
    update(p) {
      last = p;
      if (now() - drawnAt >= REDRAW_MS || p.scanned === p.total) draw(p);
    },
    done() {
      if (last) {
        draw(last);
        stream.write('\n');
      }
    },
  };
}
