/**
 * Static tokens imported from another system (django-otp's `StaticToken`): arbitrary strings of up
 * to 16 characters, compared exactly, as the source compared them. They live in a backup-code set
 * next to otpkit's own codes, each entry marked `legacy`, and are spent the same way.
 */
import { isPrintableText, type KindImportContext, OtpError } from '@otpkit/core';
import { z } from 'zod';
import { parseImportInput } from '../internal/parse-import-input.js';
import type { BackupCodesData } from './backup-codes.js';

/** django-otp's `StaticToken.token` is a `CharField(max_length=16)`. */
export const MAX_LEGACY_TOKEN_LENGTH = 16;

const legacyTokenSchema = z
  .string({ error: 'must be text' })
  .min(1, 'must not be empty')
  .max(MAX_LEGACY_TOKEN_LENGTH, `must be at most ${MAX_LEGACY_TOKEN_LENGTH} characters`)
  .refine(isPrintableText, 'must be printable text')
  .refine((token) => token.trim() === token, 'must not start or end with white space');

const importInputSchema = z
  .object({
    /** The unused static tokens, each 1–16 printable characters, verified exactly as given. */
    tokens: z.array(legacyTokenSchema).min(1, 'must hold at least one token').max(100),
  })
  .strict();

/**
 * The input as a legacy token, or null when it cannot be one. Surrounding white space is dropped,
 * as Django's form fields strip it before django-otp compares; nothing else is changed (no case
 * folding: django-otp's lookup is exact on SQLite and PostgreSQL).
 */
export function parseLegacyToken(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const token = input.trim();
  return legacyTokenSchema.safeParse(token).success ? token : null;
}

/** True when the set holds imported tokens, so that input is also tried as one. */
export const hasLegacyTokens = (data: BackupCodesData): boolean => data.codes.some((entry) => entry.legacy);

/**
 * Merge imported tokens into the user's set (or a new one of `length`-symbol codes), hashed. Refuses
 * to grow a set past `maxSetSize` unused codes.
 */
export function importLegacyTokens(
  { input, crypto, existing }: KindImportContext<BackupCodesData>,
  options: { length: number; maxSetSize: number },
): { data: BackupCodesData } {
  const { tokens } = parseImportInput(importInputSchema, input, 'backup-codes');
  const codes = existing?.data.codes ?? [];
  const unused = codes.filter((entry) => entry.usedAt === null).length;
  if (unused + tokens.length > options.maxSetSize) {
    throw new OtpError(
      'OTP_INVALID_INPUT',
      `Invalid backup-codes import input tokens: a set holds at most ${options.maxSetSize} unused codes`,
      { details: { field: 'tokens' } },
    );
  }
  const entries = tokens.map((token) => ({ hash: crypto.hash(token), usedAt: null, legacy: true as const }));
  return {
    data: { length: existing?.data.length ?? options.length, codes: [...codes, ...entries] },
  };
}
