/**
 * Options of the {@link hotp} kind: one zod schema gives the defaults and the checks.
 */
import type { HashAlgorithm } from '@otpkit/core';
import { z } from 'zod';
import {
  algorithmSchema,
  digitsSchema,
  type IssuerFunction,
  imageSchema,
  issuerSchema,
} from '../internal/common-options.js';

export const hotpOptionsSchema = z
  .object({
    issuer: issuerSchema.optional(),
    algorithm: algorithmSchema,
    digits: digitsSchema,
    lookAhead: z.number().int().min(0).max(50).default(5),
    resyncWindow: z.number().int().min(1).max(1000).default(100),
    image: imageSchema,
  })
  .strict();

/**
 * Options of {@link hotp}.
 *
 * @example
 * ```ts
 * hotp();                                  // 6 digits, SHA1, look-ahead 5
 * hotp({ digits: 8, lookAhead: 10 });      // 8-digit hardware tokens pressed often without logging in
 * ```
 */
export interface HotpOptions {
  /** Who issues the key, written into the key URI of generated secrets. */
  issuer?: string | IssuerFunction;
  /** HMAC algorithm. @default 'SHA1' (what hardware tokens implement) */
  algorithm?: HashAlgorithm;
  /** Code length, 6–8. @default 6 */
  digits?: number;
  /**
   * Counters accepted ahead of the expected one, 0–50: the button presses a token may have had
   * without a login. Never backwards: a spent counter is never accepted again.
   * @default 5
   */
  lookAhead?: number;
  /**
   * Counters ahead that `otp.resync` searches for two consecutive codes (RFC 4226 §7.4), 1–1000.
   * @default 100
   */
  resyncWindow?: number;
  /** An `https:` logo URL put in the key URI of generated secrets. */
  image?: string;
}

/** Options after parsing: every default filled in. */
export type ParsedHotpOptions = z.output<typeof hotpOptionsSchema>;
