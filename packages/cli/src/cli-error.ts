/**
 * The errors the command reports as one sentence, with the exit code they stand for. Anything
 * else that reaches the runner is described by `describe-error.ts`.
 */

/** Exit codes: 0 success, 1 refused or failed (wrong code, store error), 2 usage or configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** What kind of problem a {@link CliError} is; `--json` reports it as `error.code`. */
export type CliErrorCode = 'USAGE' | 'CONFIG' | 'FAILED';

/** A problem the operator can fix, told in one sentence, never with a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly exitCode: number;

  constructor(code: CliErrorCode, message: string) {
    super(message);
    this.code = code;
    this.exitCode = code === 'FAILED' ? EXIT.failed : EXIT.usage;
  }
}

/** The command line is wrong: an unknown command or option, a missing argument. Exit code 2. */
export const usageError = (message: string) => new CliError('USAGE', message);

/** A setting is missing or wrong (database URL, keys, driver). Exit code 2. */
export const configError = (message: string) => new CliError('CONFIG', message);

/** The operation ran and failed. Exit code 1. */
export const failure = (message: string) => new CliError('FAILED', message);
