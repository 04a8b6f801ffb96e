/**
 * `otp.importDevice({ kind: 'hotp', … })`: a counter-based token's seed and its counter from another
 * system (django-otp's `HOTPDevice`, a vendor's seed file).
 */
import type { KindImportContext } from '@otpkit/core';
import { z } from 'zod';
import { algorithmSchema } from '../internal/common-options.js';
import {
  decodeImportedSecret,
  importedSecretShape,
  parseImportInput,
} from '../internal/parse-import-input.js';
import type { HotpData } from './hotp.js';

const importInputSchema = (maxCounter: number) =>
  z
    .object({
      ...importedSecretShape,
      /** The source's HMAC algorithm. @default 'SHA1' (what hardware tokens implement) */
      algorithm: algorithmSchema,
      /** Code length, 6–8. @default 6 */
      digits: z.number().int().min(6).max(8).default(6),
      /**
       * The next counter the source expected (django-otp's `counter`): every counter below it is
       * spent. @default 0
       */
      counter: z.number().int().min(0).max(maxCounter).default(0),
    })
    .strict();

/** Build HOTP data from imported fields; throws `OTP_INVALID_INPUT` naming the field. */
export function importHotp(
  { input, crypto }: KindImportContext<HotpData>,
  maxCounter: number,
): { data: HotpData } {
  const f = parseImportInput(importInputSchema(maxCounter), input, 'hotp');
  const secret = decodeImportedSecret(f, 'hotp');
  const data: HotpData = {
    secret: crypto.seal(secret),
    algorithm: f.algorithm,
    digits: f.digits,
    counter: f.counter,
  };
  secret.fill(0);
  return { data };
}
