/**
 * The adapter conformance suite, shipped as `@otpkit/web/testing`: the HTTP scenarios every adapter
 * (Express 4 and 5, Koa 2 and 3, a third party's Fastify or Hono adapter) passes, against a real
 * server on port 0. It imports vitest and @otpkit/devices, optional peer dependencies that only this
 * entry point needs.
 */
import type { OtpStore } from '@otpkit/core';
import { describe } from 'vitest';
import { describeEnrollFlows } from './conformance-enroll.js';
import { describeLoginFlows } from './conformance-login.js';
import { describeManageFlows } from './conformance-manage.js';
import { describeRobustness } from './conformance-robustness.js';
import { describeSecurity } from './conformance-security.js';
import { type CreateApp, scenarioFactory } from './setup.js';

/** The scenario groups of the suite. */
export type ConformanceGroup = 'flows' | 'security' | 'robustness';

/**
 * Options of {@link runAdapterConformance}.
 *
 * @example
 * ```ts
 * const options: AdapterConformanceOptions = { name: 'express 5', createApp: startExpressApp };
 * ```
 */
export interface AdapterConformanceOptions {
  /** Names the suite in test output, e.g. `'express 5'`. */
  name: string;
  /** Starts the app under test on port 0 with the given otpkit options (see {@link CreateApp}). */
  createApp: CreateApp;
  /**
   * A reason to skip the whole suite, printed with `console.warn` so a skipped run is visible;
   * `false` or absent runs it.
   * @default false
   */
  skip?: string | false;
  /** Which groups to run (security regressions in their own test file, say). @default all */
  groups?: ConformanceGroup[];
  /** The store under the service (a SQL store, say). @default memoryStore() */
  createStore?: () => OtpStore | Promise<OtpStore>;
}

/**
 * Define the adapter conformance suite in the calling vitest file.
 *
 * @example
 * ```ts
 * // express.test.ts
 * import { runAdapterConformance } from '@otpkit/web/testing';
 *
 * runAdapterConformance({ name: 'express 5', createApp: ({ web }) => startApp(express, web) });
 * ```
 */
export function runAdapterConformance(options: AdapterConformanceOptions): void {
  const { name, createApp, skip = false, groups = ['flows', 'security', 'robustness'] } = options;
  if (typeof name !== 'string' || name.length === 0) {
    throw new TypeError('runAdapterConformance: name must be a non-empty string');
  }
  if (typeof createApp !== 'function')
    throw new TypeError('runAdapterConformance: createApp must be a function');
  if (skip) console.warn(`[otpkit] adapter conformance "${name}" skipped: ${skip}`);
  const title = skip ? `adapter conformance: ${name} (skipped: ${skip})` : `adapter conformance: ${name}`;
  (skip ? describe.skip : describe)(title, () => {
    const scenario = scenarioFactory(createApp, options.createStore);
    if (groups.includes('flows')) {
      describeLoginFlows(scenario);
      describeEnrollFlows(scenario);
      describeManageFlows(scenario);
    }
    if (groups.includes('security')) describeSecurity(scenario);
    if (groups.includes('robustness')) describeRobustness(scenario);
  });
}
