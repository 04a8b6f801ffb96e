import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Lines typed (or piped) on stdin, one at a time. */
export interface LineReader {
  /** The next line without its end, or null at the end of input. */
  next(): Promise<string | null>;
  close(): void;
}

/**
 * Read `input` line by line. Lines that arrive before they are asked for (a pipe delivers all of
 * them at once) wait in the reader's queue, so none is lost between prompts.
 */
export function createLineReader(input: Readable): LineReader {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const iterator = lines[Symbol.asyncIterator]();
  return {
    async next() {
      const { done, value } = await iterator.next();
      return done ? null : value;
    },
    close: () => lines.close(),
  };
}
