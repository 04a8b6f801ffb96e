/**
 * The store conformance suite, shipped as `@otpkit/core/testing` so that every `OtpStore` (ours and
 * third parties') proves the same contract. It imports vitest, an optional peer dependency of core
 * that only this entry point needs.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import type { OtpStore } from '../store/otp-store.js';
import { describeConcurrencyConformance } from './conformance-concurrency.js';
import { describeDeviceConformance } from './conformance-devices.js';
import { describeStateConformance } from './conformance-state.js';
import { describeTokenConformance } from './conformance-tokens.js';

/**
 * Options of {@link runStoreConformance}.
 *
 * @example
 * ```ts
 * const options: StoreConformanceOptions = { name: 'memoryStore', createStore: () => memoryStore() };
 * ```
 */
export interface StoreConformanceOptions {
  /** Names the suite in test output, e.g. `'sqlStore (PostgreSQL 16)'`. */
  name: string;
  /**
   * Creates the store, once per suite. Every test uses fresh random ids, so a database shared with
   * other runs is fine; `store.close()` is called after the last test.
   */
  createStore: () => OtpStore | Promise<OtpStore>;
  /**
   * A reason to skip the whole suite (say, no database URL in the environment), printed with
   * `console.warn` so that a skipped run is visible; `false` or absent runs it.
   * @default false
   */
  skip?: string | false;
}

/**
 * Define the `OtpStore` conformance suite in the calling vitest file: devices, state, the
 * compare-and-set guard, all-or-nothing commits, races from one snapshot, single-use tokens,
 * expiry and purging.
 *
 * @example
 * ```ts
 * // my-store.test.ts
 * import { runStoreConformance } from '@otpkit/core/testing';
 *
 * runStoreConformance({
 *   name: 'redisStore',
 *   createStore: () => redisStore({ url: process.env.REDIS_URL! }),
 *   skip: process.env.REDIS_URL ? false : 'REDIS_URL is not set',
 * });
 * ```
 */
export function runStoreConformance(options: StoreConformanceOptions): void {
  const { name, createStore, skip = false } = options;
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError('runStoreConformance: name must be a non-empty string');
  }
  if (typeof createStore !== 'function')
    throw new TypeError('runStoreConformance: createStore must be a function');

  if (skip) console.warn(`[otpkit] store conformance "${name}" skipped: ${skip}`);
  const title = skip ? `OtpStore conformance: ${name} (skipped: ${skip})` : `OtpStore conformance: ${name}`;

  (skip ? describe.skip : describe)(title, () => {
    let store: OtpStore | undefined;
    const current = (): OtpStore => {
      if (!store) throw new Error(`runStoreConformance: createStore for "${name}" did not produce a store`);
      return store;
    };

    beforeAll(async () => {
      store = await createStore();
    });
    afterAll(async () => {
      await store?.close?.();
    });

    describeDeviceConformance(current);
    describeStateConformance(current);
    describeConcurrencyConformance(current);
    describeTokenConformance(current);
  });
}
