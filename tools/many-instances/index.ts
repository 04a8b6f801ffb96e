/**
 * The test side of the many-instances scenario: checks that PostgreSQL and Redis answer, creates
 * otpkit's tables under a random prefix, starts two processes of an adapter's instance fixture
 * (see `./instance`), and removes the tables, the Redis keys and the processes afterwards. The
 * scenario itself is `runManyInstancesScenario` of @otpkit/web/testing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createKeyring, createOtp } from '@otpkit/core';
import { backupCodes, totp } from '@otpkit/devices';
import { migrate, sqlStore } from '@otpkit/store-sql';
import type { ManyInstances } from '@otpkit/web/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createClient } from 'redis';
import { it } from 'vitest';

const PG_URL = process.env.OTPKIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.OTPKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = fileURLToPath(new URL('../../', import.meta.url));

async function probe(): Promise<string | false> {
  const down: string[] = [];
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    down.push(`PostgreSQL at ${PG_URL} is unreachable (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = createClient({ url: REDIS_URL, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    down.push(`Redis at ${REDIS_URL} is unreachable (${(error as Error).message})`);
  } finally {
    if (redis.isOpen) await redis.quit().catch(() => undefined);
  }
  return down.length > 0 ? down.join('; ') : false;
}

/**
 * Why the scenario must be skipped (a server is down), or false. Under `CI=true` a down server is
 * a failing test that names it, never a silent skip.
 */
export async function manyInstancesSkip(): Promise<string | false> {
  const reason = await probe();
  if (reason && process.env.CI === 'true') {
    it('reaches PostgreSQL and Redis (required when CI=true)', () => {
      throw new Error(reason);
    });
  }
  return reason;
}

/** Start one instance; resolves its URL once it prints `READY <url>`. */
function startInstance(
  fixture: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /^READY (\S+)$/.exec(line);
      if (match) resolve({ url: match[1]!, child });
    });
    child.on('exit', (code) => reject(new Error(`instance exited (${code}): ${errors.join('')}`)));
  });
}

/**
 * Two processes of `fixture` (a file run with tsx) sharing fresh otpkit tables on PostgreSQL and a
 * fresh Redis key prefix, with the test's own service over the same tables and keys.
 */
export async function startInstances(fixture: string | URL): Promise<ManyInstances> {
  const prefix = `mi${randomBytes(4).toString('hex')}_`;
  const redisPrefix = `otpkit-mi-${randomBytes(4).toString('hex')}:`;
  const key = randomBytes(32).toString('base64');
  const pool = new pg.Pool({ connectionString: PG_URL, max: 3 });
  pool.on('error', () => undefined);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, { tablePrefix: prefix });
  const otp = createOtp({
    store: sqlStore({ db, tablePrefix: prefix }),
    keyring: createKeyring({ keys: { k1: key }, primary: 'k1' }),
    kinds: [totp({ issuer: 'Many instances' }), backupCodes()],
  });
  const env = {
    MI_PG_URL: PG_URL,
    MI_TABLE_PREFIX: prefix,
    MI_REDIS_URL: REDIS_URL,
    MI_REDIS_PREFIX: redisPrefix,
    MI_KEY: key,
  };
  const path = typeof fixture === 'string' ? fixture : fileURLToPath(fixture);
  const started = await Promise.allSettled([startInstance(path, env), startInstance(path, env)]);
  const children = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.child] : []));

  async function close() {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
      ),
    );
    const { rows } = await sql<{
      tablename: string;
    }>`SELECT tablename FROM pg_tables WHERE tablename LIKE ${`${prefix}%`}`.execute(db);
    for (const { tablename } of rows) await sql.raw(`DROP TABLE IF EXISTS "${tablename}"`).execute(db);
    await db.destroy();
    const redis = createClient({ url: REDIS_URL });
    redis.on('error', () => undefined);
    await redis.connect();
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  }

  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await close();
    throw (failed as PromiseRejectedResult).reason;
  }
  const [a, b] = started.map((s) => (s as PromiseFulfilledResult<{ url: string }>).value.url);
  return { urls: [a!, b!], otp, close };
}
