import { parseArgs } from 'node:util';
import { usageError } from './cli-error.js';
import { type CommandSpec, GLOBAL_OPTIONS, type OptionSpec } from './command.js';
import type { GlobalFlags } from './config/settings.js';
import { commandHelp, GROUP_NOTES, groupHelp, synopsis, topHelp } from './help.js';

/** What the command line asks for. */
export type CommandLine =
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | {
      kind: 'run';
      command: CommandSpec;
      args: Record<string, string>;
      options: Record<string, string | boolean | undefined>;
      flags: GlobalFlags;
      json: boolean;
    };

type ParseArgsOptions = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function toParseArgs(options: Readonly<Record<string, OptionSpec>>): ParseArgsOptions {
  return Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
    ]),
  );
}

/**
 * node:util's parse errors are several sentences and name internals; say one thing instead. Which
 * option is at fault is read from a lenient parse's tokens, not from the error's message.
 */
function parseProblem(command: CommandSpec, args: string[], options: ParseArgsOptions): Error {
  const help = `see \`${synopsis(command).split(' <')[0]} --help\``;
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = token.rawName;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!spec) return usageError(`Unknown option ${option} (${help}).`);
    if (spec.type === 'boolean' && token.value !== undefined) {
      return usageError(`Option ${option} takes no value (${help}).`);
    }
    if (spec.type === 'string' && token.value === undefined) {
      return usageError(`Option ${option} needs a value (${help}).`);
    }
    // The strict parse refuses `--db -x`: a value that looks like an option must be written inline.
    if (spec.type === 'string' && !token.inlineValue && token.value?.startsWith('-')) {
      return usageError(
        `Option ${option} needs a value (write ${option}=value when the value starts with -).`,
      );
    }
  }
  return usageError(`The command line is not valid (${help}).`);
}

// Device ids are base64url, so one in 64 starts with '-'. The only short option is -h, so an
// argument of a dash and two or more characters (-Xa9f…) is never options here: it is read as the
// value or positional argument it was meant to be. `--` works too, as everywhere.
const DASHED_VALUE = /^-[^-].+$/s;
const MASK = '\u0000';

/**
 * Read the command line in two passes with `node:util` `parseArgs`: a lenient one that finds the
 * command words wherever global options sit, then a strict one over the rest with that command's
 * options. Arguments after `--` are positional, whatever they look like.
 */
export function parseCommandLine(
  originalArgv: readonly string[],
  commands: readonly CommandSpec[],
): CommandLine {
  const argv = originalArgv.map((arg, index) => (DASHED_VALUE.test(arg) ? `${MASK}${index}` : arg));
  const unmask = <T>(value: T): T =>
    typeof value === 'string' && value.startsWith(MASK) ? (originalArgv[Number(value.slice(1))] as T) : value;
  const everyOption: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS };
  for (const command of commands) Object.assign(everyOption, command.options);
  const { tokens } = parseArgs({
    args: [...argv],
    options: { ...toParseArgs(everyOption), version: { type: 'boolean' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const optionNames = new Set(tokens.flatMap((token) => (token.kind === 'option' ? [token.name] : [])));
  const words = tokens.filter((token) => token.kind === 'positional');
  const wantsHelp = optionNames.has('help');

  const [first, second] = words.map((token) => unmask(token.value));
  if (first === undefined) {
    if (wantsHelp) return { kind: 'help', text: topHelp(commands) };
    if (optionNames.has('version')) return { kind: 'version' };
    throw usageError('No command given: run `otpkit --help` to list the commands.');
  }
  if (first === 'help') return { kind: 'help', text: topHelp(commands) };
  const group = commands.filter((command) => command.path[0] === first && command.path.length === 2);
  const command =
    group.find((candidate) => candidate.path[1] === second) ??
    commands.find((candidate) => candidate.path.length === 1 && candidate.path[0] === first);
  if (!command) {
    if (group.length > 0 && (second === undefined || wantsHelp)) {
      if (wantsHelp) return { kind: 'help', text: groupHelp(first, commands) };
      const names = group.map((candidate) => candidate.path[1]).join(', ');
      throw usageError(`otpkit ${first} needs a subcommand: ${names} (see \`otpkit ${first} --help\`).`);
    }
    if (group.length > 0) {
      const note = GROUP_NOTES[first] ? ` ${GROUP_NOTES[first]}` : '';
      throw usageError(`Unknown command otpkit ${first} ${second} (see \`otpkit ${first} --help\`).${note}`);
    }
    throw usageError(`Unknown command ${first} (run \`otpkit --help\` to list the commands).`);
  }
  if (wantsHelp) return { kind: 'help', text: commandHelp(command) };

  const skip = new Set(words.slice(0, command.path.length).map((token) => token.index));
  let parsed: ReturnType<typeof parseArgs>;
  const rest = argv.filter((_, index) => !skip.has(index));
  const commandOptions = toParseArgs({ ...GLOBAL_OPTIONS, ...command.options });
  try {
    parsed = parseArgs({ args: rest, options: commandOptions, strict: true, allowPositionals: true });
  } catch {
    throw parseProblem(command, rest, commandOptions);
  }

  const positionals = parsed.positionals.map(unmask);
  const values = Object.fromEntries(
    Object.entries(parsed.values).map(([name, value]) => [name, unmask(value)]),
  );
  if (positionals.length !== command.args.length) {
    const expected = command.args.map((arg) => `<${arg}>`).join(' ');
    throw usageError(
      positionals.length < command.args.length
        ? `Missing ${command.args
            .slice(positionals.length)
            .map((arg) => `<${arg}>`)
            .join(' ')}: usage is ${synopsis(command)}.`
        : `Too many arguments: ${synopsis(command)} takes ${command.args.length === 0 ? 'none' : expected}.`,
    );
  }
  const args = Object.fromEntries(command.args.map((name, index) => [name, positionals[index]!]));
  const options = values as Record<string, string | boolean | undefined>;
  return {
    kind: 'run',
    command,
    args,
    options,
    flags: {
      db: options.db as string | undefined,
      tablePrefix: options['table-prefix'] as string | undefined,
    },
    json: options.json === true,
  };
}
