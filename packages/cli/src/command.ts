import { usageError } from './cli-error.js';
import type { Io, Output } from './io.js';
import type { Resources } from './resources.js';

/** One option of a command, for `node:util` `parseArgs` and for the help text. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's name in help (`--count <n>`). */
  value?: string;
  description: string;
  /** Left out of the help text (test hooks). */
  hidden?: boolean;
}

/** What a command's `run` receives. */
export interface CommandContext {
  /** Positional arguments by the names in {@link CommandSpec.args}. */
  args: Readonly<Record<string, string>>;
  options: Readonly<Record<string, string | boolean | undefined>>;
  out: Output;
  io: Io;
  resources: Resources;
}

/** One command: its words, arguments, options, help and behaviour. */
export interface CommandSpec {
  /** The words after `otpkit`: `['devices', 'list']`. */
  path: readonly string[];
  /** One line for the command list. */
  summary: string;
  /** Required positional arguments, in order: `['user', 'device']`. */
  args: readonly string[];
  options?: Readonly<Record<string, OptionSpec>>;
  /** Paragraphs printed in the command's help after the usage. */
  details?: string;
  examples?: readonly string[];
  /** Runs the command; resolves the exit code. Problems are thrown as `CliError` or `OtpError`. */
  run(ctx: CommandContext): Promise<number>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  db: {
    type: 'string',
    value: 'url',
    description: 'database URL (default: OTPKIT_DATABASE_URL)',
  },
  'table-prefix': {
    type: 'string',
    value: 'prefix',
    description: 'prefix of the otpkit tables (default: OTPKIT_TABLE_PREFIX or otpkit_)',
  },
  json: { type: 'boolean', description: 'print one JSON document on stdout, for scripts' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

/** The text of a whole-number option within bounds, or a usage error naming the option. */
export function integerOption(
  value: string | boolean | undefined,
  name: string,
  bounds: { min: number; max: number; default: number },
): number;
export function integerOption(
  value: string | boolean | undefined,
  name: string,
  bounds: { min: number; max: number },
): number | undefined;
export function integerOption(
  value: string | boolean | undefined,
  name: string,
  bounds: { min: number; max: number; default?: number },
): number | undefined {
  if (value === undefined || typeof value === 'boolean') return bounds.default;
  const n = /^[0-9]{1,9}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(n >= bounds.min && n <= bounds.max)) {
    throw usageError(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}.`);
  }
  return n;
}
