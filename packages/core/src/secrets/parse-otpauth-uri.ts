/**
 * Parsing `otpauth://` key URIs, such as a legacy key being imported or a URI pasted by an
 * administrator.
 *
 * Lenient on form, where real generators differ: the label separator written as `%3A`, a label
 * without issuer prefix, an issuer only in the label, spaces before the account, upper-case type
 * or algorithm, `+` for space in the query, unknown parameters. Strict on values: anything that
 * would give a weak or unusable key is refused with `OtpError('OTP_INVALID_URI')`, whose message
 * never contains the secret.
 */
import type { HashAlgorithm } from '../algorithms/types.js';
import { isOtpError, OtpError } from '../errors.js';
import { isPrintableText } from '../text/printable-text.js';
import { decodeBase32 } from './base32.js';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './generate-secret.js';
import type { OtpauthParams } from './otpauth-uri.js';

/** Far above any real key URI (a QR code holds under 3 kB); bounds the work on junk input. */
const MAX_URI_LENGTH = 8192;
const URI = /^otpauth:\/\/([^/?#]*)\/([^?#]*)(?:\?([^#]*))?$/i;
const KNOWN = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'image']);
const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const DECIMAL = /^[0-9]{1,16}$/;

function invalid(reason: string, cause?: unknown): never {
  throw new OtpError('OTP_INVALID_URI', `Invalid otpauth URI: ${reason}`, { cause });
}

function decode(raw: string, where: string): string {
  try {
    return decodeURIComponent(raw);
  } catch (err) {
    return invalid(`malformed percent-encoding in ${where}`, err);
  }
}

/** The query as a map; `+` means space there (form encoding), unlike in the path. */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey.replaceAll('+', ' '), 'a parameter name').toLowerCase();
    if (!KNOWN.has(key)) continue;
    // Two `secret=` (or `digits=`…) could be read differently by two parsers: refuse the ambiguity.
    if (params.has(key)) invalid(`duplicate parameter '${key}'`);
    params.set(key, decode(rawValue.replaceAll('+', ' '), `parameter '${key}'`));
  }
  return params;
}

/** Issuer prefix and account from the path. Our builder always writes a literal ':' separator. */
function parseLabel(rawLabel: string): { issuer: string; account: string } {
  const colon = rawLabel.indexOf(':');
  if (colon !== -1) {
    // Only literal spaces are the format's "optional spaces": an encoded %20 is part of the name.
    return {
      issuer: decode(rawLabel.slice(0, colon), 'the label'),
      account: decode(rawLabel.slice(colon + 1).replace(/^ +/, ''), 'the label'),
    };
  }
  const encoded = /%3A/i.exec(rawLabel);
  if (encoded !== null) {
    // Generators that encode the whole label ("Acme: alice") write the separator and its spaces encoded.
    return {
      issuer: decode(rawLabel.slice(0, encoded.index), 'the label'),
      account: decode(rawLabel.slice(encoded.index + 3), 'the label').replace(/^ +/, ''),
    };
  }
  return { issuer: '', account: decode(rawLabel, 'the label') };
}

function parseInteger(
  params: Map<string, string>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const text = params.get(key);
  if (text === undefined) return undefined;
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) invalid(`'${key}' must be an integer from ${min} to ${max}`);
  return value;
}

function parseSecret(text: string | undefined): Uint8Array {
  if (text === undefined || text === '') invalid("missing 'secret'");
  let secret: Uint8Array;
  try {
    secret = decodeBase32(text);
  } catch (err) {
    if (isOtpError(err, 'OTP_INVALID_SECRET')) invalid("'secret' is not valid base32", err);
    throw err;
  }
  if (secret.length < MIN_SECRET_BYTES || secret.length > MAX_SECRET_BYTES) {
    invalid(`'secret' must be ${MIN_SECRET_BYTES}–${MAX_SECRET_BYTES} bytes, got ${secret.length}`);
  }
  return secret;
}

/** `image` is cosmetic: one that is not an https: URL is dropped (never shown), not worth failing over. */
function parseImage(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return new URL(text).protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Parse a Google Authenticator key URI into {@link OtpauthParams}, filling the format's defaults
 * (SHA1, 6 digits, 30 s). The secret must be base32 of 16–64 bytes, so the wiki's example secret
 * `JBSWY3DPEHPK3PXP` (10 bytes) is refused; digits must be 6–8, period 1–3600, the HOTP counter a
 * non-negative safe integer (and present). When the `issuer` parameter and the label prefix
 * differ, the parameter wins, as the format says. An `image` that is not an https: URL is dropped.
 * Anything else wrong throws `OtpError('OTP_INVALID_URI')`; the message never contains the secret.
 *
 * @example
 * ```ts
 * const p = parseOtpauthUri('otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme');
 * // { type: 'totp', secret: Uint8Array(20), issuer: 'Acme', account: 'alice',
 * //   algorithm: 'SHA1', digits: 6, period: 30 }
 * ```
 */
export function parseOtpauthUri(uri: string): OtpauthParams {
  if (typeof uri !== 'string') invalid('not a string');
  if (uri.length > MAX_URI_LENGTH) invalid(`longer than ${MAX_URI_LENGTH} characters`);
  const match = URI.exec(uri);
  if (match === null) invalid("expected 'otpauth://totp/…' or 'otpauth://hotp/…' without a fragment");
  const type = match[1]!.toLowerCase();
  if (type !== 'totp' && type !== 'hotp') invalid("the type must be 'totp' or 'hotp'");

  const label = parseLabel(match[2]!);
  const params = parseQuery(match[3] ?? '');
  if (label.account === '') invalid('the label has no account name');
  // Decoded text goes into device lists, pages and logs: no line breaks, NUL, bidi overrides or lone surrogates.
  if (!isPrintableText(label.account)) invalid('the account name holds control or format characters');
  const secret = parseSecret(params.get('secret'));
  const issuer = params.get('issuer') || label.issuer || undefined;
  if (!isPrintableText(label.issuer) || (issuer !== undefined && !isPrintableText(issuer))) {
    invalid('the issuer holds control or format characters');
  }

  const algorithmText = params.get('algorithm')?.toUpperCase() ?? 'SHA1';
  const algorithm = ALGORITHMS.find((a) => a === algorithmText);
  if (algorithm === undefined) invalid("'algorithm' must be SHA1, SHA256 or SHA512");
  const digits = parseInteger(params, 'digits', 6, 8) ?? 6;
  const image = parseImage(params.get('image'));

  const common = {
    secret,
    ...(issuer !== undefined && { issuer }),
    account: label.account,
    algorithm,
    digits,
  };
  if (type === 'totp') {
    const period = parseInteger(params, 'period', 1, 3600) ?? 30;
    return { type, ...common, period, ...(image !== undefined && { image }) };
  }
  const counter = parseInteger(params, 'counter', 0, Number.MAX_SAFE_INTEGER);
  if (counter === undefined) invalid("an hotp URI needs 'counter'");
  return { type, ...common, counter, ...(image !== undefined && { image }) };
}
