/**
 * The command line itself: help, usage errors and settings, each problem one sentence on stderr
 * with exit code 2. None of these needs a database server; each runs its own process, so they run
 * concurrently.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateKey } from '@otpkit/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { CLI, ensureBuilt } from './helpers/build.js';
import { runCli, runJson } from './helpers/run-cli.js';

// Each test spawns the binary, often several at once: on a loaded machine (CI runs every
// file in parallel) one process start can take seconds, so allow a minute per test.
vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'otpkit-cli-usage-'));
// The throttle setting is left unset, so that no warning about it joins the one sentence on stderr.
const sqlite = { OTPKIT_DATABASE_URL: `sqlite:${join(dir, 'otp.db')}`, OTPKIT_THROTTLE_FACTOR: undefined };
const KEY = generateKey();

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One line on stderr, starting `otpkit: `, nothing on stdout. */
const oneSentence = (message: string | RegExp) => ({
  code: 2,
  stdout: '',
  stderr: expect.stringMatching(
    typeof message === 'string'
      ? new RegExp(`^otpkit: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`)
      : new RegExp(`^otpkit: ${message.source}\n$`),
  ),
});

describe.concurrent('help', () => {
  const paths = [[], ['devices'], ['keys'], ['enroll'], ...COMMANDS.map((command) => [...command.path])];

  it.each(paths.map((path) => [path.join(' ') || '(top)', path]))(
    'otpkit %s --help exits 0',
    async (_, path) => {
      const run = await runCli([...path, '--help'], {});
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/Usage: otpkit/);
    },
  );

  it('lists every command in the top help, and prints the version', async () => {
    const { stdout } = await runCli(['help'], {});
    for (const command of COMMANDS) expect(stdout).toContain(command.path.join(' '));
    const version = await runCli(['--version'], {});
    const { version: expected } = JSON.parse(readFileSync(join(dirname(CLI), '..', 'package.json'), 'utf8'));
    expect(version).toMatchObject({ code: 0, stdout: `${expected}\n` });
  });

  it('says which kinds the command line enrolls, and how the others are made', async () => {
    const { stdout } = await runCli(['enroll', '--help'], {});
    expect(stdout).toContain('enroll totp <user>');
    expect(stdout).toContain('enroll hotp <user>');
    expect(stdout).toContain('Email devices are enrolled on your site');
  });

  it('shows a command its own options, without hidden ones', async () => {
    const { stdout } = await runCli(['keys', 'rotate', '-h'], {});
    expect(stdout).toContain('--dry-run');
    expect(stdout).toContain('--batch-size <n>');
    expect(stdout).toContain('--db <url>');
  });
});

describe.concurrent('usage errors exit 2 with one sentence', () => {
  it.each([
    [[], 'No command given: run `otpkit --help` to list the commands.'],
    [['frobnicate'], 'Unknown command frobnicate (run `otpkit --help` to list the commands).'],
    [['devices'], 'otpkit devices needs a subcommand: list, remove (see `otpkit devices --help`).'],
    [['devices', 'purge', 'alice'], 'Unknown command otpkit devices purge (see `otpkit devices --help`).'],
    [['verify', 'alice'], 'Missing <code>: usage is otpkit verify <user> <code>.'],
    [['status', 'alice', 'bob'], 'Too many arguments: otpkit status <user> takes <user>.'],
    [['status', 'alice', '--bogus'], 'Unknown option --bogus (see `otpkit status --help`).'],
    [['add-static-token', 'alice', '--count', '0'], '--count must be a whole number from 1 to 100.'],
    [
      ['keys', 'rotate', '--batch-size'],
      'Option --batch-size needs a value (see `otpkit keys rotate --help`).',
    ],
    [['keys', 'generate', '--id', 'no spaces'], '--id must be 1 to 32 letters, digits, _ or -.'],
    [
      ['enroll', 'email', 'alice'],
      'Unknown command otpkit enroll email (see `otpkit enroll --help`). The command line enrolls totp and hotp devices. Email devices are enrolled on your site, which sends their code (the command line sends no email); backup codes come from `otpkit add-static-token`.',
    ],
    [['enroll'], 'otpkit enroll needs a subcommand: totp, hotp (see `otpkit enroll --help`).'],
    [['enroll', 'hotp', 'alice', '--digits', '9'], '--digits must be a whole number from 6 to 8.'],
    [
      ['enroll', 'hotp', 'alice', '--counter', '5'],
      '--encoding and --counter describe an imported seed: add --import.',
    ],
  ] as const)('otpkit %j', async (args, message) => {
    expect(await runCli(args, sqlite)).toMatchObject(oneSentence(message));
  });

  it('reports the error as JSON on stdout too with --json', async () => {
    const run = await runCli(['frobnicate', '--json'], {});
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      error: {
        code: 'USAGE',
        message: 'Unknown command frobnicate (run `otpkit --help` to list the commands).',
      },
    });
  });
});

