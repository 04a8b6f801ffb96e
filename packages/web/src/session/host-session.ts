import { OTPKIT_SESSION_KEY, type SessionPort } from './session-port.js';

/**
 * A framework's session object (express-session's `req.session`, koa-session's `ctx.session`), as
 * an adapter hands it to {@link hostSessionPort}.
 */
export interface HostSession {
  /** This request's session object. Read again after `regenerate`: a framework may replace it. */
  current(): Record<string, unknown>;
  /** The keys that hold data, without the framework's own fields (express-session's `cookie`). */
  dataKeys(session: Record<string, unknown>): string[];
  /** Give the session a new id; the old id must stop working (its stored data is destroyed). */
  regenerate(): Promise<void>;
}

/**
 * The {@link SessionPort} over a framework's session object: otpkit's data under
 * {@link OTPKIT_SESSION_KEY}, and one regeneration rule for every adapter. Frameworks regenerate
 * differently (express-session starts an empty session, koa-session keeps the data under the new
 * id), so the data is taken out first and only the host's keys are put back, and only when the
 * login keeps them (`keepHostData`); otpkit's own key is never carried over.
 *
 * @example
 * ```ts
 * const port = hostSessionPort({
 *   current: () => req.session,
 *   dataKeys: (session) => Object.keys(session).filter((key) => key !== 'cookie'),
 *   regenerate: () => new Promise((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve()))),
 * });
 * ```
 */
export function hostSessionPort(host: HostSession): SessionPort {
  return {
    get: () => host.current()[OTPKIT_SESSION_KEY],
    set(value) {
      const session = host.current();
      if (value === undefined) delete session[OTPKIT_SESSION_KEY];
      else session[OTPKIT_SESSION_KEY] = value;
    },
    async regenerate({ keepHostData }) {
      const session = host.current();
      const kept: Record<string, unknown> = {};
      for (const key of host.dataKeys(session)) {
        if (keepHostData && key !== OTPKIT_SESSION_KEY) kept[key] = session[key];
        delete session[key];
      }
      await host.regenerate();
      Object.assign(host.current(), kept);
    },
  };
}
