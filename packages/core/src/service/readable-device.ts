import { isOtpError } from '../errors.js';
import type { DeviceRecord, JsonValue } from '../store/otp-store.js';
import type { ServiceContext } from './service-context.js';

function* strings(value: JsonValue): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* strings(item);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) yield* strings(item);
}

/**
 * Whether this keyring can use everything a device stores: every sealed envelope opens, and every
 * keyed hash names a key the keyring holds. The kind names what it still needs (`secretsInUse`);
 * otherwise every value in `data` that looks like an envelope or a hash counts.
 * (A hash under the wrong key value with the right id cannot be told apart from a wrong code.)
 */
export function isReadable(ctx: ServiceContext, device: DeviceRecord, now: number): boolean {
  const keyIds = new Set(ctx.keyring.keyIds);
  const crypto = ctx.cryptoFor(device.id);
  const kind = ctx.kinds.get(device.kind);
  const values = kind?.secretsInUse ? kind.secretsInUse(device, now) : strings(device.data);
  for (const text of values) {
    const hashKey = ctx.keyring.hashKeyIdOf(text);
    if (hashKey !== null) {
      if (!keyIds.has(hashKey)) return false;
      continue;
    }
    if (ctx.keyring.keyIdOf(text) === null) continue;
    try {
      crypto.open(text);
    } catch (error) {
      if (isOtpError(error, 'OTP_SEAL_INVALID') || isOtpError(error, 'OTP_KEY_INVALID')) return false;
      throw error;
    }
  }
  return true;
}
