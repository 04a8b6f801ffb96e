/**
 * Database settings that are wrong in ways only the server can tell: a database that does not
 * exist, a role or user it does not know. Each is named for what it is (exit 2, a setting to fix),
 * never taken for missing tables ("run `otpkit migrate` first").
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureBuilt } from './helpers/build.js';
import { serverTarget } from './helpers/databases.js';
import { runCli } from './helpers/run-cli.js';

// Each test spawns the binary, often several at once: on a loaded machine (CI runs every
// file in parallel) one process start can take seconds, so allow a minute per test.
vi.setConfig({ testTimeout: 60_000 });

const postgres = await serverTarget('postgres');
const mariadb = await serverTarget('mariadb');

beforeAll(() => ensureBuilt(), 120_000);
afterAll(async () => {
  await postgres.cleanup();
  await mariadb.cleanup();
});

/** The URL of `target` with another user or database. */
function variant(url: string, change: { user?: string; database?: string }): string {
  const parsed = new URL(url);
  if (change.user) parsed.username = change.user;
  if (change.database) parsed.pathname = `/${change.database}`;
  return parsed.toString();
}

const NO_DATABASE =
  /^otpkit: The database named in the database URL does not exist \(.*nosuchdb.*\): check its name, or create it \(`otpkit migrate` creates tables, not databases\)\.\n$/;
const NO_LOGIN =
  /^otpkit: The database server refused the login \(.*nosuchuser.*\): check the user name and password in the database URL\.\n$/;

describe.each([
  ['postgres', postgres],
  ['mariadb', mariadb],
] as const)('%s', (_, target) => {
  it.skipIf(target.skip)(
    'names a database that does not exist, for migrate and every other command',
    async () => {
      const url = variant(target.url, { database: 'nosuchdb' });
      for (const args of [['migrate'], ['status', 'alice']]) {
        const run = await runCli([...args, '--db', url], { OTPKIT_THROTTLE_FACTOR: undefined });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(NO_DATABASE);
        expect(run.stderr).not.toContain('otpkit migrate` first');
      }
    },
  );

  it.skipIf(target.skip)('names a role or user the server does not know as a refused login', async () => {
    const url = variant(target.url, { user: 'nosuchuser' });
    const run = await runCli(['migrate', '--db', url], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(NO_LOGIN);
  });
});
