/**
 * `otp.importDevice({ kind: 'totp', … })`: an authenticator app's secret and the state that must
 * carry over from another system (django-otp's `TOTPDevice`, a spreadsheet of hardware TOTP tokens).
 */
import { type KindImportContext, OtpError, timeStep } from '@otpkit/core';
import { z } from 'zod';
import { algorithmSchema } from '../internal/common-options.js';
import {
  decodeImportedSecret,
  importedSecretShape,
  parseImportInput,
} from '../internal/parse-import-input.js';
import type { TotpData } from './totp.js';

/** Drift past this many steps is a clock no window should chase: resync the device instead. */
export const MAX_IMPORTED_DRIFT = 100;

/** How far past the current step (beyond the drift) a source may have accepted a code. */
const MAX_STEPS_AHEAD = 10;

const importInputSchema = z
  .object({
    ...importedSecretShape,
    /** The source's HMAC algorithm. @default 'SHA1' (django-otp knows no other) */
    algorithm: algorithmSchema,
    /** Code length, 6–8. @default 6 */
    digits: z.number().int().min(6).max(8).default(6),
    /** Seconds per step, 1–3600 (django-otp's `step`). @default 30 */
    period: z.number().int().min(1).max(3600).default(30),
    /** Unix seconds at which step 0 starts, not in the future (django-otp's `t0`). @default 0 */
    t0: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    /** Steps the device's clock is off by, at most 100 either way (django-otp's `drift`). @default 0 */
    drift: z.number().int().min(-MAX_IMPORTED_DRIFT).max(MAX_IMPORTED_DRIFT).default(0),
    /** The last step the source accepted (django-otp's `last_t`, with -1 as null). @default null */
    lastStep: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().default(null),
  })
  .strict();

/** Build TOTP data from imported fields; throws `OTP_INVALID_INPUT` naming the field. */
export function importTotp({ input, now, crypto }: KindImportContext<TotpData>): { data: TotpData } {
  const f = parseImportInput(importInputSchema, input, 'totp');
  if (f.t0 * 1000 > now) {
    throw new OtpError('OTP_INVALID_INPUT', 'Invalid totp import input t0: it is in the future', {
      details: { field: 't0' },
    });
  }
  // A last step far ahead of the clock would refuse every code for that long: a corrupt source.
  if (
    f.lastStep !== null &&
    f.lastStep > timeStep(now, f.period, f.t0) + Math.abs(f.drift) + MAX_STEPS_AHEAD
  ) {
    throw new OtpError('OTP_INVALID_INPUT', 'Invalid totp import input lastStep: it is ahead of the clock', {
      details: { field: 'lastStep' },
    });
  }
  const secret = decodeImportedSecret(f, 'totp');
  const data: TotpData = {
    secret: crypto.seal(secret),
    algorithm: f.algorithm,
    digits: f.digits,
    period: f.period,
    t0: f.t0,
    drift: f.drift,
    lastStep: f.lastStep,
  };
  secret.fill(0);
  return { data };
}
