/**
 * The adapter conformance suite, shipped as `@otpkit/web/testing`: the HTTP scenarios every adapter
 * (Express 4 and 5, Koa 2 and 3, a third party's Fastify or Hono adapter) passes, against a real
 * server on port 0. It imports vitest and @otpkit/devices, optional peer dependencies that only this
 * entry point needs.
 */
import type { OtpStore } from '@otpkit/core';
import { describe, it } from 'vitest';
import { describeEnrollFlows } from './conformance-enroll.js';
import { describeLoginFlows } from './conformance-login.js';
import { describeManageFlows } from './conformance-manage.js';
import { describeRobustness } from './conformance-robustness.js';
import { describeSecurity } from './conformance-security.js';
import { scenarioIt } from './scenario-it.js';
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
   * What to skip, each with its reason, printed with `console.warn` so a skipped run is visible: a
   * string skips the whole suite (a server the app needs is down); an object skips the scenarios
   * whose titles it names (a table's title template skips its rows), e.g.
   * `{ 'leaves the bodies of the host routes unread': 'the framework always buffers bodies' }`.
   * A title that names no scenario of the groups run is an error. `false` or absent runs all.
   * @default false
   */
  skip?: string | false | Readonly<Record<string, string>>;
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
  const whole = typeof skip === 'string' ? skip : false;
  const some = typeof skip === 'object' && skip !== null ? skip : {};
  if (whole) console.warn(`[otpkit] adapter conformance "${name}" skipped: ${whole}`);
  for (const [title, reason] of Object.entries(some)) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new TypeError(`runAdapterConformance: the skip of "${title}" needs a reason`);
    }
    console.warn(`[otpkit] adapter conformance "${name}": skipped "${title}": ${reason}`);
  }
  const title = whole ? `adapter conformance: ${name} (skipped: ${whole})` : `adapter conformance: ${name}`;
  (whole ? describe.skip : describe)(title, () => {
    const tests = scenarioIt(some);
    const scenario = scenarioFactory(createApp, options.createStore, tests.it);
    if (groups.includes('flows')) {
      describeLoginFlows(scenario);
      describeEnrollFlows(scenario);
      describeManageFlows(scenario);
    }
    if (groups.includes('security')) describeSecurity(scenario);
    if (groups.includes('robustness')) describeRobustness(scenario);
    // Runs after the whole suite was collected; a typo in a skip would otherwise go unnoticed.
    it('skips only scenarios that exist', () => {
      const unknown = tests.unknown();
      if (unknown.length > 0) {
        throw new TypeError(
          `runAdapterConformance: skip names no scenario of the groups run (${groups.join(', ')}): ${unknown.map((t) => `"${t}"`).join(', ')}`,
        );
      }
    });
  });
}
