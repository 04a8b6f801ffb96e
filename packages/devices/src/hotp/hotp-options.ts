/**
 * Options of the {@link hotp} kind: one zod schema gives the type, the defaults and the checks.
 */
import { z } from 'zod';
import { algorithmSchema, digitsSchema, imageSchema, issuerSchema } from '../internal/common-options.js';

/**
 * The fields of {@link hotpOptionsSchema}, each with its documentation and default. A declaration of its
 * own so that the JSDoc of each field reaches the published .d.ts and the API reference.
 */
export const hotpOptionsShape = {
  /** Who issues the key, written into the key URI of generated secrets. */
  issuer: issuerSchema.optional(),
  /** HMAC algorithm. @default 'SHA1' (what hardware tokens implement) */
  algorithm: algorithmSchema,
  /** Code length, 6–8. @default 6 */
  digits: digitsSchema,
  /**
   * Counters accepted ahead of the expected one, 0–50: the button presses a token may have had
   * without a login. Never backwards: a spent counter is never accepted again.
   * @default 5
   */
  lookAhead: z.number().int().min(0).max(50).default(5),
  /**
   * Counters ahead that `otp.resync` searches for two consecutive codes (RFC 4226 §7.4), 1–1000.
   * @default 100
   */
  resyncWindow: z.number().int().min(1).max(1000).default(100),
  /** An `https:` logo URL put in the key URI of generated secrets. */
  image: imageSchema,
};

/** The options of {@link hotp}, checked once when the kind is made. */
export const hotpOptionsSchema: z.ZodObject<typeof hotpOptionsShape, z.core.$strict> =
  z.strictObject(hotpOptionsShape);

/**
 * Options of {@link hotp} (see {@link hotpOptionsSchema} for the rules of each field).
 *
 * @example
 * ```ts
 * hotp();                                  // 6 digits, SHA1, look-ahead 5
 * hotp({ digits: 8, lookAhead: 10 });      // 8-digit hardware tokens pressed often without logging in
 * ```
 */
export type HotpOptions = z.input<typeof hotpOptionsSchema>;

/** Options after parsing: every default filled in. */
export type ParsedHotpOptions = z.output<typeof hotpOptionsSchema>;
