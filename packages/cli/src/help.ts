import { type CommandSpec, GLOBAL_OPTIONS, type OptionSpec } from './command.js';

const SETTINGS: ReadonlyArray<[string, string]> = [
  ['OTPKIT_DATABASE_URL', 'postgres://…, mysql://…, mariadb://…, sqlite:path (or --db)'],
  ['OTPKIT_TABLE_PREFIX', 'prefix of the otpkit tables (or --table-prefix; default otpkit_)'],
  ['OTPKIT_KEYS', 'keyring keys, id:base64 pairs, primary first: k2:…,k1:…'],
  ['OTPKIT_PRIMARY_KEY', 'the key id that seals (default: the first in OTPKIT_KEYS)'],
  ['OTPKIT_ISSUER', 'issuer shown by authenticator apps (or --issuer; default otpkit)'],
  ['OTPKIT_THROTTLE_FACTOR', "throttle options, as given to your site's createOtp:"],
  ['OTPKIT_THROTTLE_MAX_DELAY', 'seconds after a first failure, delay cap in seconds,'],
  ['OTPKIT_THROTTLE_MAX_FAILURES', 'failures before a lock'],
];

/** What a group's help (and an unknown subcommand of it) adds to the list of its commands. */
export const GROUP_NOTES: Readonly<Record<string, string>> = {
  enroll:
    'The command line enrolls totp and hotp devices. Email devices are enrolled on your site, which sends their code (the command line sends no email); backup codes come from `otpkit add-static-token`.',
};

const EXIT_CODES = 'Exit codes: 0 success, 1 refused or failed, 2 usage or configuration error.';

/** `otpkit devices remove <user> <device>` */
export function synopsis(command: CommandSpec): string {
  return ['otpkit', ...command.path, ...command.args.map((arg) => `<${arg}>`)].join(' ');
}

function columns(rows: ReadonlyArray<[string, string]>, indent = '  '): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
}

function optionRows(options: Readonly<Record<string, OptionSpec>>): Array<[string, string]> {
  return Object.entries(options)
    .filter(([, spec]) => !spec.hidden)
    .map(([name, spec]) => {
      const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` <${spec.value}>` : ''}`;
      return [flag, spec.description];
    });
}

/** `otpkit --help`: every command, the global options and the settings. */
export function topHelp(commands: readonly CommandSpec[]): string {
  return [
    'otpkit: administer two-factor authentication for an otpkit site.',
    '',
    'Usage: otpkit <command> [options]',
    '',
    'Commands:',
    columns(commands.map((command) => [synopsis(command).slice('otpkit '.length), command.summary])),
    '',
    'Options for every command:',
    columns([...optionRows(GLOBAL_OPTIONS), ['--version', 'print the version']]),
    '',
    'Settings (environment variables):',
    columns(SETTINGS),
    '',
    EXIT_CODES,
    'Run `otpkit <command> --help` for the options of a command.',
  ].join('\n');
}

/** `otpkit devices --help`: the subcommands of a group. */
export function groupHelp(group: string, commands: readonly CommandSpec[]): string {
  const members = commands.filter((command) => command.path[0] === group);
  return [
    `Usage: otpkit ${group} <${members.map((command) => command.path[1]).join('|')}> …`,
    '',
    'Commands:',
    columns(members.map((command) => [synopsis(command).slice('otpkit '.length), command.summary])),
    ...(GROUP_NOTES[group] ? ['', GROUP_NOTES[group]] : []),
    '',
    `Run \`otpkit ${group} <command> --help\` for the options of a command.`,
  ].join('\n');
}

/** `otpkit verify --help`. */
export function commandHelp(command: CommandSpec): string {
  const own = optionRows(command.options ?? {});
  return [
    `Usage: ${synopsis(command)} [options]`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details ? ['', command.details] : []),
    ...(own.length > 0 ? ['', 'Options:', columns(own)] : []),
    '',
    'Options for every command:',
    columns(optionRows(GLOBAL_OPTIONS)),
    ...(command.examples?.length
      ? ['', 'Examples:', ...command.examples.map((example) => `  ${example}`)]
      : []),
    '',
    EXIT_CODES,
  ].join('\n');
}
