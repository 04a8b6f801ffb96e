import { randomBytes } from 'node:crypto';
import { createKeyring, type Keyring } from '../keyring/create-keyring.js';
import { memoryStore } from '../store/memory-store.js';
import type { OtpStore } from '../store/otp-store.js';
import type { ThrottleOptions } from '../throttle/throttle-policy.js';
import { createOtp, type OtpOptions } from './create-otp.js';
import type { OtpEventName, OtpEvents } from './events.js';
import { sequenceKind } from './test-kind.js';

/** A service over the memory store with a controllable clock, recording every event (test helper). */
export function setup(
  options: {
    kinds?: OtpOptions['kinds'];
    throttle?: ThrottleOptions;
    store?: OtpStore;
    keyring?: Keyring;
    now?: number;
    limits?: Pick<OtpOptions, 'maxDevices' | 'maxDevicesPerKind' | 'maxAttempts'>;
  } = {},
) {
  let now = options.now ?? Date.UTC(2026, 0, 1);
  const store = options.store ?? memoryStore();
  const keyring = options.keyring ?? createKeyring({ keys: { k1: randomBytes(32) }, primary: 'k1' });
  const otp = createOtp({
    store,
    keyring,
    kinds: options.kinds ?? [sequenceKind()],
    clock: () => now,
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...options.limits,
  });
  const events: Array<{ name: OtpEventName; payload: OtpEvents[OtpEventName] }> = [];
  const names: OtpEventName[] = [
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
  for (const name of names) otp.events.on(name, (payload) => void events.push({ name, payload }));
  return {
    otp,
    store,
    keyring,
    events,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}
