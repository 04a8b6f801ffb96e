/**
 * TOTP authenticator apps (RFC 6238): Google Authenticator, Authy, 1Password…
 */
import {
  type DeviceKind,
  type HashAlgorithm,
  normalizeToken,
  parseOptions,
  timeStep,
  verifyTotp,
} from '@otpkit/core';
import { z } from 'zod';
import { labelSchema } from '../internal/common-options.js';
import { findConsecutivePair } from '../internal/find-consecutive-pair.js';
import { parseEnrollInput } from '../internal/parse-enroll-input.js';
import { provisioning } from '../internal/provisioning.js';
import { resolveSecret, secretInputShape } from '../internal/secret-input.js';
import { importTotp } from './totp-import.js';
import { type TotpOptions, totpOptionsSchema } from './totp-options.js';

/**
 * What a TOTP device stores. The code parameters are kept per device, so changing the kind's
 * options later does not break apps already provisioned.
 */
export type TotpData = {
  /** The shared secret, sealed by the keyring. */
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  t0: number;
  /** Steps the device's clock is known to be off by. */
  drift: number;
  /** The last step accepted: it and every earlier step are spent. */
  lastStep: number | null;
};

const enrollInputSchema = z
  .object({
    /** The account name the app shows. @default the userId */
    label: labelSchema.optional(),
    ...secretInputShape,
  })
  .strict();

/** `value` pulled towards zero so that its magnitude is at most `bound`. */
const clamp = (value: number, bound: number) => Math.max(-bound, Math.min(bound, value));

/**
 * The TOTP device kind (`'totp'`). Enrollment is staged: `otp.enroll` returns the secret, a manual
 * key and the `otpauth://` URI for a QR code, and the device stays unconfirmed until
 * `otp.confirm` gets a valid code (whose step is then spent). A step at or below the last accepted
 * one is `replayed`; accepted codes off the expected step adjust the device's drift, within
 * `maxDrift`; `otp.resync` re-aligns a clock that is further off from two consecutive codes.
 *
 * @example
 * ```ts
 * const otp = createOtp({ store, keyring, kinds: [totp({ issuer: 'Acme' })] });
 * const { device, uri, manualKey } = await otp.enroll({ userId, kind: 'totp', label: 'alice@acme.test' });
 * const svg = await renderQr(uri!, 'svg');
 * await otp.confirm({ userId, deviceId: device.id, token: codeFromApp });
 * ```
 */
export function totp(options: TotpOptions): DeviceKind<TotpData> {
  const o = parseOptions(totpOptionsSchema, options, 'totp');

  return {
    kind: 'totp',
    defaultName: 'Authenticator app',

    parseToken: (token, device) => normalizeToken(token, device.data.digits),

    async enroll({ userId, crypto, input }) {
      const fields = parseEnrollInput(enrollInputSchema, input, 'totp');
      const { secret } = resolveSecret(fields);
      const reveal = provisioning({
        secret,
        userId,
        label: fields.label,
        options: o,
        factor: { type: 'totp', period: o.period },
      });
      return {
        data: {
          secret: crypto.seal(secret),
          algorithm: o.algorithm,
          digits: o.digits,
          period: o.period,
          t0: o.t0,
          drift: 0,
          lastStep: null,
        },
        confirmed: false,
        reveal,
      };
    },

    verify({ device, token, now, crypto }) {
      const d = device.data;
      const match = verifyTotp({
        secret: crypto.open(d.secret),
        token,
        time: now,
        period: d.period,
        t0: d.t0,
        algorithm: d.algorithm,
        digits: d.digits,
        window: o.window,
        drift: d.drift,
        lastStep: d.lastStep,
      });
      if (!match.ok) return { ok: false, reason: match.reason === 'replayed' ? 'replayed' : 'invalid' };
      // The accepted code says where the device's clock is: follow it, but only within a bound that
      // can shrink and never grow, so edge-of-window codes cannot walk the window away. A larger
      // drift set by resync (two consecutive codes) is kept until codes show it has shrunk.
      const bound = Math.max(o.maxDrift, Math.abs(d.drift));
      return { ok: true, data: { ...d, drift: clamp(match.delta, bound), lastStep: match.step } };
    },

    resync({ device, tokens, now, crypto }) {
      const d = device.data;
      const current = timeStep(now, d.period, d.t0);
      // Both codes must be unspent, and the second at most resyncWindow steps from now.
      const first = Math.max(0, current - o.resyncWindow, d.lastStep === null ? 0 : d.lastStep + 1);
      const last = current + o.resyncWindow - 1;
      if (last < first) return { ok: false, reason: 'invalid' };
      const step = findConsecutivePair({
        secret: crypto.open(d.secret),
        algorithm: d.algorithm,
        digits: d.digits,
        tokens,
        first,
        last,
        center: current,
      });
      if (step === null) return { ok: false, reason: 'invalid' };
      return { ok: true, data: { ...d, drift: step + 1 - current, lastStep: step + 1 } };
    },

    // The secret, code parameters, drift and last step of another system's device (django-otp).
    import: importTotp,

    describe: (device) => ({
      algorithm: device.data.algorithm,
      digits: device.data.digits,
      period: device.data.period,
    }),
  };
}
