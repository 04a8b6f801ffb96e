/**
 * The inside of one app instance of the many-instances test, a process of its own: its otpkit
 * service over the SQL store on PostgreSQL (its own pool) and its own Redis client for the
 * framework's session store, all from the environment that {@link startInstances} sets. The
 * adapter's fixture adds the framework: its conformance test app with a Redis session store.
 */
import type { AddressInfo } from 'node:net';
import { createKeyring, createOtp } from '@otpkit/core';
import { backupCodes, totp } from '@otpkit/devices';
import { sqlStore } from '@otpkit/store-sql';
import type { WebOptions } from '@otpkit/web';
import { manyInstancesWebOptions } from '@otpkit/web/testing';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createClient } from 'redis';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`many-instances app: ${name} is not set`);
  return value;
};

/** A connected node-redis client. */
export type RedisClient = ReturnType<typeof createClient>;

export interface Instance {
  /** otpkit's web options for this instance (see `manyInstancesWebOptions`). */
  web: WebOptions;
  /** This instance's Redis client, for the framework's session store. */
  redis: RedisClient;
  /** The key prefix every instance's sessions share (and the test removes afterwards). */
  redisPrefix: string;
  /** Print the URL the test waits for, and close everything on SIGTERM (after `close`). */
  ready(url: string | AddressInfo, close: () => Promise<void>): void;
}

/** Build this instance's service and clients from the environment. */
export async function instanceFromEnv(): Promise<Instance> {
  const pool = new pg.Pool({ connectionString: env('MI_PG_URL'), max: 5 });
  pool.on('error', () => undefined);
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  const store = sqlStore({ db, tablePrefix: env('MI_TABLE_PREFIX') });
  const otp = createOtp({
    store,
    keyring: createKeyring({ keys: { k1: env('MI_KEY') }, primary: 'k1' }),
    kinds: [totp({ issuer: 'Many instances' }), backupCodes()],
    // A long first delay, so that "the other instance refuses the next try" never depends on speed.
    throttle: { factor: 60 },
  });
  const redis: RedisClient = createClient({ url: env('MI_REDIS_URL') });
  redis.on('error', () => undefined);
  await redis.connect();
  return {
    web: manyInstancesWebOptions({ otp, store }),
    redis,
    redisPrefix: env('MI_REDIS_PREFIX'),
    ready(address, close) {
      const url = typeof address === 'string' ? address : `http://127.0.0.1:${address.port}`;
      const stop = async () => {
        await close();
        await Promise.allSettled([redis.quit(), db.destroy()]);
        process.exit(0);
      };
      process.on('SIGTERM', () => void stop());
      process.on('SIGINT', () => void stop());
      console.log(`READY ${url}`);
    },
  };
}
