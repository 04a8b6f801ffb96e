/**
 * Options of the {@link totp} kind: one zod schema gives the type, the defaults and the checks.
 */
import { z } from 'zod';
import { algorithmSchema, digitsSchema, imageSchema, issuerSchema } from '../internal/common-options.js';

const stepCount = (max: number) => z.number().int().min(0).max(max);

/**
 * The fields of {@link totpOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const totpOptionsShape = {
  /**
   * Who issues the key; apps show it above the account name. A function gets the enrolling user
   * and label, for sites that serve several tenants.
   */
  issuer: issuerSchema,
  /**
   * HMAC algorithm. Many apps (Google Authenticator among them) ignore anything but SHA1 in
   * practice, so change it only when every app your users run supports it.
   * @default 'SHA1'
   */
  algorithm: algorithmSchema,
  /** Code length, 6–8. @default 6 */
  digits: digitsSchema,
  /** Seconds per step, 1–3600. Apps assume 30 unless told otherwise. @default 30 */
  period: z.number().int().min(1).max(3600).default(30),
  /**
   * Unix seconds at which step 0 starts. Not part of the key URI (apps assume 0): only for
   * hardware TOTP tokens provisioned with another origin.
   * @default 0
   */
  t0: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  /**
   * Steps accepted around the expected one, `[past, future]`, 0–10 each. One step each way
   * tolerates a code typed just as it rolled over and clocks a little off.
   * @default [1, 1]
   */
  window: z
    .tuple([stepCount(10), stepCount(10)])
    .readonly()
    .default([1, 1]),
  /**
   * How far, in steps, accepted codes may shift a device's expected step (drift tracking). Codes
   * at the edge of the window can never walk the drift past this bound.
   * @default 2
   */
  maxDrift: stepCount(10).default(2),
  /**
   * Steps each way that `otp.resync` searches for two consecutive codes, 1–100. A successful resync
   * may set the drift up to this far.
   * @default 10
   */
  resyncWindow: z.number().int().min(1).max(100).default(10),
  /** An `https:` logo URL put in the key URI (some apps, such as FreeOTP, show it). */
  image: imageSchema,
};

/** The options of {@link totp}, checked once when the kind is made. */
export const totpOptionsSchema: z.ZodObject<typeof totpOptionsShape, z.core.$strict> =
  z.strictObject(totpOptionsShape);

/**
 * Options of {@link totp} (see {@link totpOptionsSchema} for the rules of each field).
 *
 * @example
 * ```ts
 * totp({ issuer: 'Acme Admin' });
 * totp({ issuer: ({ userId }) => tenantOf(userId).name, algorithm: 'SHA256', digits: 8 });
 * ```
 */
export type TotpOptions = z.input<typeof totpOptionsSchema>;

/** Options after parsing: every default filled in. */
export type ParsedTotpOptions = z.output<typeof totpOptionsSchema>;