describe.concurrent('settings', () => {
  it('asks for a database when none is set', async () => {
    expect(await runCli(['status', 'alice'], {})).toMatchObject(
      oneSentence(
        'No database is set: set OTPKIT_DATABASE_URL or pass --db (postgres://…, mysql://…, sqlite:path).',
      ),
    );
  });

  it('refuses an unknown database URL without echoing it (it may hold a password)', async () => {
    const run = await runCli(['status', 'alice'], { OTPKIT_DATABASE_URL: 'redis://admin:hunter2@cache/0' });
    expect(run).toMatchObject(
      oneSentence(
        'OTPKIT_DATABASE_URL must start with postgres://, postgresql://, mysql://, mariadb:// or sqlite:.',
      ),
    );
    const flag = await runCli(['status', 'alice', '--db', 'postgres://admin:hunter2@[bad'], {});
    expect(flag).toMatchObject(oneSentence('--db is not a valid postgres:// URL.'));
    expect(run.stderr + flag.stderr).not.toContain('hunter2');
  });

  it.each([
    [
      'unset',
      undefined,
      'OTPKIT_KEYS is not set: set it to id:base64key pairs separated by commas (create one with `otpkit keys generate`).',
    ],
    [
      'a key without its id',
      KEY,
      'OTPKIT_KEYS entry 1 is not of the form id:base64key (create one with `otpkit keys generate`).',
    ],
    ['an id listed twice', `k1:${KEY},k1:${KEY}`, 'OTPKIT_KEYS lists the key id k1 twice.'],
    ['a short key', 'k1:c2hvcnQ=', 'OTPKIT_KEYS is not valid: key k1 must be 32 bytes, got 5.'],
    [
      'a key in hex',
      `k1:${Buffer.from(KEY, 'base64').toString('hex')}`,
      "OTPKIT_KEYS is not valid: key k1 looks like hex: give base64 (Buffer.from(hex, 'hex').toString('base64')).",
    ],
    [
      'a key that is not base64',
      `k1:${KEY},k2:not*base64`,
      'OTPKIT_KEYS is not valid: key k2 must be base64 or base64url text.',
    ],
  ])('refuses OTPKIT_KEYS with %s, without echoing a key', async (_, keys, message) => {
    const run = await runCli(['verify', 'alice', '123456'], { ...sqlite, OTPKIT_KEYS: keys });
    expect(run).toMatchObject(oneSentence(message));
    expect(run.stderr).not.toContain(KEY);
    expect(run.stderr).not.toContain(Buffer.from(KEY, 'base64').toString('hex').slice(0, 16));
  });

  it('refuses a primary key that is not listed', async () => {
    const run = await runCli(['verify', 'alice', '123456'], {
      ...sqlite,
      OTPKIT_KEYS: `k1:${KEY}`,
      OTPKIT_PRIMARY_KEY: 'k9',
    });
    expect(run).toMatchObject(
      oneSentence('OTPKIT_PRIMARY_KEY must be one of the key ids in OTPKIT_KEYS (k1).'),
    );
  });

  it.each([
    [
      'OTPKIT_THROTTLE_MAX_FAILURES',
      '0',
      'OTPKIT_THROTTLE_MAX_FAILURES must be a whole number of at least 1 (got "0").',
    ],
    [
      'OTPKIT_THROTTLE_FACTOR',
      'fast',
      'OTPKIT_THROTTLE_FACTOR must be a number of seconds, 0 or more (got "fast").',
    ],
    [
      'OTPKIT_THROTTLE_FACTOR',
      '-1',
      'OTPKIT_THROTTLE_FACTOR must be a number of seconds, 0 or more (got "-1").',
    ],
    [
      'OTPKIT_THROTTLE_MAX_DELAY',
      '-5',
      'OTPKIT_THROTTLE_MAX_DELAY must be a number of seconds, 0 or more (got "-5").',
    ],
    ['OTPKIT_THROTTLE_MAX_DELAY', '99999999', /OTPKIT_THROTTLE_MAX_DELAY is out of range: .*\./],
    [
      'OTPKIT_TABLE_PREFIX',
      'otp-kit',
      'OTPKIT_TABLE_PREFIX must be a letter or underscore followed by up to 30 letters, digits or _.',
    ],
    [
      'OTPKIT_ISSUER',
      'Acme:Admin',
      'The issuer (--issuer or OTPKIT_ISSUER) is not valid: must not contain a colon.',
    ],
  ])('refuses %s=%s', async (name, value, message) => {
    const run = await runCli(['status', 'alice'], { ...sqlite, [name]: value });
    expect(run).toMatchObject(oneSentence(message));
  });

  it('refuses a SQLite file that does not exist, rather than make an empty one; migrate creates it', async () => {
    const url = `sqlite:${join(dir, 'mistyped.db')}`;
    for (const args of [
      ['status', 'alice'],
      ['devices', 'list', 'alice'],
      ['keys', 'rotate'],
    ]) {
      const run = await runCli(args, { ...sqlite, OTPKIT_DATABASE_URL: url, OTPKIT_KEYS: `k1:${KEY}` });
      expect(run).toMatchObject(
        oneSentence(
          `The SQLite database ${join(dir, 'mistyped.db')} does not exist: check the path in the database URL (\`otpkit migrate\` creates it).`,
        ),
      );
      expect(existsSync(join(dir, 'mistyped.db'))).toBe(false);
    }
    expect(await runCli(['migrate'], { ...sqlite, OTPKIT_DATABASE_URL: url })).toMatchObject({ code: 0 });
    expect(await runCli(['status', 'alice'], { ...sqlite, OTPKIT_DATABASE_URL: url })).toMatchObject({
      code: 0,
    });
  });

  it('runs commands that need no key without OTPKIT_KEYS, and points at migrate before the tables exist', async () => {
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const run = await runCli(['status', 'alice'], {
      ...sqlite,
      OTPKIT_DATABASE_URL: `sqlite:${empty}`,
      OTPKIT_KEYS: undefined,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'otpkit: The otpkit tables are not in this database (no table otpkit_devices): run `otpkit migrate` first, or check the table prefix.\n',
    );
  });

  it('reports an unreachable server as a failure (exit 1), in one sentence', async () => {
    const run = await runCli(['status', 'alice', '--db', 'postgres://postgres@127.0.0.1:1/test'], sqlite);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'otpkit: Cannot reach the database server (connect ECONNREFUSED 127.0.0.1:1): check the host and port in the database URL, and that the server runs.\n',
    );
  });

  it('names the driver to install when it is missing', async () => {
    // A copy of the binary whose node_modules holds everything but the optional drivers.
    const app = join(dir, 'app');
    const modules = join(app, 'node_modules');
    mkdirSync(join(modules, '@otpkit'), { recursive: true });
    const cliModules = join(dirname(CLI), '..', 'node_modules');
    for (const name of ['kysely', '@otpkit/core', '@otpkit/devices', '@otpkit/store-sql']) {
      symlinkSync(join(cliModules, name), join(modules, name));
    }
    writeFileSync(join(app, 'cli.js'), readFileSync(CLI));
    writeFileSync(join(app, 'package.json'), '{"type":"module"}');
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [join(app, 'cli.js'), 'status', 'alice'], {
      env: { PATH: process.env.PATH, OTPKIT_DATABASE_URL: 'postgres://postgres@127.0.0.1/test' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'otpkit: The PostgreSQL driver is not installed: run `npm install pg` where @otpkit/cli is installed.\n',
    );
  });
});

describe.concurrent('keys generate', () => {
  it('prints a new 32-byte key and the line to use it, never the keys already set', async () => {
    const run = await runJson<{ id: string; key: string; entry: string }>(['keys', 'generate'], {
      OTPKIT_KEYS: `k1:${KEY}`,
    });
    expect(run.code).toBe(0);
    expect(run.json.id).toBe('k2');
    expect(Buffer.from(run.json.key, 'base64')).toHaveLength(32);
    expect(run.json.entry).toBe(`k2:${run.json.key}`);
    const human = await runCli(['keys', 'generate'], { OTPKIT_KEYS: `k1:${KEY},k7:${KEY}` });
    expect(human.stdout).toMatch(/^New key k8 \(keep it secret\):\n {2}\S{44}\n/);
    expect(human.stdout).toMatch(/ {2}OTPKIT_KEYS=k8:\S{44},k1:<current k1 key>,k7:<current k7 key>\n/);
    expect(human.stdout + run.stdout).not.toContain(KEY);
  });

  it('starts at k1 when no key is set, and takes an id', async () => {
    expect((await runJson(['keys', 'generate'], {})).json).toMatchObject({ id: 'k1' });
    expect((await runJson(['keys', 'generate', '--id', '2026-11'], {})).json).toMatchObject({
      id: '2026-11',
    });
    expect(await runCli(['keys', 'generate', '--id', 'k1'], { OTPKIT_KEYS: `k1:${KEY}` })).toMatchObject(
      oneSentence('OTPKIT_KEYS already has a key k1: choose another --id.'),
    );
  });
});
