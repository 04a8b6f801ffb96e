/**
 * The shared secret of a TOTP app or an HOTP token: generated, or imported from enrollment input.
 */
import { encodeBase32, generateSecret, importSecret } from '@otpkit/core';
import { z } from 'zod';

/** RFC 4226 recommends 160 bits; it is also SHA-1's output size. */
const GENERATED_SECRET_BYTES = 20;

/** Enrollment fields that carry an imported secret (zod shape, spread into each kind's input schema). */
export const secretInputShape = {
  /** An existing secret: base32 (or hex, see `encoding`) text, or raw bytes. 16–64 bytes. */
  secret: z.union([z.string(), z.instanceof(Uint8Array)]).optional(),
  /** How `secret` is written when it is text. */
  encoding: z.enum(['base32', 'hex']).default('base32'),
};

/** The secret to use: the imported one (decoded, size-checked) or a fresh random one. */
export function resolveSecret(input: {
  secret?: string | Uint8Array | undefined;
  encoding: 'base32' | 'hex';
}): {
  secret: Uint8Array;
  imported: boolean;
} {
  if (input.secret === undefined) return { secret: generateSecret(GENERATED_SECRET_BYTES), imported: false };
  // Throws OtpError('OTP_INVALID_SECRET') on bad text or a size outside 16–64 bytes, without quoting it.
  return { secret: importSecret(input.secret, input.encoding), imported: true };
}

/**
 * The secret as people type it into an app: base32 in groups of four (`JBSW Y3DP EHPK 3PXP …`).
 * Apps ignore the spaces.
 */
export function formatManualKey(secret: Uint8Array): string {
  return (encodeBase32(secret).match(/.{1,4}/g) ?? []).join(' ');
}
