/**
 * HOTP tokens (RFC 4226): hardware tokens and counter-based apps.
 */
import { type DeviceKind, type HashAlgorithm, normalizeToken, parseOptions, verifyHotp } from '@otpkit/core';
import { z } from 'zod';
import { labelSchema } from '../internal/common-options.js';
import { findConsecutivePair } from '../internal/find-consecutive-pair.js';
import { parseEnrollInput } from '../internal/parse-enroll-input.js';
import { provisioning } from '../internal/provisioning.js';
import { resolveSecret, secretInputShape } from '../internal/secret-input.js';
import { importHotp } from './hotp-import.js';
import { type HotpOptions, hotpOptionsSchema } from './hotp-options.js';

/** What an HOTP device stores. */
export type HotpData = {
  /** The shared secret, sealed by the keyring. */
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  /** The next counter expected: every counter below it is spent. */
  counter: number;
};

// Counters stop short of 2^53 so that `counter + 1` (and the resync pair) stays exact.
const MAX_COUNTER = Number.MAX_SAFE_INTEGER - 2;

const enrollInputSchema = z
  .object({
    /** The account name in the key URI of a generated secret. @default the userId */
    label: labelSchema.optional(),
    ...secretInputShape,
    /** The token's current counter, for an imported token that has been used before. @default 0 */
    counter: z.number().int().min(0).max(MAX_COUNTER).default(0),
  })
  .strict();

/**
 * The HOTP device kind (`'hotp'`). Enrolling imports a hardware token's seed (`secret`, base32 or
 * hex with `encoding: 'hex'`, and its `counter`), or generates a secret and reveals it with an
 * `otpauth://hotp/…` URI for an app. The device stays unconfirmed until `otp.confirm` gets a code.
 * Verification looks `lookAhead` counters ahead, never back, and moves the counter past the
 * accepted code; `otp.resync` finds two consecutive codes up to `resyncWindow` ahead.
 *
 * @example
 * ```ts
 * const otp = createOtp({ store, keyring, kinds: [hotp()] });
 * const { device } = await otp.enroll({ userId, kind: 'hotp', name: 'Token 4711', secret: seedHex, encoding: 'hex' });
 * await otp.confirm({ userId, deviceId: device.id, token: codeFromToken });
 * ```
 */
export function hotp(options: HotpOptions = {}): DeviceKind<HotpData> {
  const o = parseOptions(hotpOptionsSchema, options, 'hotp');

  return {
    kind: 'hotp',
    defaultName: 'Security token',

    parseToken: (token, device) => normalizeToken(token, device.data.digits),

    async enroll({ userId, crypto, input }) {
      const fields = parseEnrollInput(enrollInputSchema, input, 'hotp');
      const { secret, imported } = resolveSecret(fields);
      const data: HotpData = {
        secret: crypto.seal(secret),
        algorithm: o.algorithm,
        digits: o.digits,
        counter: fields.counter,
      };
      // An imported seed is already in the token: echoing it back would only spread it further.
      if (imported) return { data, confirmed: false, reveal: {} };

      return {
        data,
        confirmed: false,
        reveal: provisioning({
          secret,
          userId,
          label: fields.label,
          options: o,
          factor: { type: 'hotp', counter: fields.counter },
        }),
      };
    },

    verify({ device, token, crypto }) {
      const d = device.data;
      const match = verifyHotp({
        secret: crypto.open(d.secret),
        token,
        counter: d.counter,
        algorithm: d.algorithm,
        digits: d.digits,
        window: [0, Math.max(0, Math.min(o.lookAhead, MAX_COUNTER - d.counter))],
      });
      if (!match.ok) return { ok: false, reason: 'invalid' };
      // The service commits this with compare-and-set: of two racers with one code, one wins.
      return { ok: true, data: { ...d, counter: match.counter + 1 } };
    },

    resync({ device, tokens, crypto }) {
      const d = device.data;
      const last = Math.min(MAX_COUNTER - 1, d.counter + o.resyncWindow - 1);
      if (last < d.counter) return { ok: false, reason: 'invalid' };
      const counter = findConsecutivePair({
        secret: crypto.open(d.secret),
        algorithm: d.algorithm,
        digits: d.digits,
        tokens,
        first: d.counter,
        last,
        center: d.counter,
      });
      if (counter === null) return { ok: false, reason: 'invalid' };
      return { ok: true, data: { ...d, counter: counter + 2 } };
    },

    // The seed, digits and next counter of another system's token (django-otp). The look-ahead
    // stays the kind's option: a per-device tolerance does not carry over.
    import: (ctx) => importHotp(ctx, MAX_COUNTER),

    describe: (device) => ({ algorithm: device.data.algorithm, digits: device.data.digits }),
  };
}
