/**
 * Test support (not exported from the package): the real service over the memory store, with a
 * controllable clock and every event recorded.
 */
import { randomBytes } from 'node:crypto';
import {
  createKeyring,
  createOtp,
  type DeviceKind,
  memoryStore,
  type OtpEventName,
  type OtpEvents,
  type ThrottleOptions,
} from '@otpkit/core';
import { T0 } from './kind-harness.js';

const EVENT_NAMES: OtpEventName[] = [
  'verified',
  'failed',
  'throttled',
  'locked',
  'device.added',
  'device.confirmed',
  'device.removed',
  'backup-codes.generated',
  'backup-code.used',
  'email.sent',
  'device.unreadable',
];

export function service(options: {
  // biome-ignore lint/suspicious/noExplicitAny: kinds differ in their data shapes.
  kinds: ReadonlyArray<DeviceKind<any>>;
  throttle?: ThrottleOptions;
  now?: number;
}) {
  let now = options.now ?? T0;
  const store = memoryStore();
  const otp = createOtp({
    store,
    keyring: createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' }),
    kinds: [...options.kinds],
    clock: () => now,
    ...(options.throttle ? { throttle: options.throttle } : {}),
  });
  const events: Array<{ name: OtpEventName; payload: OtpEvents[OtpEventName] }> = [];
  for (const name of EVENT_NAMES) otp.events.on(name, (payload) => void events.push({ name, payload }));
  return {
    otp,
    store,
    events,
    /** Event names in order, for compact assertions. */
    eventNames: () => events.map((event) => event.name),
    advance(ms: number) {
      now += ms;
    },
    now: () => now,
  };
}
