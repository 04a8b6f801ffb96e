import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { COMMANDS } from './commands/index.js';
import { parseCommandLine } from './parse-command-line.js';

const parse = (...argv: string[]) => parseCommandLine(argv, COMMANDS);
const run = (...argv: string[]) => {
  const line = parse(...argv);
  if (line.kind !== 'run') throw new Error(`expected a command, got ${line.kind}`);
  return {
    path: line.command.path.join(' '),
    args: line.args,
    options: line.options,
    flags: line.flags,
    json: line.json,
  };
};

describe('parseCommandLine', () => {
  it('finds one- and two-word commands and names their arguments', () => {
    expect(run('verify', 'alice', '123 456')).toMatchObject({
      path: 'verify',
      args: { user: 'alice', code: '123 456' },
    });
    expect(run('devices', 'remove', 'alice', 'dev1')).toMatchObject({
      path: 'devices remove',
      args: { user: 'alice', device: 'dev1' },
    });
  });

  it('takes global options before, between and after the command words', () => {
    expect(
      run('--json', 'devices', '--db', 'sqlite:x.db', 'list', 'alice', '--table-prefix', 'p_'),
    ).toMatchObject({
      path: 'devices list',
      args: { user: 'alice' },
      flags: { db: 'sqlite:x.db', tablePrefix: 'p_' },
      json: true,
    });
  });

  it('takes arguments that start with a dash after --', () => {
    expect(run('devices', 'remove', 'alice', '--', '-dev1')).toMatchObject({
      args: { user: 'alice', device: '-dev1' },
    });
    expect(run('verify', '--', '--alice', '123456')).toMatchObject({
      args: { user: '--alice', code: '123456' },
    });
  });

  it('reads a device id that starts with a dash as an id, not as short options', () => {
    expect(run('confirm', 'alice', '-vXa9_fQ', '123456', '--json')).toMatchObject({
      args: { user: 'alice', device: '-vXa9_fQ', code: '123456' },
      json: true,
    });
    expect(run('verify', 'alice', '123456', '--device', '-Xa9')).toMatchObject({
      options: { device: '-Xa9' },
    });
    expect(run('enroll', 'totp', 'alice', '--name', '-Phone-')).toMatchObject({
      options: { name: '-Phone-' },
    });
    expect(() => parse('status', 'alice', '-x')).toThrow('Unknown option -x (see `otpkit status --help`).');
  });

  it("reads a command's own options, --no-confirm included", () => {
    expect(run('enroll', 'totp', 'alice', '--no-confirm', '--name', 'Phone').options).toMatchObject({
      'no-confirm': true,
      name: 'Phone',
    });
    expect(run('add-static-token', '--count', '3', 'alice')).toMatchObject({
      args: { user: 'alice' },
      options: { count: '3' },
    });
  });

  it('answers help and version before anything else', () => {
    expect(parse('--help')).toMatchObject({ kind: 'help', text: expect.stringContaining('Commands:') });
    expect(parse('keys', '-h')).toMatchObject({
      kind: 'help',
      text: expect.stringContaining('otpkit keys <generate|rotate>'),
    });
    expect(parse('verify', '--help', '--bogus')).toMatchObject({
      kind: 'help',
      text: expect.stringContaining('Usage: otpkit verify <user> <code>'),
    });
    expect(parse('--version')).toEqual({ kind: 'version' });
  });

  it.each([
    [['verify', 'alice', '1', '--device'], 'Option --device needs a value (see `otpkit verify --help`).'],
    [
      ['verify', 'alice', '1', '--db', '-x'],
      'Option --db needs a value (write --db=value when the value starts with -).',
    ],
    [['status', 'alice', '--json=yes'], 'Option --json takes no value (see `otpkit status --help`).'],
    [['status', '--count', '2', 'alice'], /^Unknown option --count/],
    [
      ['enroll', 'sms', 'alice'],
      /^Unknown command otpkit enroll sms \(see `otpkit enroll --help`\)\. The command line enrolls totp and hotp devices\./,
    ],
  ])('refuses %j with a usage error', (argv, message) => {
    let error: unknown;
    try {
      parse(...argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: 'USAGE', exitCode: 2 });
    expect((error as Error).message).toMatch(message);
  });
});
