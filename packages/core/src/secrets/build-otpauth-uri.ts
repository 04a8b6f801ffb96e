/**
 * Building `otpauth://` key URIs for enrollment QR codes.
 */
import { z } from 'zod';
import { parseOptions } from '../parse-options.js';
import { isPrintableText } from '../text/printable-text.js';
import { encodeBase32 } from './base32.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './generate-secret.js';
import type { OtpauthInput } from './otpauth-uri.js';

const isHttpsUrl = (text: string) => {
  try {
    return new URL(text).protocol === 'https:';
  } catch {
    return false;
  }
};

const PRINTABLE = 'must be well-formed Unicode without control or format characters';

const common = {
  secret: z
    .instanceof(Uint8Array)
    .refine((s) => s.length >= MIN_SECRET_BYTES && s.length <= MAX_SECRET_BYTES, {
      message: `must be ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes`,
    }),
  issuer: z.string().min(1).refine(isPrintableText, PRINTABLE).optional(),
  account: z.string().min(1).refine(isPrintableText, PRINTABLE),
  algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']).default('SHA1'),
  digits: z.number().int().min(6).max(8).default(6),
  image: z.string().refine(isHttpsUrl, 'must be an https: URL').optional(),
};

const inputSchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('totp'), ...common, period: z.number().int().min(1).max(3600).default(30) })
    .strict(),
  z
    .object({
      type: z.literal('hotp'),
      ...common,
      counter: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
    })
    .strict(),
]);

/**
 * Build a Google Authenticator key URI:
 * `otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER&algorithm=SHA1&digits=6&period=30`
 * (`counter=` instead of `period=` for HOTP, then `image=` when given). Issuer and account are
 * percent-encoded with `encodeURIComponent` (so `:` in them becomes `%3A`) and joined by a literal
 * `:`; without an issuer, an account that contains `:` gets an empty issuer prefix (`/:a%3Ab`) so
 * no parser can take its colon for the separator. Bad params throw a `TypeError` naming the param.
 *
 * @example
 * ```ts
 * buildOtpauthUri({ type: 'totp', secret, issuer: 'Acme Co', account: 'alice@acme.test' });
 * // 'otpauth://totp/Acme%20Co:alice%40acme.test?secret=…&issuer=Acme%20Co&algorithm=SHA1&digits=6&period=30'
 * ```
 */
export function buildOtpauthUri(params: OtpauthInput): string {
  const p = parseOptions(inputSchema, params, 'buildOtpauthUri');
  const e = encodeURIComponent;
  const label =
    p.issuer !== undefined
      ? `${e(p.issuer)}:${e(p.account)}`
      : `${p.account.includes(':') ? ':' : ''}${e(p.account)}`;
  let query = `secret=${encodeBase32(p.secret)}`;
  if (p.issuer !== undefined) query += `&issuer=${e(p.issuer)}`;
  query += `&algorithm=${p.algorithm}&digits=${p.digits}`;
  query += p.type === 'totp' ? `&period=${p.period}` : `&counter=${p.counter}`;
  if (p.image !== undefined) query += `&image=${e(p.image)}`;
  return `otpauth://${p.type}/${label}?${query}`;
}
