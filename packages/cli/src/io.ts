import type { Readable, Writable } from 'node:stream';

/** A writable stream that may be a terminal. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** The process's streams and environment, passed in so that the runner is testable in-process. */
export interface Io {
  stdin: Readable;
  stdout: OutputStream;
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** The real process. */
export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

// C0/C1 controls (ESC starts terminal escape sequences) and bidi overrides: a user id or a device
// name read from the database must not be able to rewrite the operator's terminal.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** `text` safe to print on a terminal: control and format characters become `?`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '?');
}

/**
 * How a command talks: human text by default, one JSON document on stdout with `--json`. Human
 * chatter that must still reach a person in JSON mode (a QR code, a prompt) goes to stderr then.
 */
export interface Output {
  readonly json: boolean;
  /** Text for people: stdout, or stderr in JSON mode. */
  say(text: string): void;
  /** The command's result: `value` as JSON in JSON mode, else `text` (if any) on stdout. */
  result(value: unknown, text?: string): void;
  /** A warning or progress line, always on stderr. */
  warn(text: string): void;
}

export function createOutput(io: Io, json: boolean): Output {
  const line = (stream: OutputStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);
  return {
    json,
    say: (text) => line(json ? io.stderr : io.stdout, text),
    result(value, text) {
      if (json) line(io.stdout, JSON.stringify(value, null, 2));
      else if (text !== undefined) line(io.stdout, text);
    },
    warn: (text) => line(io.stderr, text),
  };
}
