import type { VerifyFailureReason } from './types.js';

/**
 * The payload every device event carries (and that the others extend): whose device, which one,
 * and its kind. Never a secret, a code or an address.
 *
 * @example
 * ```ts
 * otp.events.on('device.removed', ({ userId, deviceId, kind }: DeviceEvent) => {
 *   audit.log('2fa-device-removed', userId, `${kind} ${deviceId}`);
 * });
 * ```
 */
export interface DeviceEvent {
  /** The device's owner. */
  userId: string;
  /** The device's id. */
  deviceId: string;
  /** The device's kind (`'totp'`, `'hotp'`, `'email'`, `'backup-codes'` or a custom kind's name). */
  kind: string;
}

/**
 * Events of the service and their payloads. Payloads never carry a secret, a code or an address:
 * they are safe to log and to forward to an audit trail.
 */
export interface OtpEvents {
  verified: DeviceEvent;
  failed: {
    userId: string;
    reason: VerifyFailureReason;
    /** Consecutive counted failures after this one. */
    failures: number;
    deviceId?: string;
    kind?: string;
  };
  /**
   * A try refused without being checked: the throttle delay is running or the user is locked.
   * Enough for a notification ("someone is trying codes on your account").
   */
  throttled: {
    userId: string;
    /** True when refused because of the lock (then `lockedAt` is set and no wait helps). */
    locked: boolean;
    /** Consecutive counted failures on record. */
    failures: number;
    lockedAt: number | null;
    /** While a delay runs: milliseconds until the next try is accepted. */
    retryAfterMs?: number;
  };
  /**
   * The lock engaged: verification refuses this user (every factor, backup codes included) until an
   * administrator's `resetThrottle`. Worth a notification to the user and to administrators.
   */
  locked: { userId: string; failures: number; lockedAt: number };
  /**
   * A device's sealed secret or code hashes do not open with this keyring (a dropped or wrong key):
   * verification skipped it. An operator's problem: restore the key, or have the user re-enroll.
   */
  'device.unreadable': DeviceEvent;
  'device.added': DeviceEvent & { confirmed: boolean };
  'device.confirmed': DeviceEvent;
  'device.removed': DeviceEvent;
  'backup-codes.generated': DeviceEvent & { count: number };
  'backup-code.used': DeviceEvent & { remaining: number };
  'email.sent': DeviceEvent;
}

/** Name of an {@link OtpEvents} event. */
export type OtpEventName = keyof OtpEvents;

/** A listener; it may be async. What it throws or rejects with is caught and never breaks a login. */
export type OtpEventListener<E extends OtpEventName> = (payload: OtpEvents[E]) => void | Promise<void>;

/**
 * The service's event hub (`otp.events`).
 *
 * @example
 * ```ts
 * const off = otp.events.on('failed', ({ userId, reason }) => audit.log('2fa-failed', userId, reason));
 * off(); // unsubscribe
 * ```
 */
export interface OtpEventHub {
  /** Subscribe; returns a function that unsubscribes. */
  on<E extends OtpEventName>(event: E, listener: OtpEventListener<E>): () => void;
  /** Unsubscribe a listener given to {@link OtpEventHub.on}; unknown listeners are ignored. */
  off<E extends OtpEventName>(event: E, listener: OtpEventListener<E>): void;
}

/** The hub plus the emitting side, which only the service holds. */
export interface OtpEventEmitter extends OtpEventHub {
  emit<E extends OtpEventName>(event: E, payload: OtpEvents[E]): void;
}

/** A typed hub over an event map `Events` (event name → payload), with its emitting side. */
export interface EventHub<Events extends object> {
  /** Subscribe; returns a function that unsubscribes. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void | Promise<void>): () => void;
  /** Unsubscribe a listener given to `on`; unknown listeners are ignored. */
  off<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void | Promise<void>): void;
  /** Call every listener of `event`, each with its own frozen copy of `payload`. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
}

/** Options of {@link createEventHub}. */
export interface EventHubOptions {
  /** Named in the process warning, e.g. `'web event'` (default: the event name alone). */
  label?: string;
  /** Receives what a listener throws or rejects with, instead of the one process warning. */
  report?: ((error: unknown) => void) | undefined;
}

/**
 * An event hub whose listener failures are contained: a listener that throws or rejects never
 * breaks the caller. Failures go to `report` or, without one, once to a process warning. The
 * service's `otp.events` and the web layer's `web.events` are both one of these.
 *
 * @example
 * ```ts
 * const hub = createEventHub<{ saved: { id: string } }>({ label: 'store event' });
 * const off = hub.on('saved', ({ id }) => console.log(id));
 * hub.emit('saved', { id: '1' });
 * off();
 * ```
 */
export function createEventHub<Events extends object>(options: EventHubOptions = {}): EventHub<Events> {
  type Listener = (payload: never) => void | Promise<void>;
  const listeners = new Map<keyof Events, Set<Listener>>();
  let warned = false;
  const failed = (event: keyof Events, error: unknown) => {
    if (options.report) {
      try {
        options.report(error);
      } catch {
        // A failing error reporter must not break the caller either.
      }
      return;
    }
    if (warned) return;
    warned = true;
    const message = error instanceof Error ? error.message : String(error);
    const name = options.label ? `${options.label} '${String(event)}'` : `'${String(event)}'`;
    process.emitWarning(`otpkit: a listener of ${name} failed (${message}); later failures are not reported`);
  };
  const off: EventHub<Events>['off'] = (event, listener) => {
    listeners.get(event)?.delete(listener as Listener);
  };
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as Listener);
      return () => off(event, listener);
    },
    off,
    emit(event, payload) {
      const set = listeners.get(event);
      if (!set || set.size === 0) return;
      for (const listener of [...set]) {
        try {
          // Each listener gets its own frozen copy: one listener cannot alter what the next one sees.
          const result = (listener as (p: Events[typeof event]) => unknown)(
            Object.freeze({ ...payload }) as Events[typeof event],
          );
          if (result && typeof (result as Promise<void>).catch === 'function') {
            (result as Promise<void>).catch((error: unknown) => failed(event, error));
          }
        } catch (error) {
          failed(event, error);
        }
      }
    },
  };
}

/** Create the service's hub: listener failures are contained and reported once as a process warning. */
export function createEventEmitter(): OtpEventEmitter {
  return createEventHub<OtpEvents>();
}
