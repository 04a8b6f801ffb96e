/**
 * Option schemas shared by the TOTP and HOTP kinds.
 */
import { isPrintableText, OtpError } from '@otpkit/core';
import { z } from 'zod';

/** Who issues the key, given the enrolling user: lets one service serve several tenants. */
export type IssuerFunction = (context: { userId: string; label: string }) => string;

/** Shown in apps, pages and logs: no control or format characters (CR/LF, NUL, U+202E), no lone surrogates. */
const PRINTABLE = 'must be well-formed text without control or format characters';

const isHttpsUrl = (text: string): boolean => {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
};

export const functionSchema = <F>() =>
  z.custom<F>((value) => typeof value === 'function', { message: 'expected a function' });

/**
 * The key-URI format forbids a colon in the issuer and the account name: it separates the two in
 * the label, and apps (and the otpauth library) split on the first one, encoded or not.
 */
const noColon = (text: string) => !text.includes(':');

export const issuerSchema = z.union(
  [
    z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine(noColon, 'must not contain a colon')
      .refine(isPrintableText, PRINTABLE),
    functionSchema<IssuerFunction>(),
  ],
  { error: 'expected a non-empty string or a function ({ userId, label }) => string' },
);

export const algorithmSchema = z.enum(['SHA1', 'SHA256', 'SHA512']).default('SHA1');

export const digitsSchema = z.number().int().min(6).max(8).default(6);

export const imageSchema = z.string().refine(isHttpsUrl, 'must be an https: URL').optional();

/** The label (account name) an app shows under the issuer. */
export const labelSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine(isPrintableText, PRINTABLE)
  .refine(noColon, 'must not contain a colon');

/** The issuer for one enrollment: the fixed string, or the function's answer, checked like a fixed one. */
export function resolveIssuer(
  issuer: string | IssuerFunction | undefined,
  context: { userId: string; label: string },
  scope: string,
): string | undefined {
  if (typeof issuer !== 'function') return issuer;
  const parsed = issuerSchema.safeParse(issuer(context));
  if (!parsed.success || typeof parsed.data !== 'string') {
    throw new TypeError(`Invalid option ${scope}.issuer: the function must return a non-empty string`);
  }
  return parsed.data;
}

/**
 * The label for one enrollment: the one given, or the userId. A userId that cannot serve as a label
 * (control characters, too long) means the caller must give one.
 */
export function resolveLabel(label: string | undefined, userId: string, kind: string): string {
  if (label !== undefined) return label;
  const parsed = labelSchema.safeParse(userId);
  if (parsed.success) return parsed.data;
  throw new OtpError('OTP_INVALID_INPUT', `Invalid ${kind} enrollment input label: required for this userId`);
}
