import { createEventHub } from '@otpkit/core';
import type { LoginMethod } from '../session/session-port.js';

/**
 * Events of the web layer (`web.events`) and their payloads: what happened to a login, beyond what
 * the service's own events (`otp.events`: codes accepted and refused, methods added and removed,
 * locks) already say. Payloads never carry a code, a secret, a cookie value or a token: they are
 * safe to log and to forward to an audit trail.
 */
export interface OtpWebEvents {
  /** A login completed: with a code (`deviceId` names the device), a trusted browser, or exempt. */
  'login.completed': { userId: string; method: LoginMethod; deviceId?: string };
  /** The user chose "trust this browser" (`browser` and `os` as read from the User-Agent). */
  'browser.trusted': { userId: string; browser: string; os: string };
  /** Trusted browsers were revoked: one or all by the user, or all by `passwordChanged`. */
  'browser.revoked': { userId: string; count: number };
  /** The user passed the step-up page (a fresh verification before a sensitive change). */
  'step-up': { userId: string };
  /** A signed-in user signed out. */
  logout: { userId: string };
  /**
   * A pending login (password done, second step not) was dropped: the browser left the code step
   * (`resetPendingOnLeave`), signed out, or started another login over it.
   */
  'pending.abandoned': { userId: string; reason: 'left' | 'logout' | 'replaced' };
}

/** Name of an {@link OtpWebEvents} event. */
export type OtpWebEventName = keyof OtpWebEvents;

/** A listener; it may be async. What it throws or rejects with is contained: it never breaks a request. */
export type OtpWebEventListener<E extends OtpWebEventName> = (
  payload: OtpWebEvents[E],
) => void | Promise<void>;

/**
 * The web layer's event hub (`web.events`; in Express, `otpkit(…).web.events`).
 *
 * @example
 * ```ts
 * const off = web.events.on('login.completed', ({ userId, method }) => audit.log('login', userId, method));
 * off(); // unsubscribe
 * ```
 */
export interface OtpWebEventHub {
  /** Subscribe; returns a function that unsubscribes. */
  on<E extends OtpWebEventName>(event: E, listener: OtpWebEventListener<E>): () => void;
  /** Unsubscribe a listener given to {@link OtpWebEventHub.on}; unknown listeners are ignored. */
  off<E extends OtpWebEventName>(event: E, listener: OtpWebEventListener<E>): void;
}

/** The hub plus the emitting side, which only the flows hold. */
export interface OtpWebEventEmitter extends OtpWebEventHub {
  emit<E extends OtpWebEventName>(event: E, payload: OtpWebEvents[E]): void;
}

/**
 * Create the hub (core's {@link @otpkit/core!index.createEventHub | createEventHub}). A listener that
 * throws or rejects is reported to `report` (the `onError` option) or, without one, once as a
 * process warning; the request goes on.
 */
export function createWebEvents(report?: (error: unknown) => void): OtpWebEventEmitter {
  return createEventHub<OtpWebEvents>({ label: 'web event', report });
}
